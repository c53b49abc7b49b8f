using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Devices;
using SpiTools.Diagnosis.Timeline;

namespace SpiTools.Services
{
    /// <summary>
    /// The rekey timeline for both front ends (<c>Get-SaTimeline</c>, <c>spitools timeline</c>): reads and names the logs as
    /// the diagnosis does (a folder is one device unless its log files turn out to hold both ends of a tunnel), tells the
    /// tunnels' ends apart, pairs them, and gives each tunnel's rows side by side.
    /// </summary>
    public static class TimelineService
    {
        /// <summary>The timelines of every tunnel in the logs read; a warning when no timed SA event was read.</summary>
        public static IReadOnlyList<SaTimeline> Build(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts,
            DiagnosisOptions options, ICommandSink sink)
        {
            var devices = DiagnosisService.Read(files, texts, sink);
            return Build(devices.SelectMany(d => d.Records.OfType<SaEvent>()).ToList(), options, sink);
        }

        /// <summary>
        /// The timelines of live devices (<c>Get-SaTimeline -ComputerName</c>, <c>spitools timeline --host</c>): each device
        /// is collected in turn with the SA messages of its log buffer (the targets' requests ask for them), then paired as
        /// logs read from files are; a device that could not be collected is an error and takes no part.
        /// </summary>
        public static IReadOnlyList<SaTimeline> Build(IEnumerable<DeviceTarget> targets, IDeviceConnector? connector, DiagnosisOptions options,
            ICommandSink sink, CancellationToken cancellationToken)
        {
            var events = new List<SaEvent>();
            foreach (var target in targets)
            {
                if (sink.IsStopping || cancellationToken.IsCancellationRequested) return Array.Empty<SaTimeline>();
                var collection = CollectionService.Collect(target, connector, sink, cancellationToken);
                if (collection != null) events.AddRange(collection.Parse().OfType<SaEvent>());
            }
            return Build(events, options, sink);
        }

        /// <summary>Writes every row of the timelines to the sink, tunnel by tunnel.</summary>
        public static void Write(IEnumerable<SaTimeline> timelines, ICommandSink sink)
        {
            foreach (var t in timelines)
                foreach (var row in t.Rows)
                {
                    if (sink.IsStopping) return;
                    sink.Output(row);
                }
        }

        private static IReadOnlyList<SaTimeline> Build(List<SaEvent> events, DiagnosisOptions options, ICommandSink sink)
        {
            if (sink.IsStopping) return Array.Empty<SaTimeline>();
            var timelines = SaTimeline.Build(events, options);
            if (timelines.Count == 0)
                sink.Warning(events.Count == 0
                    ? "no SA event was read: give debug crypto isakmp|ikev2|ipsec output or ASA / IOS syslog"
                    : $"{events.Count} SA event(s) were read but none has a time or a peer, so no tunnel's timeline can be built");
            foreach (var t in timelines)
                sink.Verbose($"{t.Tunnel.Name}: {t.Rows.Count} row(s), {t.Rekeys.Count} rekey(s)" +
                             (t.Tunnel.PairedBy != null ? $"; ends paired because {t.Tunnel.PairedBy}" : "; one end's log only") +
                             (t.ClockSkewSeconds != null ? $"; clock offset {DiagnosisContext.N(t.ClockSkewSeconds.Value)} s" : ""));
            return timelines;
        }

        /// <summary>Builds the timelines and writes every row to the sink, tunnel by tunnel.</summary>
        public static void Run(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts, DiagnosisOptions options, ICommandSink sink)
            => Write(Build(files, texts, options, sink), sink);
    }
}
