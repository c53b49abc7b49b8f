using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// The columns of an inventory that say how to reach a device (<c>ComputerName</c>, <c>Name</c>, <c>Port</c>, …);
    /// every other column (Site, Owner, Region, …) is the operator's own and is carried to the device's
    /// <see cref="DeviceAuditSummary"/> as it was given, in the inventory's order. Both front ends ask here.
    /// </summary>
    public static class InventoryColumnNames
    {
        private static readonly HashSet<string> Connection = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ComputerName", "Host", "HostName", "Name", "Port", "Context", "User", "UserName", "CredentialName", "HostKeyFingerprint",
        };

        /// <summary>The connection columns, compared without case.</summary>
        public static IReadOnlyCollection<string> ConnectionColumns => Connection;

        /// <summary>True for a column that says how to reach the device (not carried to the summary).</summary>
        public static bool IsConnectionColumn(string name) => Connection.Contains(name.Trim());

        /// <summary>The columns that are not connection columns, in their order, names trimmed; a value missing is empty.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Extra(IEnumerable<KeyValuePair<string, string?>> columns) =>
            columns.Where(c => !string.IsNullOrWhiteSpace(c.Key) && !IsConnectionColumn(c.Key))
                   .Select(c => new KeyValuePair<string, string>(c.Key.Trim(), c.Value ?? ""))
                   .ToList();
    }
}
