using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Diagnosis;
using SpiTools.Services;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>spitools audit</c>: many devices from an inventory, collected and diagnosed in parallel, for schedulers.
    /// The devices collected are also paired as the two ends of their tunnels (both-ends findings after every device's
    /// own, counted in the summary of the device each is reported on).
    /// Exit codes: 0 every device healthy, 4 findings present (a both-ends finding too, EndsAgree aside), 5 some devices failed (see README).
    /// </summary>
    internal static class AuditCommand
    {
        public const int ExitFindings = 4;
        public const int ExitSomeFailed = 5;

        public static Command Create()
        {
            var device = new DeviceOptions();
            var inventory = new Option<string>("--inventory") { Description = "CSV inventory: ComputerName or Host, and optionally Port, Context, User, CredentialName (its password from SPITOOLS_PASSWORD_<NAME>)." };
            var throttle = new Option<int>("--throttle") { Description = "Devices worked on at once.", DefaultValueFactory = _ => 8 };
            var deviceTimeout = new Option<int>("--device-timeout") { Description = "Longest time for one device, connection included, in seconds.", DefaultValueFactory = _ => 300 };
            var output = new Option<string>("--out") { Description = "Keep every raw output in OUT/<device>/<run time>/; the previous run there is the next run's before snapshot." };
            var format = CommonOptions.Format();
            var threshold = new Option<double>("--rekey-threshold") { Description = "Report rekey churn below this projected rekey interval, in seconds.", DefaultValueFactory = _ => 300 };
            var healthy = new Option<bool>("--include-healthy")
            {
                Description = "Also report tunnels whose two ends, both audited, agree (EndsAgree, with both ends' SPIs); it does not change a summary or the exit code.",
            };
            var peerOf = PeerOfOption.Create("entries are matched by mirrored proxies. Devices are named by their prompts.");
            var debug = CommonOptions.Debug();
            var command = new Command("audit", "Audit many devices over SSH in parallel: each device's findings, the two ends of each tunnel among them compared, and one summary per device; exit code 0 healthy, 4 findings, 5 some devices failed.")
            {
                inventory, throttle, deviceTimeout, output, format, threshold, healthy, peerOf, debug,
            };
            device.AddTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    var fmt = result.GetValue(format);
                    var diagnosis = new DiagnosisOptions { RekeyChurnThresholdSeconds = result.GetValue(threshold), IncludeHealthy = result.GetValue(healthy) };
                    if (!PeerOfOption.TryAddTo(result, peerOf, diagnosis)) return ExitCodes.InvalidArgument;
                    var written = new List<ICaptureRecord>();
                    using var writer = fmt == OutputFormat.Table ? null : new RecordWriter(text, stdout, fmt);
                    using var sink = new ConsoleSink(o =>
                    {
                        var r = (ICaptureRecord)o;
                        written.Add(r);
                        writer?.Write(r);
                    }, Console.Error, dbg);

                    IReadOnlyList<DeviceTarget>? targets;
                    try
                    {
                        var path = result.GetValue(inventory);
                        targets = path != null ? device.Targets(result, InventoryRow.Read(path), null) : device.Targets(result, null);
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
                    if (targets.Count == 0)
                    {
                        Console.Error.WriteLine("spitools: no devices: give --inventory FILE or --host");
                        return ExitCodes.InvalidArgument;
                    }
                    foreach (var t in targets) t.DeviceTimeout = TimeSpan.FromSeconds(Math.Max(5, result.GetValue(deviceTimeout)));
                    var options = new AuditOptions
                    {
                        ThrottleLimit = Math.Max(1, result.GetValue(throttle)),
                        Diagnosis = diagnosis,
                        // JSON is what the report reads: it carries each device's SAs for the SA tables and lifetime charts.
                        IncludeSecurityAssociations = fmt == OutputFormat.Json,
                        SaveCapture = result.GetValue(output) is { } o ? Path.GetFullPath(o) : null,
                    };
                    AuditService.Run(targets, DeviceConnectors.Ssh(), options, sink, sink.Cancellation);
                    if (writer != null) writer.Complete();
                    else WriteTable(text, written);
                    text.Flush();
                    var summaries = written.OfType<DeviceAuditSummary>().ToList();
                    if (summaries.Any(s => s.Status == AuditStatus.Failed) || summaries.Count < targets.Count) return ExitSomeFailed;
                    return summaries.Any(s => s.Status == AuditStatus.Findings) ? ExitFindings : ExitCodes.Ok;
                });
            });
            return command;
        }

        private static void WriteTable(TextWriter w, IReadOnlyList<ICaptureRecord> written)
        {
            var summaries = written.OfType<DeviceAuditSummary>().OrderBy(s => s.Status == AuditStatus.Failed ? 0 : s.Status == AuditStatus.Findings ? 1 : 2)
                .ThenByDescending(s => s.CriticalCount).ThenBy(s => s.Device, StringComparer.Ordinal).ToList();
            w.WriteLine($"{"Device",-24} {"Status",-8} {"Crit",4} {"Warn",4} {"Info",4} {"SAs",5} {"Secs",6}  Error");
            foreach (var s in summaries)
                w.WriteLine($"{Trim(s.Device, 24),-24} {s.Status,-8} {s.CriticalCount,4} {s.WarningCount,4} {s.InfoCount,4} {s.SaCount,5} {s.DurationSeconds,6:0.0}  {s.ErrorId}");
            var findings = written.OfType<Finding>().ToList();
            if (findings.Count == 0) return;
            w.WriteLine();
            foreach (var f in findings.OrderByDescending(f => FindingSeverity.Rank(f.Severity)))
                w.WriteLine($"[{f.Severity}] {f.Device} {f.Code}" + (f.PeerDevice != null ? $" with {f.PeerDevice}" : "") + (f.Peer != null ? $" peer {f.Peer}" : "") + (f.Spi != null ? $" SPI {f.Spi}" : "") +
                            (f.Remediation != null ? $": {f.Remediation}" : ""));
        }

        private static string Trim(string? s, int width) => s == null ? "" : s.Length <= width ? s : s.Substring(0, width - 1) + "…";
    }
}
