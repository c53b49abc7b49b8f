using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Diagnosis.Timeline;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>Time formatting and the device's side of a timeline, shared by the timeline checks.</summary>
    internal static class TimelineText
    {
        public static string At(DateTime t) => SaTimeline.At(t);

        public static string Spis(IEnumerable<string> spis)
        {
            var list = spis.ToList();
            return list.Count == 0 ? "no SPI logged" : string.Join(", ", list);
        }

        /// <summary>The SA capture's entry for the tunnel's peer (either end's view), when one was given.</summary>
        public static SaEntry? Entry(DiagnosisContext c, SaTimeline t) =>
            c.Entries.FirstOrDefault(e => e.Peer != null && (e.Peer == t.Tunnel.Peer || e.Peer == t.Tunnel.BPeer));

        /// <summary>
        /// The timelines of this device's tunnels: its own logs, paired with the other devices' logs where those hold a
        /// tunnel's other end. A tunnel between two devices is reported once, under the device whose name sorts first.
        /// </summary>
        public static IReadOnlyList<SaTimeline> Timelines(DiagnosisContext c) => c.Timelines ??= Build(c);

        private static IReadOnlyList<SaTimeline> Build(DiagnosisContext c) =>
            SaTimeline.Build(c.Events.Concat(c.OtherDevicesEvents), c.Options).Where(t =>
                t.Tunnel.A.Device == c.Device &&
                (t.Tunnel.B == null || t.Tunnel.B.Device == c.Device || string.CompareOrdinal(c.Device, t.Tunnel.B.Device) < 0)).ToList();

        /// <summary>What each end that logged an exchange installed in it: <c>A installed 0x…</c>.</summary>
        public static string Installs(SaTimeline t, RekeyExchange x, string separator)
        {
            var parts = new List<string>();
            if (x.EventsA.Count > 0) parts.Add($"{t.Tunnel.A.Name} installed {Spis(x.SpisA)}");
            if (x.EventsB.Count > 0) parts.Add($"{t.Tunnel.B!.Name} installed {Spis(x.SpisB)}");
            return string.Join(separator, parts);
        }

        public static string Name(SaTimeline t, bool a) => a ? t.Tunnel.A.Name : t.Tunnel.B?.Name ?? $"the peer {t.Tunnel.Peer}";
    }

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

    /// <summary>
    /// Both ends started a rekey of one tunnel within <see cref="SaTimeline.CollisionWindowSeconds"/> s: two SA pairs
    /// for one rekey. IKEv1 has no rule to drop the redundant pair, so it stays installed, carries nothing and expires at
    /// its lifetime (the orphan pair of seed 001). Shown from the logs, and tied to the orphan SA when the SA capture
    /// still lists one of the collision's SPIs with its whole volume lifetime left.
    /// </summary>
    public sealed class RekeyCollisionCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var t in TimelineText.Timelines(c))
            {
                foreach (var (x, y) in t.Collisions)
                {
                    bool ikev2 = x.First.MessageCode == "IKEv2";
                    string what = ikev2 ? "CREATE_CHILD_SA" : "Quick Mode";
                    string evidence =
                        $"{t.InitiatorName(x)} started {what} M-ID {x.MessageId} at {TimelineText.At(x.Start)} and {t.InitiatorName(y)} started M-ID {y.MessageId} at {TimelineText.At(y.Start)}, " +
                        $"{SaTimeline.Seconds((y.Start - x.Start).TotalSeconds)} s apart, to the same peer (the debugs do not print the proxies); " +
                        $"M-ID {x.MessageId}: {TimelineText.Installs(t, x, " and ")}; M-ID {y.MessageId}: {TimelineText.Installs(t, y, " and ")}: two SA pairs for one rekey; " +
                        (ikev2 ? "IKEv2 closes the redundant one (RFC 7296 2.8.1)" : "IKEv1 has no rule to drop one, so the redundant pair stays installed, carries nothing and expires at its lifetime");
                    var entry = TimelineText.Entry(c, t);
                    IpsecSa? orphan = null;
                    if (entry != null)
                    {
                        var kb = c.LifetimeFor(entry).Kilobytes;
                        var spis = new HashSet<string>(x.SpisA.Concat(x.SpisB).Concat(y.SpisA).Concat(y.SpisB), StringComparer.Ordinal);
                        orphan = RekeyRate.Unused(entry, kb, pairable: false).FirstOrDefault(s => spis.Contains(s.Spi!));
                        if (orphan != null)
                            evidence += $"; SA {orphan.Spi} from this collision is still installed with its whole volume lifetime left ({orphan.RemainingKilobytes} kB, {Cite(orphan)}): it is the pair this collision left";
                    }
                    string? spi = orphan?.Spi ?? y.SpisA.Concat(y.SpisB).FirstOrDefault() ?? x.SpisA.FirstOrDefault();
                    yield return new Finding
                    {
                        Code = FindingCodes.RekeyCollision,
                        Severity = FindingSeverity.Info,
                        Peer = t.Tunnel.Peer,
                        Spi = spi,
                        Evidence = evidence,
                        Remediation = "none needed: the redundant SA pair carries nothing and expires by itself",
                        BlastRadius = "none",
                        NextStep = "to make collisions rarer, rekey less often: raise or disable the IPsec volume lifetime on both ends" +
                                   (entry != null && spi != null ? $"; {Remedies.ClearEntry(entry, spi)} removes the redundant pair now (only that pair and its siblings)" : ""),
                        Sources = Sources(x.First, y.First, x.EventsB.FirstOrDefault(), y.EventsB.FirstOrDefault(), orphan),
                    };
                }
            }
        }

    }

    /// <summary>
    /// Packets still arrived for an SPI after one end deleted it (ASA <c>%ASA-4-402114</c>, IOS
    /// <c>%CRYPTO-4-RECVD_PKT_INV_SPI</c>, IKEv2 INVALID_SPI): the sender did not take the delete. A burst within
    /// <see cref="SaTimeline.TransientSeconds"/> s of the delete is the usual overlap of a rekey (Info); longer, the ends'
    /// SA databases disagree (Warning).
    /// </summary>
    public sealed class DeletedSpiInUseCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var t in TimelineText.Timelines(c))
            {
                foreach (var use in t.DeletedInUse)
                {
                    var first = use.Invalid[0];
                    var last = use.Invalid[use.Invalid.Count - 1];
                    bool receiverIsA = first.OnA;
                    string receiver = TimelineText.Name(t, receiverIsA), sender = TimelineText.Name(t, !receiverIsA);
                    string? receiverAddress = receiverIsA ? t.Tunnel.AddressA : t.Tunnel.AddressB;
                    bool persistent = use.LastAfterSeconds > SaTimeline.TransientSeconds;
                    string codes = string.Join(", ", use.Invalid.Select(i => i.Event.MessageCode).Where(m => m != null).Distinct(StringComparer.Ordinal));
                    string evidence =
                        $"{TimelineText.Name(t, use.DeletedByA)} deleted SPI {use.Delete.Spi} at {TimelineText.At(use.DeletedAt)}; " +
                        $"{use.Invalid.Count} invalid-SPI event(s) for it followed on {receiver} ({codes}) from {TimelineText.At(first.Time)} to {TimelineText.At(last.Time)}, " +
                        $"the last {SaTimeline.Seconds(use.LastAfterSeconds)} s after the delete: " +
                        (persistent
                            ? $"{sender} keeps sending on an SPI that is gone (the ends' SA databases disagree)"
                            : "packets in flight while the rekey settled");
                    var entry = TimelineText.Entry(c, t);
                    string target = receiverAddress ?? "<peer>";
                    string clear = Remedies.ClearPeerEitherPlatform(target);
                    yield return new Finding
                    {
                        Code = FindingCodes.DeletedSpiInUse,
                        Severity = persistent ? FindingSeverity.Warning : FindingSeverity.Info,
                        Peer = t.Tunnel.Peer,
                        Spi = use.Delete.Spi,
                        Evidence = evidence,
                        Remediation = persistent
                            ? $"on {sender}: {clear}, so it negotiates new SAs"
                            : "none needed if it stays this short",
                        BlastRadius = persistent
                            ? Remedies.PeerBlastRadius("between the two ends (all proxy pairs)")
                            : "none",
                        NextStep = "enable dead peer detection (crypto isakmp keepalive, IKEv2 dpd) and, on IOS, crypto isakmp invalid-spi-recovery, so an end notices a lost SA; " +
                                   "if it goes on, clear the peer's SAs on both ends" + (entry != null ? $" ({Remedies.ClearPeer(entry)} here)" : ""),
                        Sources = Sources(use.Delete, first.Event, last.Event),
                    };
                }
            }
        }
    }
}
