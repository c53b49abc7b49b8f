using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Timeline;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary><c>spitools timeline</c>: both ends' SA events of each tunnel side by side, as Get-SaTimeline gives them.</summary>
    internal static class TimelineCommand
    {
        public static Command Create()
        {
            var format = CommonOptions.Format();
            var debug = CommonOptions.Debug();
            var paths = new Argument<string[]>("PATH")
            {
                Description = "Log files or folders (debug crypto isakmp|ikev2|ipsec, ASA / IOS syslog). A folder is one device, unless its files log opposite ends of a tunnel: each is then an end named by its file.",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var peerOf = PeerOfOption.Create("for logs that share no address and no message ID.");
            var device = new DeviceOptions();
            device.AlwaysCollectLog();
            var save = new Option<string>("--out") { Description = "With --host: also save every raw output in this folder (one sub-folder per device), as Get-SaTimeline -SaveCapture." };
            var command = new Command("timeline", "Put the two ends' SA events of each tunnel side by side: rekeys by message ID, who started each, clock offset, collisions.")
            {
                format, peerOf, debug, paths, save,
            };
            device.AddTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg);
                    var options = new DiagnosisOptions();
                    if (!PeerOfOption.TryAddTo(result, peerOf, options)) return ExitCodes.InvalidArgument;
                    IReadOnlyList<DeviceTarget>? targets = null;
                    IReadOnlyList<string> files = Array.Empty<string>();
                    if (result.GetValue(device.Host) is { Length: > 0 })
                    {
                        // Live devices: each collected with its log's SA lines.
                        targets = DeviceOptions.TargetsOrReport(device, result, result.GetValue(save), sink);
                        if (targets == null) return sink.ExitCode;
                    }
                    else
                    {
                        var given = result.GetValue(paths) ?? Array.Empty<string>();
                        if (given.Length == 0)
                        {
                            return ArgumentErrors.Write("PATH: timeline needs log files or folders, or --host");
                        }
                        files = CliPaths.ExpandAll(given, sink);
                    }
                    // The same pipeline as Get-SaTimeline, for files and live devices alike.
                    var pipeline = TimelinePipeline.Begin(new TimelinePipelineOptions { Diagnosis = options, Cancellation = sink.Cancellation }, sink);
                    if (targets != null)
                    {
                        var connector = DeviceConnectors.Ssh();
                        foreach (var target in targets) pipeline.Add(PipelineInput.Live(target, connector));
                    }
                    foreach (var file in files) pipeline.Add(PipelineInput.File(file));
                    var timelines = pipeline.End();
                    var fmt = result.GetValue(format);
                    if (fmt == OutputFormat.Table)
                    {
                        WriteTables(text, timelines);
                    }
                    else
                    {
                        using var writer = new RecordWriter(text, stdout, fmt);
                        foreach (var row in timelines.SelectMany(t => t.Rows)) writer.Write(row);
                        writer.Complete();
                    }
                    text.Flush();
                    return sink.ExitCode;
                });
            });
            return command;
        }

        /// <summary>Per tunnel: who A and B are, how they were paired, the clock offset and rekeys; then the rows (under a rekey's start the end that started it, and notes under theirs).</summary>
        private static void WriteTables(TextWriter w, IReadOnlyList<SaTimeline> timelines)
        {
            var view = TableViews.For(typeof(SaTimelineEntry));
            foreach (var t in timelines)
            {
                var tunnel = t.Tunnel;
                w.WriteLine($"A: {tunnel.A.Name} ({tunnel.AddressA ?? "address not logged"})");
                w.WriteLine(tunnel.B != null ? $"B: {tunnel.B.Name} ({tunnel.AddressB})" : $"B: not logged (A's peer {tunnel.Peer})");
                if (tunnel.PairedBy != null) w.WriteLine($"Paired: {tunnel.PairedBy}");
                if (t.ClockSkewSeconds != null)
                    w.WriteLine($"Clock offset B - A: {TimelineCells.Offset(t.ClockSkewSeconds)} s, from message ID(s) {string.Join(", ", t.SkewFrom.Select(x => x.MessageId))}");
                w.WriteLine($"Rekeys: {t.Rekeys.Count}" + (t.MedianIntervalSeconds != null
                    ? $", interval {TimelineCells.Seconds(t.MedianIntervalSeconds)} s (min {TimelineCells.Seconds(t.MinIntervalSeconds)}, max {TimelineCells.Seconds(t.MaxIntervalSeconds)})"
                    : "") + (t.Collisions.Count > 0 ? $", {t.Collisions.Count} collision(s)" : ""));
                w.WriteLine();
                w.WriteLine(view.Header());
                w.WriteLine(view.Rule());
                foreach (var row in t.Rows)
                {
                    w.WriteLine(view.Row(row));
                    // Under a rekey's start, the end that started it, by name (the Initiator of the row).
                    if (TimelineCells.StartedBy(row) is { Length: > 0 } starter) w.WriteLine(new string(' ', 13) + $"^ rekey #{row.Rekey} started by {starter}");
                    if (row.Note != null) w.WriteLine(new string(' ', 13) + "^ " + row.Note);
                }
                w.WriteLine();
            }
        }
    }

}
