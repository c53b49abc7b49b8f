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
    /// The rekey timeline of the events read (<see cref="Pipelines.TimelinePipeline"/> gathers them from files, text and live
    /// devices): tells the tunnels' ends apart, pairs them, and gives each tunnel's rows side by side.
    /// </summary>
    public static class TimelineService
    {
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

        /// <summary>The timelines of the events of every device read (a warning when none has a time and a peer).</summary>
        internal static IReadOnlyList<SaTimeline> Build(List<SaEvent> events, DiagnosisOptions options, ICommandSink sink)
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
    }
}
