using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Phase 1 with one peer is negotiated again and again: three or more IKE SAs to the peer, two or more that are all
    /// younger than <see cref="YoungSeconds"/> s, or three or more phase-1 completions / tunnel-ups, or two or more
    /// tunnel-downs, logged within <see cref="WindowSeconds"/> s. One IKE SA beside its replacement is a normal rekey.
    /// </summary>
    public sealed class IkeRekeyFlapCheck : IFindingCheck
    {
        /// <summary>IKE SAs younger than this are fresh.</summary>
        public const long YoungSeconds = 300;

        /// <summary>Phase-1 events closer together than this count as one flap episode.</summary>
        public const double WindowSeconds = 600;

        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            var peerOf = IkeSas.Peers(c);
            var sasByPeer = c.IkeSas.Where(s => peerOf[s] != null && !string.Equals(s.StatusDetail, "deleted", StringComparison.OrdinalIgnoreCase))
                .GroupBy(s => peerOf[s]!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var eventsByPeer = c.Events.Where(e => e.Peer != null && IsPhaseOne(e) && e.Time != null)
                .GroupBy(e => e.Peer!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Time).ToList(), StringComparer.Ordinal);
            foreach (var peer in sasByPeer.Keys.Concat(eventsByPeer.Keys).Distinct(StringComparer.Ordinal).ToList())
            {
                var sas = sasByPeer.TryGetValue(peer, out var s1) ? s1 : new List<IkeSa>();
                var ages = sas.Select(Age).ToList();
                bool many = sas.Count >= 3;
                bool young = sas.Count >= 2 && ages.All(a => a != null && a < YoungSeconds);
                var events = eventsByPeer.TryGetValue(peer, out var e1) ? e1 : new List<SaEvent>();
                var burst = Burst(events);
                if (!many && !young && burst == null) continue;
                var parts = new List<string>();
                if (many || young)
                    parts.Add($"{sas.Count} IKE SAs to {peer}: " + string.Join(", ", sas.Select((s, i) => IkeSas.Describe(s) + (ages[i] != null ? $", {ages[i]} s old" : ""))));
                if (burst != null)
                    parts.Add($"{burst.Count} phase-1 events for {peer} within {N((burst[burst.Count - 1].Time!.Value - burst[0].Time!.Value).TotalSeconds)} s: " +
                              string.Join(", ", burst.Select(e => $"{e.Kind} at {TimelineText.At(e.Time!.Value)} ({Cite(e)})")));
                var any = sas.FirstOrDefault();
                bool ikev2 = sas.Any(s => s.IkeVersion == "IKEv2") || events.Any(e => e.MessageCode == "IKEv2");
                yield return new Finding
                {
                    Code = FindingCodes.IkeRekeyFlap,
                    Severity = FindingSeverity.Warning,
                    Peer = peer,
                    Evidence = string.Join("; ", parts) + ": phase 1 with this peer is negotiated again and again (one IKE SA beside its replacement is a normal rekey; this is more)",
                    Remediation = "find why phase 1 renegotiates, on both ends: dead peer detection timeouts, IKE lifetime or proposal mismatch, a peer that resets, or loss on UDP 500/4500 " +
                                  "(debug crypto isakmp|ikev1|ikev2 and the peer's log for the same minutes)" +
                                  (ikev2 ? "; with a non-Cisco IKEv2 peer, Cisco bugs CSCwc54984 / CSCvx23833: give the ASA / FTD the longer lifetime so the peer starts the rekeys" : ""),
                    BlastRadius = "none: it only reads",
                    NextStep = any != null ? $"{IkeSas.Clear(any, peer)} renegotiates the whole session to {peer} once (IKE and every IPsec SA); it does not stop a flap whose cause remains" : null,
                    Sources = Sources(sas.Cast<ICaptureRecord>().Concat(burst ?? new List<SaEvent>()).ToArray()),
                };
            }
        }

        private static bool IsPhaseOne(SaEvent e) =>
            e.Kind == SaEventKind.PhaseOneComplete || e.Kind == SaEventKind.TunnelUp || e.Kind == SaEventKind.TunnelDown;

        /// <summary>Seconds an IKE SA has been up: printed, or its lifetime less what remains.</summary>
        private static long? Age(IkeSa s) => s.ActiveSeconds ?? (s.LifetimeSeconds != null && s.RemainingSeconds != null ? s.LifetimeSeconds - s.RemainingSeconds : null);

        /// <summary>The first run of events within the window that has 3+ ups / completions or 2+ downs, or null (one pass, a sliding window).</summary>
        private static List<SaEvent>? Burst(List<SaEvent> events)
        {
            int ups = 0, downs = 0, start = 0;
            for (int end = 0; end < events.Count; end++)
            {
                if (events[end].Kind == SaEventKind.TunnelDown) downs++; else ups++;
                while ((events[end].Time!.Value - events[start].Time!.Value).TotalSeconds > WindowSeconds)
                {
                    if (events[start].Kind == SaEventKind.TunnelDown) downs--; else ups--;
                    start++;
                }
                if (ups >= 3 || downs >= 2)
                {
                    // The whole run from the window's start, as far as the window reaches.
                    int last = end;
                    while (last + 1 < events.Count && (events[last + 1].Time!.Value - events[start].Time!.Value).TotalSeconds <= WindowSeconds) last++;
                    return events.GetRange(start, last - start + 1);
                }
            }
            return null;
        }
    }
}
