using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>
    /// Turns an object known only by its property names and values into a record the report takes: a
    /// <see cref="Finding"/>, a <see cref="DeviceAuditSummary"/>, an <see cref="IpsecSa"/>, or an <see cref="SaInstall"/>
    /// (from a <c>SaEvent</c> of kind <c>SaInstalled</c> with a time). It reads live objects, PowerShell's deserialized
    /// ones (remoting, <c>Import-Clixml</c>), <c>Import-Csv</c> rows (every value a string) and the CLI's JSON alike:
    /// by property name, never by .NET type.
    /// </summary>
    public static class ReportRecords
    {
        /// <summary>The record types the report shows, as their <c>RecordType</c> says.</summary>
        public const string FindingType = "Finding", SummaryType = "DeviceAuditSummary", IpsecSaType = "IpsecSa", SaEventType = "SaEvent";

        /// <summary>
        /// The report record the properties describe, or null when they describe none of them.
        /// </summary>
        /// <param name="typeName">The object's type name when it has one (<c>SpiTools.Finding</c>, <c>Deserialized.SpiTools.IpsecSa</c>,
        /// <c>CSV:SpiTools.Finding</c>); the <c>RecordType</c> property, when present, takes precedence.</param>
        /// <param name="property">The value of a property by name, or null when there is no such property. Values may be
        /// strings (parsed with the invariant culture), numbers, booleans, <see cref="DateTime"/> or <see cref="DateTimeOffset"/>.</param>
        /// <param name="recordType">The record type recognised (also when the record is not one the report shows, e.g. <c>VpnContext</c>).</param>
        public static object? Convert(string? typeName, Func<string, object?> property, out string? recordType) =>
            Convert(typeName, property, null, out recordType);

        /// <summary>
        /// As <see cref="Convert(string?, Func{string, object?}, out string?)"/>, knowing the names of all the object's
        /// properties: a summary's properties that are none of <see cref="DeviceAuditSummary"/>'s own (the inventory's
        /// columns, such as Site or Owner, written as properties, JSON properties or CSV columns) become its
        /// <see cref="DeviceAuditSummary.InventoryColumns"/> again, in the order given, so a report rebuilt from saved
        /// records shows them as the live one did.
        /// </summary>
        /// <param name="typeName">The object's type name when it has one (see the overload without property names).</param>
        /// <param name="property">The value of a property by name, or null when there is no such property.</param>
        /// <param name="propertyNames">Every property name of the object, in its order; null: unknown (no inventory columns are read).</param>
        /// <param name="recordType">The record type recognised.</param>
        public static object? Convert(string? typeName, Func<string, object?> property, IEnumerable<string>? propertyNames, out string? recordType)
        {
            if (property == null) throw new ArgumentNullException(nameof(property));
            recordType = Text(property("RecordType")) ?? TypeFromName(typeName) ?? TypeFromShape(property);
            switch (recordType)
            {
                case FindingType: return ToFinding(property);
                case SummaryType: return WithInventoryColumns(ToSummary(property), property, propertyNames);
                case IpsecSaType: return ToIpsecSa(property);
                case SaEventType: return ToInstall(property);
                default: return null;
            }
        }

        private static string? TypeFromName(string? typeName)
        {
            if (string.IsNullOrEmpty(typeName)) return null;
            string name = typeName!;
            foreach (var prefix in new[] { "Deserialized.", "CSV:" })
                if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name.Substring(prefix.Length);
            if (name.StartsWith("Deserialized.", StringComparison.Ordinal)) name = name.Substring("Deserialized.".Length);
            // A view's name after '#' (Invoke-SpiAudit's SpiTools.Finding#Audit) is the same record type.
            int view = name.IndexOf('#');
            if (view >= 0) name = name.Substring(0, view);
            return name.StartsWith("SpiTools.", StringComparison.Ordinal) ? name.Substring("SpiTools.".Length) : null;
        }

        /// <summary>Objects without a RecordType or type name (a hand-made <c>[pscustomobject]</c>): by the properties only one type has.</summary>
        private static string? TypeFromShape(Func<string, object?> p)
        {
            if (p("Code") != null && p("Evidence") != null) return FindingType;
            if (p("Status") != null && p("SaCount") != null) return SummaryType;
            if (p("Spi") != null && p("Direction") != null && (p("RemainingKilobytes") != null || p("RemainingSeconds") != null)) return IpsecSaType;
            if (p("Kind") != null && p("Time") != null) return SaEventType;
            return null;
        }

        private static Finding ToFinding(Func<string, object?> p) => new Finding
        {
            Code = Text(p("Code")) ?? "",
            Severity = Text(p("Severity")) ?? FindingSeverity.Info,
            Device = Text(p("Device")),
            Peer = Text(p("Peer")),
            PeerDevice = Text(p("PeerDevice")),
            LocalIdent = Text(p("LocalIdent")),
            RemoteIdent = Text(p("RemoteIdent")),
            Spi = Text(p("Spi")),
            Context = Text(p("Context")),
            Evidence = Text(p("Evidence")) ?? "",
            Remediation = Text(p("Remediation")),
            BlastRadius = Text(p("BlastRadius")),
            NextStep = Text(p("NextStep")),
            RekeyIntervalSeconds = Double(p("RekeyIntervalSeconds")),
            MeasuredIntervalSeconds = Double(p("MeasuredIntervalSeconds")),
            ThroughputMbps = Double(p("ThroughputMbps")),
            Assumptions = Text(p("Assumptions")),
            BasedOnDamagedCapture = Bool(p("BasedOnDamagedCapture")) ?? false,
            SourceLines = Text(p("SourceLines")),
            Change = Text(p("Change")),
            Source = Text(p("Source")),
            Line = (int)(Long(p("Line")) ?? 0),
            LastLine = (int)(Long(p("LastLine")) ?? 0),
        };

        private static DeviceAuditSummary ToSummary(Func<string, object?> p) => new DeviceAuditSummary
        {
            Device = Text(p("Device")),
            Hostname = Text(p("Hostname")),
            Platform = Text(p("Platform")),
            Status = Text(p("Status")) ?? AuditStatus.Healthy,
            SaCount = (int)(Long(p("SaCount")) ?? 0),
            ContextCount = (int)(Long(p("ContextCount")) ?? 0),
            CriticalCount = (int)(Long(p("CriticalCount")) ?? 0),
            WarningCount = (int)(Long(p("WarningCount")) ?? 0),
            InfoCount = (int)(Long(p("InfoCount")) ?? 0),
            ErrorId = Text(p("ErrorId")),
            ErrorMessage = Text(p("ErrorMessage")),
            StartedAt = Time(p("StartedAt")) ?? default,
            DurationSeconds = Double(p("DurationSeconds")) ?? 0,
            CaptureFolder = Text(p("CaptureFolder")),
            ComparedWith = Text(p("ComparedWith")),
            NewCount = (int)(Long(p("NewCount")) ?? 0),
            PersistingCount = (int)(Long(p("PersistingCount")) ?? 0),
            ResolvedCount = (int)(Long(p("ResolvedCount")) ?? 0),
            NotJudgedCount = (int)(Long(p("NotJudgedCount")) ?? 0),
            Source = Text(p("Source")),
        };

        /// <summary>A summary's own properties, and what PowerShell adds to an object sent through remoting: never an inventory column.</summary>
        private static readonly HashSet<string> SummaryOwn = new HashSet<string>(
            typeof(DeviceAuditSummary).GetProperties().Select(p => p.Name).Concat(new[] { "PSComputerName", "PSShowComputerName", "RunspaceId" }),
            StringComparer.OrdinalIgnoreCase);

        private static DeviceAuditSummary WithInventoryColumns(DeviceAuditSummary summary, Func<string, object?> p, IEnumerable<string>? names)
        {
            if (names == null) return summary;
            var columns = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(SummaryOwn, StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
                if (!string.IsNullOrEmpty(name) && seen.Add(name)) columns.Add(new KeyValuePair<string, string>(name, Text(p(name)) ?? ""));
            summary.SetInventoryColumns(columns);
            return summary;
        }

        private static IpsecSa ToIpsecSa(Func<string, object?> p) => new IpsecSa
        {
            Device = Text(p("Device")),
            Platform = Text(p("Platform")),
            Peer = Text(p("Peer")),
            Spi = Text(p("Spi")),
            Direction = Text(p("Direction")),
            Protocol = Text(p("Protocol")) ?? "esp",
            IsCurrentOutbound = Bool(p("IsCurrentOutbound")) ?? false,
            IsCurrentInbound = Bool(p("IsCurrentInbound")) ?? false,
            State = Text(p("State")),
            Status = Text(p("Status")),
            RemainingKilobytes = Long(p("RemainingKilobytes")),
            RemainingSeconds = Long(p("RemainingSeconds")),
            VolumeRekeyDisabled = Bool(p("VolumeRekeyDisabled")) ?? false,
            ConnectionId = Long(p("ConnectionId")),
            Interface = Text(p("Interface")),
            LocalIdent = Text(p("LocalIdent")),
            RemoteIdent = Text(p("RemoteIdent")),
            PacketsEncapsulated = Long(p("PacketsEncapsulated")),
            PacketsDecapsulated = Long(p("PacketsDecapsulated")),
            CurrentOutboundSpi = Text(p("CurrentOutboundSpi")),
            Incomplete = Bool(p("Incomplete")) ?? false,
            Source = Text(p("Source")),
            Line = (int)(Long(p("Line")) ?? 0),
        };

        /// <summary>An SA install with a time, or null for any other event (the report plots installs only).</summary>
        private static SaInstall? ToInstall(Func<string, object?> p)
        {
            if (!string.Equals(Text(p("Kind")), "SaInstalled", StringComparison.Ordinal)) return null;
            var time = Time(p("Time"));
            if (time == null) return null;
            return new SaInstall { Device = Text(p("Device")), Peer = Text(p("Peer")), Spi = Text(p("Spi")), Time = time.Value.DateTime };
        }

        // ---- values: strings from CSV and JSON, typed values from live and deserialized objects ----

        internal static string? Text(object? value)
        {
            switch (value)
            {
                case null: return null;
                case string s: return s.Length == 0 ? null : s;
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    var text = value.ToString();
                    return string.IsNullOrEmpty(text) ? null : text;
            }
        }

        internal static long? Long(object? value)
        {
            switch (value)
            {
                case null: return null;
                case long l: return l;
                case int i: return i;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 9e18: return (long)d;
                case IConvertible c when !(value is string) && !(value is bool):
                    try { return c.ToInt64(CultureInfo.InvariantCulture); } catch (FormatException) { return null; } catch (OverflowException) { return null; } catch (InvalidCastException) { return null; }
                default:
                    var text = Text(value);
                    return text != null && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
            }
        }

        internal static double? Double(object? value)
        {
            switch (value)
            {
                case null: return null;
                case double d: return d;
                case float f: return f;
                case long l: return l;
                case int i: return i;
                case decimal m: return (double)m;
                default:
                    var text = Text(value);
                    return text != null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
            }
        }

        internal static bool? Bool(object? value)
        {
            switch (value)
            {
                case null: return null;
                case bool b: return b;
                default:
                    var text = Text(value)?.Trim();
                    if (text == null) return null;
                    if (string.Equals(text, "True", StringComparison.OrdinalIgnoreCase)) return true;
                    if (string.Equals(text, "False", StringComparison.OrdinalIgnoreCase)) return false;
                    return null;
            }
        }

        internal static DateTimeOffset? Time(object? value)
        {
            switch (value)
            {
                case null: return null;
                case DateTimeOffset o: return o;
                case DateTime d: return new DateTimeOffset(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc), TimeSpan.Zero);
                default:
                    var text = Text(value)?.Trim();
                    if (text == null) return null;
                    // ISO 8601 (JSON), then the invariant culture's general form (Export-Csv in an invariant session).
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t)) return t;
                    if (DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out t)) return t;
                    return null;
            }
        }
    }
}
