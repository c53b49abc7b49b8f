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
    /// <summary><c>spitools diagnose</c>: findings for the devices whose outputs are given.</summary>
    internal static class DiagnoseCommand
    {
        public static Command Create()
        {
            var format = CommonOptions.Format();
            var debug = CommonOptions.Debug();
            var before = new Option<string[]>("--before")
            {
                Description = "An earlier snapshot of the same devices (files or folders): counters are compared as deltas.",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = true,
            };
            var threshold = new Option<double>("--rekey-threshold")
            {
                Description = "Report rekey churn when the projected volume-rekey interval is below this many seconds.",
                DefaultValueFactory = _ => OptionLimits.DefaultRekeyThresholdSeconds,
            }.InRange(OptionLimits.MinRekeyThresholdSeconds, OptionLimits.MaxRekeyThresholdSeconds, $"seconds from {OptionLimits.MinRekeyThresholdSeconds} to {OptionLimits.MaxRekeyThresholdSeconds}");
            var healthy = new Option<bool>("--include-healthy")
            {
                Description = "Also report tunnels whose two ends agree (EndsAgree, with both ends' SPIs), to prove a tunnel clean end to end.",
            };
            var peerOf = PeerOfOption.Create("entries are matched by mirrored proxies.");
            var tolerance = new Option<double>("--path-loss-tolerance")
            {
                Description = "Comparing two snapshots of both ends: report path loss only beyond this share of the packets sent, in percent.",
                DefaultValueFactory = _ => OptionLimits.DefaultPathLossTolerancePercent,
            }.InRange(OptionLimits.MinPathLossTolerancePercent, OptionLimits.MaxPathLossTolerancePercent, $"a percentage from {OptionLimits.MinPathLossTolerancePercent} to {OptionLimits.MaxPathLossTolerancePercent}");
            var failOn = FailOnOption.Create(FailOnOption.Never, "With --fail-on, a read error (exit 2) still wins.");
            var paths = new Argument<string[]>("PATH")
            {
                Description = "Capture files, or folders holding one device's captures (the folder name is the device name unless a prompt says otherwise).",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var device = new DeviceOptions();
            var save = new Option<string>("--out") { Description = "With --host: also save every raw output in this folder (one sub-folder per device)." };
            var command = new Command("diagnose", "Find SPI and security-association faults (stale VPN context, one-way traffic, rekey churn, ...) and say what to do.")
            {
                format, before, threshold, healthy, peerOf, tolerance, failOn, debug, paths, save,
            };
            device.AddTo(command);
            device.AddFlowTo(command);
            device.AddLogTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var fmt = result.GetValue(format);
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg);
                    var options = new DiagnosisOptions
                    {
                        RekeyChurnThresholdSeconds = result.GetValue(threshold),
                        IncludeHealthy = result.GetValue(healthy),
                        PathLossTolerancePercent = result.GetValue(tolerance),
                    };
                    if (!PeerOfOption.TryAddTo(result, peerOf, options)) return ExitCodes.InvalidArgument;
                    bool live = result.GetValue(device.Host) is { Length: > 0 };
                    IReadOnlyList<DeviceTarget>? targets = null;
                    IReadOnlyList<string> current = Array.Empty<string>();
                    if (live)
                    {
                        targets = DeviceOptions.TargetsOrReport(device, result, result.GetValue(save), sink);
                        if (targets == null) return sink.ExitCode;
                    }
                    else
                    {
                        var given = result.GetValue(paths) ?? Array.Empty<string>();
                        if (given.Length == 0) return ArgumentErrors.Write("PATH: diagnose needs capture files or folders, or --host");
                        current = CliPaths.ExpandAll(given, sink);
                    }
                    var beforePaths = result.GetValue(before);
                    // The same pipeline as Compare-SpiContext, for files and live devices alike.
                    var pipeline = DiagnosePipeline.Begin(new DiagnosePipelineOptions
                    {
                        Diagnosis = options,
                        Before = beforePaths is { Length: > 0 } ? CliPaths.ExpandAll(beforePaths, sink) : null,
                        Cancellation = sink.Cancellation,
                    }, sink);
                    if (targets != null)
                    {
                        var connector = DeviceConnectors.Ssh();
                        foreach (var target in targets) pipeline.Add(PipelineInput.Live(target, connector));
                    }
                    foreach (var file in current) pipeline.Add(PipelineInput.File(file));
                    var devices = pipeline.End();

                    if (fmt == OutputFormat.Table)
                    {
                        WriteBlocks(text, devices);
                    }
                    else
                    {
                        using var writer = new RecordWriter(text, stdout, fmt);
                        foreach (var f in devices.SelectMany(d => d.Findings)) writer.Write(f);
                        writer.Complete();
                    }
                    text.Flush();
                    if (sink.ExitCode != ExitCodes.Ok) return sink.ExitCode;
                    return FailOnOption.Fails(result.GetValue(failOn), devices.SelectMany(d => d.Findings)) ? ExitCodes.Findings : ExitCodes.Ok;
                });
            });
            return command;
        }

        private static void WriteBlocks(TextWriter w, IReadOnlyList<DeviceDiagnosis> devices)
        {
            foreach (var d in devices)
            {
                var mine = d.Findings;
                w.WriteLine($"{d.Device}: {RecordCounts.Describe(d.Records)}: " +
                            (mine.Count == 0 ? "no findings" : $"{mine.Count} finding(s)") + SinceLastRun(mine));
                foreach (var f in mine)
                {
                    w.WriteLine();
                    w.WriteLine($"  [{f.Severity}] {f.Code}" + (f.Peer != null ? $"  peer {f.Peer}" : "") + (f.PeerDevice != null ? $" ({f.PeerDevice})" : "") +
                                (f.LocalIdent != null ? $"  {f.LocalIdent} -> {f.RemoteIdent}" : "") + (f.BasedOnDamagedCapture ? "  (damaged capture)" : ""));
                    // Only when the device was compared with its previous run (a saved run read back after the run before it).
                    Field(w, "Change", f.Change == FindingChange.NotJudged ? $"{f.Change} (no traffic since the last run)" : f.Change);
                    Field(w, "Evidence", f.Evidence);
                    Field(w, "Remediation", f.Remediation);
                    Field(w, "Blast radius", f.BlastRadius);
                    Field(w, "Next step", f.NextStep);
                    if (f.RekeyIntervalSeconds != null) Field(w, "Rekey every", $"{f.RekeyIntervalSeconds} s" + (f.ThroughputMbps != null ? $" at {f.ThroughputMbps} Mbit/s" : ""));
                    if (f.MeasuredIntervalSeconds != null) Field(w, "Measured", $"a rekey every {f.MeasuredIntervalSeconds.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (from the logs)");
                    Field(w, "Assumptions", f.Assumptions);
                    Field(w, "Source", f.SourceLines);
                }
                w.WriteLine();
            }
        }

        /// <summary>" (since the last run: 1 new, …)" when the findings were compared with the device's previous run, else nothing.</summary>
        private static string SinceLastRun(IReadOnlyList<Finding> findings)
        {
            if (findings.All(f => f.Change == null)) return "";
            var counts = new[] { (FindingChange.New, "new"), (FindingChange.Persisting, "persisting"), (FindingChange.Resolved, "resolved"), (FindingChange.NotJudged, "not judged") }
                .Select(c => (Count: findings.Count(f => f.Change == c.Item1), Word: c.Item2))
                .Where(c => c.Count > 0 || c.Word != "not judged")
                .Select(c => $"{c.Count} {c.Word}");
            return $" (since the last run: {string.Join(", ", counts)})";
        }

        private static void Field(TextWriter w, string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            w.WriteLine($"    {name + ":",-14}{value}");
        }
    }
}
