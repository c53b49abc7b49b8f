using System;
using System.Collections.Generic;
using SpiTools.Devices;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// A device of the run that could not be made ready to collect from (no login for it, a credential store that lacks
    /// its secret): nothing is sent to it. An audit writes its error once and gives it a Failed
    /// <see cref="DeviceAuditSummary"/> named by its identity, with its inventory columns, as for a device that failed to
    /// connect. Made by <see cref="DeviceTargetBuilder.Failure(DeviceTargetRow, string, Abstractions.SpiErrorCategory, string, Exception?)"/>.
    /// </summary>
    public sealed class DeviceSetUpFailure
    {
        internal DeviceSetUpFailure(string device, string host, IReadOnlyList<KeyValuePair<string, string>> inventoryColumns, DeviceException error)
        {
            Device = device;
            Host = host;
            InventoryColumns = inventoryColumns;
            Error = error;
        }

        /// <summary>The device's identity (<see cref="DeviceId"/>): the inventory's name, else <c>host[:port][/context]</c>.</summary>
        public string Device { get; }

        /// <summary>The host as the inventory or the command line gave it.</summary>
        public string Host { get; }

        /// <summary>The inventory row's other columns (Site, Owner, …), carried to the device's summary.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> InventoryColumns { get; }

        /// <summary>Why the device was not worked on: its ErrorId, category and message (headed by the device's label).</summary>
        public DeviceException Error { get; }
    }
}
