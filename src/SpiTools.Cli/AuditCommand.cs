using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Diagnosis;
using SpiTools.Services;
using SpiTools.Services.Targets;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>spitools audit</c>: many devices from an inventory, collected and diagnosed in parallel, for schedulers.
    /// The devices collected are also paired as the two ends of their tunnels (both-ends findings after every device's
    /// own, counted in the summary of the device each is reported on).
    /// Exit codes: 0 every device healthy, 4 findings at least as severe as --fail-on (a both-ends finding too, EndsAgree aside),
    /// 5 some devices failed, 6 both (see README).
    /// </summary>
    internal static class AuditCommand
    {
        /// <summary>The record types an audit writes, each its own CSV table.</summary>
        private static readonly string[] RecordTypes = { nameof(Finding), nameof(DeviceAuditSummary) };

        public static Command Create()
        {
            var device = new DeviceOptions();
            var throttle = new Option<int>("--throttle") { Description = "Devices worked on at once.", DefaultValueFactory = _ => OptionLimits.DefaultThrottleLimit }
                .InRange(OptionLimits.MinThrottleLimit, OptionLimits.MaxThrottleLimit, $"a whole number from {OptionLimits.MinThrottleLimit} to {OptionLimits.MaxThrottleLimit}");
            var output = new Option<string>("--out")
            {
                Description = "Keep every raw output in OUT/<device>/<run time>/; the previous run there is the next run's before snapshot. With --format csv, " +
                              "also OUT/Finding.csv and OUT/DeviceAuditSummary.csv: one file per record type, the latest run's.",
            };
            var format = CommonOptions.Format();
            var recordType = new Option<string>("--record-type")
            {
                Description = "Write only this record type: Finding or DeviceAuditSummary (what --format csv to standard output needs: one CSV table).",
            };
            recordType.AcceptOnlyFromAmong(RecordTypes);
            var threshold = new Option<double>("--rekey-threshold") { Description = "Report rekey churn below this projected rekey interval, in seconds.", DefaultValueFactory = _ => OptionLimits.DefaultRekeyThresholdSeconds }
                .InRange(OptionLimits.MinRekeyThresholdSeconds, OptionLimits.MaxRekeyThresholdSeconds, $"seconds from {OptionLimits.MinRekeyThresholdSeconds} to {OptionLimits.MaxRekeyThresholdSeconds}");
            var tolerance = new Option<double>("--path-loss-tolerance")
            {
                Description = "With --out (the previous run as before snapshot) and both ends audited: report path loss only beyond this share of the packets sent, in percent.",
                DefaultValueFactory = _ => OptionLimits.DefaultPathLossTolerancePercent,
            }.InRange(OptionLimits.MinPathLossTolerancePercent, OptionLimits.MaxPathLossTolerancePercent, $"a percentage from {OptionLimits.MinPathLossTolerancePercent} to {OptionLimits.MaxPathLossTolerancePercent}");
            var failOn = FailOnOption.Create(FailOnOption.Info, "Failed devices always make it 5 (6 with findings).");
            var healthy = new Option<bool>("--include-healthy")
            {
                Description = "Also report tunnels whose two ends, both audited, agree (EndsAgree, with both ends' SPIs); it does not change a summary or the exit code.",
            };
            var peerOf = PeerOfOption.Create("entries are matched by mirrored proxies. Devices are named as in the Device column: the inventory's Name, else host[:port][/context].");
            var debug = CommonOptions.Debug();
            var command = new Command("audit", "Audit many devices over SSH in parallel: each device's findings, the two ends of each tunnel among them compared, and one summary per device; exit code 0 healthy, 4 findings, 5 some devices failed, 6 both.")
            {
                throttle, output, format, recordType, threshold, tolerance, healthy, peerOf, failOn, debug,
            };
            device.AddFleetTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    var fmt = result.GetValue(format);
                    string? only = result.GetValue(recordType);
                    string? outDir = result.GetValue(output);
                    // CSV is one table per record type: files under --out, or the one type asked for on standard output.
                    bool csvFiles = fmt == OutputFormat.Csv && outDir != null && only == null;
                    if (fmt == OutputFormat.Csv && outDir == null && only == null)
                        return ArgumentErrors.Write("--format csv: an audit writes two record types (Finding, DeviceAuditSummary) and one CSV table holds one; " +
                                                    "choose one with --record-type Finding|DeviceAuditSummary, or give --out DIR for one file each");
                    var diagnosis = new DiagnosisOptions
                    {
                        RekeyChurnThresholdSeconds = result.GetValue(threshold),
                        IncludeHealthy = result.GetValue(healthy),
                        PathLossTolerancePercent = result.GetValue(tolerance),
                    };
                    if (!PeerOfOption.TryAddTo(result, peerOf, diagnosis)) return ExitCodes.InvalidArgument;
                    var written = new List<ICaptureRecord>();
                    using var writer = fmt == OutputFormat.Table || csvFiles ? null : new RecordWriter(text, stdout, fmt);
                    using var sink = new ConsoleSink(o =>
                    {
                        var r = (ICaptureRecord)o;
                        written.Add(r);
                        if (only == null || r.GetType().Name == only) writer?.Write(r);
                    }, Console.Error, dbg);

                    IReadOnlyList<DeviceTarget>? targets;
                    try
                    {
                        targets = device.Targets(result, null, sink.Warning);
                    }
                    catch (Devices.DeviceException ex)
                    {
                        sink.Error(ex.ErrorId, ex.Category, ex, null);
                        return sink.ExitCode;
                    }
                    catch (InvalidDataException ex)
                    {
                        sink.Error(Abstractions.ErrorIds.InvalidInventory, Abstractions.SpiErrorCategory.InvalidData, ex, null);
                        return ExitCodes.InvalidArgument;
                    }
                    catch (IOException ex)
                    {
                        sink.Error(Abstractions.ErrorIds.InvalidInventory, Abstractions.SpiErrorCategory.InvalidData, ex, null);
                        return ExitCodes.InputError;
                    }
                    var inventoryColumns = SummaryColumns.Union(targets.Select(t => t.InventoryColumns));
                    if (writer != null) writer.SummaryInventoryColumns = inventoryColumns;
                    // A part of the inventory may hold no device; an audit given none at all is refused.
                    var notReady = device.NotReady;
                    if (targets.Count + notReady.Count == 0 && result.GetValue(device.Partition) == null) return ArgumentErrors.Write("--inventory: no devices; give --inventory FILE or --host");
                    if (result.GetValue(device.Partition) is { } part) sink.Note($"partition {part}: {targets.Count + notReady.Count} device(s)");
                    var options = new AuditOptions
                    {
                        ThrottleLimit = result.GetValue(throttle),
                        Diagnosis = diagnosis,
                        // JSON is what the report reads: it carries each device's SAs for the SA tables and lifetime charts.
                        IncludeSecurityAssociations = fmt == OutputFormat.Json,
                        SaveCapture = outDir != null ? Path.GetFullPath(outDir) : null,
                    };
                    if (targets.Count + notReady.Count > 0)
                    {
                        // The same pipeline as Invoke-SpiAudit; a device with no login is a Failed row of it, as in Invoke-SpiAudit.
                        var pipeline = AuditPipeline.Begin(new AuditPipelineOptions { Audit = options, Cancellation = sink.Cancellation }, sink);
                        var connector = DeviceConnectors.Ssh();
                        foreach (var t in targets) pipeline.Add(PipelineInput.Live(t, connector));
                        foreach (var failure in notReady) pipeline.Add(failure);
                        pipeline.End();
                    }
                    if (writer != null) writer.Complete();
                    else if (csvFiles) AuditCsvFiles.Write(Path.GetFullPath(outDir!), RecordTypes, written, inventoryColumns, sink);
                    else WriteTable(text, written, only);
                    text.Flush();
                    // Ctrl+C: every device's summary is written above (a device in flight as stopped); the exit says the run was cut.
                    if (sink.IsStopping) return ExitCodes.Interrupted;
                    var summaries = written.OfType<DeviceAuditSummary>().ToList();
                    bool failed = summaries.Any(s => s.Status == AuditStatus.Failed) || summaries.Count < targets.Count + notReady.Count;
                    bool found = summaries.Any(s => FailOnOption.Fails(result.GetValue(failOn), s));
                    return failed && found ? ExitCodes.SomeFailedAndFindings : failed ? ExitCodes.SomeFailed : found ? ExitCodes.Findings : ExitCodes.Ok;
                });
            });
            return command;
        }

        private static void WriteTable(TextWriter w, IReadOnlyList<ICaptureRecord> written, string? only)
        {
            if (only == nameof(Finding)) written = written.OfType<Finding>().ToList();
            if (only == nameof(DeviceAuditSummary)) written = written.OfType<DeviceAuditSummary>().ToList();
            var summaries = written.OfType<DeviceAuditSummary>().OrderBy(s => s.Status == AuditStatus.Failed ? 0 : s.Status == AuditStatus.Findings ? 1 : 2)
                .ThenByDescending(s => s.CriticalCount).ThenBy(s => s.Device, StringComparer.Ordinal).ToList();
            if (summaries.Count > 0) w.WriteLine($"{"Device",-24} {"Status",-8} {"Crit",4} {"Warn",4} {"Info",4} {"SAs",5} {"Secs",6}  Error");
            foreach (var s in summaries)
                w.WriteLine($"{Trim(s.Device, 24),-24} {s.Status,-8} {s.CriticalCount,4} {s.WarningCount,4} {s.InfoCount,4} {s.SaCount,5} {s.DurationSeconds,6:0.0}  {s.ErrorId}");
            var findings = written.OfType<Finding>().ToList();
            if (findings.Count == 0) return;
            if (summaries.Count > 0) w.WriteLine();
            // What changed since the last run, as a first column, only when a run was compared (else the lines stay short).
            bool compared = findings.Any(f => f.Change != null);
            foreach (var f in findings.OrderByDescending(f => FindingSeverity.Rank(f.Severity)))
                w.WriteLine((compared ? $"{f.Change ?? "",-10} " : "") + $"[{f.Severity}] {f.Device} {f.Code}" + (f.PeerDevice != null ? $" with {f.PeerDevice}" : "") + (f.Peer != null ? $" peer {f.Peer}" : "") + (f.Spi != null ? $" SPI {f.Spi}" : "") +
                            (f.Remediation != null ? $": {f.Remediation}" : ""));
        }

        private static string Trim(string? s, int width) => s == null ? "" : s.Length <= width ? s : s.Substring(0, width - 1) + "…";
    }
}
