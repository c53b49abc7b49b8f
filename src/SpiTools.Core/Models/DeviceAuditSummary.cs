using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools
{
    /// <summary>
    /// One row of an audit's morning report: a device, whether it was healthy, had findings or failed, the counts,
    /// the failure's ErrorId, how long it took and where its raw outputs were saved. Flat, for <c>Export-Csv</c>.
    /// </summary>
    public sealed class DeviceAuditSummary : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "DeviceAuditSummary";

        /// <summary>The device's identity: the inventory's <c>Name</c>, else <c>host[:port][/context]</c>; two contexts of one box, or two boxes with one host name, are two devices.</summary>
        public string? Device { get; internal set; }

        /// <summary>The host name its prompt showed (null when it failed before, or on FTD's bare <c>&gt;</c>).</summary>
        public string? Hostname { get; internal set; }

        /// <summary>ASA, FTD or IOS-XE, as the device's prompt and <c>show version</c> told (null when it failed before).</summary>
        public string? Platform { get; internal set; }

        /// <summary><see cref="AuditStatus"/>: Healthy, Findings or Failed.</summary>
        public string Status { get; internal set; } = AuditStatus.Healthy;

        /// <summary>IPsec SAs read.</summary>
        public int SaCount { get; internal set; }

        /// <summary>VPN contexts read (ASA, FTD); null on IOS-XE, which has no VPN context table, and for a device not read.</summary>
        public int? ContextCount { get; internal set; }

        /// <summary>Critical findings.</summary>
        public int CriticalCount { get; internal set; }

        /// <summary>Warning findings.</summary>
        public int WarningCount { get; internal set; }

        /// <summary>Informational findings.</summary>
        public int InfoCount { get; internal set; }

        /// <summary>The failure's ErrorId (AuthenticationFailed, ConnectionTimeout, …) when <see cref="Status"/> is Failed.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>The failure's message (never a secret).</summary>
        public string? ErrorMessage { get; internal set; }

        /// <summary>When the device's collection started.</summary>
        public DateTimeOffset StartedAt { get; internal set; }

        /// <summary>Seconds from connecting to the end of its diagnosis.</summary>
        public double DurationSeconds { get; internal set; }

        /// <summary>The folder its raw outputs were saved in (with <c>-SaveCapture</c>), for offline replay.</summary>
        public string? CaptureFolder { get; internal set; }

        /// <summary>The device's previous run its findings were compared with: that run's saved folder, named after the time it started (UTC); null when there was none.</summary>
        public string? ComparedWith { get; internal set; }

        /// <summary>Findings new since the previous run (0 when there was none to compare with).</summary>
        public int NewCount { get; internal set; }

        /// <summary>Findings of the previous run still found in this one.</summary>
        public int PersistingCount { get; internal set; }

        /// <summary>Findings of the previous run no longer found (each output again with Change Resolved).</summary>
        public int ResolvedCount { get; internal set; }

        /// <summary>
        /// Findings of the previous run this run could not judge: judged on counter growth, with no traffic since that run
        /// (each output again with Change NotJudged). Not resolved: they count with this run's findings by severity.
        /// </summary>
        public int NotJudgedCount { get; internal set; }

        /// <summary>The host as the inventory or -ComputerName gave it.</summary>
        public string? Source { get; internal set; }

        /// <inheritdoc />
        public int Line { get; internal set; }

        /// <inheritdoc />
        public int LastLine { get; internal set; }

        private IReadOnlyList<KeyValuePair<string, string>> _inventoryColumns = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>
        /// The inventory row's other columns (Site, Owner, Region, …), name and value in the inventory's order; empty when
        /// the device came from no inventory. A method rather than a property: each column is written as a property of its
        /// own (a note property in PowerShell, a JSON property and a CSV column in the CLI, a column of the report).
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> InventoryColumns() => _inventoryColumns;

        /// <summary>Sets what <see cref="InventoryColumns"/> gives (a copy; null: none).</summary>
        internal void SetInventoryColumns(IEnumerable<KeyValuePair<string, string>>? columns) =>
            _inventoryColumns = columns == null ? Array.Empty<KeyValuePair<string, string>>() : (IReadOnlyList<KeyValuePair<string, string>>)columns.ToList().AsReadOnly();

        /// <inheritdoc />
        public override string ToString() => $"{Device}: {Status}" + (ErrorId != null ? $" ({ErrorId})" : $" ({CriticalCount} critical, {WarningCount} warning, {InfoCount} info)");
    }
}
