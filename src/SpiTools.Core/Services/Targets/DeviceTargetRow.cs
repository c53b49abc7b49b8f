using System;
using System.Collections.Generic;
using SpiTools.Devices;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// One device as a front end was given it: a <c>-ComputerName</c> or <c>--host</c> value, an inventory row, or a
    /// Posh-SSH session. What a row leaves out comes from the run's <see cref="DeviceTargetSpec"/>.
    /// </summary>
    public sealed class DeviceTargetRow
    {
        /// <summary>The host name or address to connect to (for a ready shell: the label its session gives).</summary>
        public string Host { get; set; } = "";

        /// <summary>The inventory's Name for the device, when it has one (null: the device is known by its host, port and context).</summary>
        public string? Name { get; set; }

        /// <summary>
        /// The inventory row's other columns (Site, Owner, Region, … every column that is not a connection column, see
        /// <see cref="InventoryColumnNames"/>), name and value in the inventory's order; carried to the device's summary.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> InventoryColumns { get; set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>The row's SSH port (null: the spec's).</summary>
        public int? Port { get; set; }

        /// <summary>The row's security context (null or empty: the spec's).</summary>
        public string? Context { get; set; }

        /// <summary>The row's user name (null: the spec's).</summary>
        public string? UserName { get; set; }

        /// <summary>The row's password, or the key's passphrase with a key file (null: the spec's). The front end that made it disposes it.</summary>
        public DeviceSecret? Password { get; set; }

        /// <summary>The row's expected host key fingerprint (null or empty: the spec's).</summary>
        public string? HostKeyFingerprint { get; set; }

        /// <summary>The inventory line the row comes from (0 when it comes from a parameter).</summary>
        public int Line { get; set; }

        /// <summary>
        /// Where the row comes from, as an error names it (<c>inventory.csv line 4</c>, <c>piped row 3</c>); null for a
        /// device given as a parameter. A row with an origin is an inventory row: a bad cell of it fails that device only
        /// (<see cref="DeviceTargetBuilder.RowFailure"/>), where a bad parameter refuses the whole run.
        /// </summary>
        public string? Origin { get; set; }

        /// <summary>Opens a shell on a connection the caller already has (Posh-SSH); null to connect over SSH.</summary>
        public Func<IDeviceChannel>? OpenChannel { get; set; }
    }
}
