using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SpiTools.Abstractions;
using SpiTools.Reporting;

namespace SpiTools.Commands
{
    /// <summary>
    /// Writes a fleet audit report: one self-contained HTML file from piped <see cref="Finding"/>,
    /// <see cref="DeviceAuditSummary"/> and <see cref="IpsecSa"/> objects (and <c>SaEvent</c> SA installs), live or
    /// deserialized (remoting, <c>Import-Clixml</c>, <c>Import-Csv</c>): they are read by property name, not by .NET type.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SpiReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportSpiReportCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly AuditReport _report = new AuditReport();

        /// <summary>The .html file to write.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The .html file to write, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>Findings, device summaries, SAs and SA events, from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>The page's title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "SpiTools fleet audit";

        /// <summary>Outputs the file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Does not replace an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Replaces a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var item in InputObject)
            {
                if (item == null) continue;
                string? typeName = item.TypeNames.FirstOrDefault(t => t.IndexOf("SpiTools.", StringComparison.Ordinal) >= 0);
                object? record = item.BaseObject is Finding || item.BaseObject is DeviceAuditSummary || item.BaseObject is IpsecSa || item.BaseObject is SaInstall
                    ? item.BaseObject
                    : ReportRecords.Convert(typeName, name => Value(item, name), item.Properties.Select(p => p.Name).ToList(), out _);
                if (record != null && _report.Add(record)) continue;
                if (record == null && IsNonInstallEvent(item)) continue;
                WriteError(new ErrorRecord(
                    new ArgumentException($"'{item.TypeNames.FirstOrDefault() ?? "object"}' is not a Finding, DeviceAuditSummary, IpsecSa or SaEvent: left out of the report."),
                    ErrorIds.ReportInputNotRecognized, ErrorCategory.InvalidType, item));
            }
        }

        protected override void EndProcessing()
        {
            string path = ParameterSetName == LiteralPathSet
                ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(LiteralPath)
                : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(path, "Write SpiTools report")) return;
            var file = new FileInfo(path);
            if (file.Exists)
            {
                if (NoClobber)
                {
                    ThrowTerminatingError(new ErrorRecord(new IOException($"The file '{path}' already exists (-NoClobber)."), ErrorIds.ReportFileExists, ErrorCategory.ResourceExists, path));
                    return;
                }
                if (Force && file.IsReadOnly) file.IsReadOnly = false;
            }
            _report.Title = Title;
            _report.GeneratedAt = DateTimeOffset.UtcNow;
            try
            {
                _report.WriteTo(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"Cannot write '{path}': {ex.Message}", ex), ErrorIds.ReportWriteFailed, ErrorCategory.WriteError, path));
                return;
            }
            WriteVerbose($"{path}: {_report.Devices.Count} device summaries, {_report.Findings.Count} findings, {_report.SecurityAssociations.Count} SAs, {_report.Installs.Count} SA installs");
            // The file as Get-Item gives it (with its provider properties), so the file system's own view shows its mode, time and size.
            if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
        }

        /// <summary>An SA event other than an install (deletes, errors): a SpiTools record the chart does not plot, not an error.</summary>
        private static bool IsNonInstallEvent(PSObject item) =>
            string.Equals(ReportRecordsText(Value(item, "RecordType")), "SaEvent", StringComparison.Ordinal) && ReportRecordsText(Value(item, "Kind")) != "SaInstalled";

        private static string? ReportRecordsText(object? value) => value?.ToString();

        /// <summary>A property's value as the converter takes it: the base object of primitives; a deserialized DateTimeOffset rebuilt.</summary>
        private static object? Value(PSObject item, string name)
        {
            var property = item.Properties[name];
            if (property == null) return null;
            object? value;
            try
            {
                value = property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
            if (value is PSObject ps)
            {
                // Import-Clixml gives DateTimeOffset back as a property bag: its UtcTicks say the instant.
                if (ps.BaseObject is PSCustomObject || ps.TypeNames.Any(t => t.StartsWith("Deserialized.", StringComparison.Ordinal)))
                {
                    var ticks = ps.Properties["UtcTicks"]?.Value;
                    if (ticks != null) return new DateTimeOffset(Convert.ToInt64(ticks, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
                    return ps.ToString();
                }
                value = ps.BaseObject;
            }
            return value is IEnumerable && !(value is string) ? null : value;
        }
    }
}
