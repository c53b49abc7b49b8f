using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Diagnosis.Timeline;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// The rekeys of each tunnel measured from its ends' logs (Info): how many, when, who started each (a local or a
    /// peer's rekey), the intervals (min / median / max), the clock offset between the two ends, the SPIs deleted; set
    /// against the interval the volume arithmetic projects from the SA capture, when one was given.
    /// </summary>
    public sealed class RekeyTimelineCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var t in TimelineText.Timelines(c))
            {
                if (t.Rekeys.Count < 2 || t.Intervals.Count == 0) continue;
                double min = t.MinIntervalSeconds!.Value, max = t.MaxIntervalSeconds!.Value, median = t.MedianIntervalSeconds!.Value;
                int byA = t.Rekeys.Count(x => x.StartedByA), byB = t.Rekeys.Count - byA;
                var a = t.Tunnel.A;
                string ends = t.Tunnel.B != null ? $"{a.Name} ({t.Tunnel.AddressA ?? "?"}) and {t.Tunnel.B.Name} ({t.Tunnel.AddressB})" : $"{a.Name} (its peer {t.Tunnel.Peer})";
                string rekeys = string.Join("; ", t.Rekeys.Select(x =>
                    $"{TimelineText.At(x.Installed)} M-ID {x.MessageId} started by {t.InitiatorName(x)} ({TimelineText.Installs(t, x, ", ")})"));
                string evidence =
                    $"{t.Rekeys.Count} phase-2 negotiations logged by {ends}: {rekeys}; " +
                    $"measured interval {SaTimeline.Seconds(median)} s (min {SaTimeline.Seconds(min)}, median {SaTimeline.Seconds(median)}, max {SaTimeline.Seconds(max)} over {t.Intervals.Count}); " +
                    $"started by {a.Name} {byA} time(s), by {TimelineText.Name(t, false)} {byB} time(s)";
                if (t.ClockSkewSeconds != null)
                    evidence += $"; clock offset {t.Tunnel.B!.Name} - {a.Name} {SaTimeline.Seconds(t.ClockSkewSeconds.Value)} s, from message ID(s) {string.Join(", ", t.SkewFrom.Select(x => x.MessageId))} that both ends logged";
                foreach (var del in t.Tunnel.EventsA.Where(e => e.Kind == SaEventKind.SaDeleted && e.Spi != null).Select(e => (e, true))
                             .Concat(t.Tunnel.EventsB.Where(e => e.Kind == SaEventKind.SaDeleted && e.Spi != null).Select(e => (e, false))))
                {
                    bool onPeersDelete = (del.Item2 ? t.Tunnel.EventsA : t.Tunnel.EventsB).Any(e => e.Kind == SaEventKind.DeleteReceived && e.MessageId == del.e.MessageId && e.MessageId != null);
                    evidence += $"; {TimelineText.Name(t, del.Item2)} deleted SPI {del.e.Spi} at {TimelineText.At(del.e.Time!.Value)}" +
                                (onPeersDelete ? $" on the peer's DELETE (M-ID {del.e.MessageId})" : "");
                }

                var entry = TimelineText.Entry(c, t);
                var rate = entry == null ? null : RekeyRate.Measure(c, entry);
                string? assumptions = null;
                if (rate != null)
                {
                    var (low, high) = rate.ProjectedRange();
                    string verdict = median >= low && median <= high ? "within" : median < low ? "shorter than" : "longer than";
                    evidence += $"; the measured {SaTimeline.Seconds(median)} s is {verdict} the {N(low)}-{N(high)} s that the volume arithmetic projects from SA {rate.Newest.Spi} " +
                                $"({rate.UsedKb} kB in {rate.AgeSeconds} s, about {N(Math.Round(rate.Mbps))} Mbit/s, volume lifetime {rate.LifetimeKb} kB)";
                    assumptions = (rate.Assumption != null ? rate.Assumption + "; " : "") + "kB = 1000 bytes";
                }
                else if (entry == null)
                    evidence += "; no SA capture of this tunnel was given, so the interval is not set against a projection";
                bool churn = median < c.Options.RekeyChurnThresholdSeconds;
                var newest = t.Rekeys.Last();
                yield return new Finding
                {
                    Code = FindingCodes.RekeyTimeline,
                    Severity = FindingSeverity.Info,
                    Peer = t.Tunnel.Peer,
                    Spi = newest.SpisA.LastOrDefault() ?? newest.SpisB.LastOrDefault(),
                    Evidence = evidence,
                    Remediation = churn
                        ? "none needed: this is rekeying; if the rekey rate is unwanted, raise or disable the IPsec volume lifetime on both ends (see RekeyChurn)"
                        : "none needed: this is rekeying",
                    BlastRadius = "none",
                    NextStep = t.Collisions.Count > 0 ? "see RekeyCollision for the rekeys both ends started at once" : null,
                    RekeyIntervalSeconds = rate == null ? (double?)null : Math.Round(rate.IntervalSeconds, 1),
                    MeasuredIntervalSeconds = Math.Round(median, 3),
                    ThroughputMbps = rate == null ? (double?)null : Math.Round(rate.Mbps, 1),
                    Assumptions = assumptions,
                    Sources = Sources(t.Rekeys.Select(x => (ICaptureRecord)x.First).Concat(rate != null ? new ICaptureRecord[] { rate.Newest } : Array.Empty<ICaptureRecord>()).ToArray()),
                };
            }
        }
    }
}
