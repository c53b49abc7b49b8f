using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>What the IKE checks share: which IKE SAs are up, and the peer of an IOS dst/src row.</summary>
    internal static class IkeSas
    {
        /// <summary>Up: ASA <c>MM_ACTIVE</c> / <c>READY</c>, IOS <c>QM_IDLE</c> / <c>READY</c>, or a session <c>UP-ACTIVE</c>; not one marked deleted.</summary>
        public static bool IsUp(IkeSa s) =>
            !s.Incomplete && !string.Equals(s.StatusDetail, "deleted", StringComparison.OrdinalIgnoreCase) &&
            (Is(s.State, "MM_ACTIVE", "QM_IDLE", "READY", "AM_ACTIVE") || Is(s.Status, "UP-ACTIVE") || Is(s.SessionStatus, "UP-ACTIVE"));

        private static bool Is(string? value, params string[] any) => value != null && any.Any(a => string.Equals(value, a, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// The peer of each IKE SA: as printed, else the end of an IOS <c>dst</c>/<c>src</c> row that is not one of this device's
        /// addresses (from its SAs, IKE SAs and logs); null when the device's address is not known.
        /// </summary>
        public static Dictionary<IkeSa, string?> Peers(DiagnosisContext c)
        {
            var locals = new HashSet<string>(
                c.Sas.Select(x => x.LocalEndpoint).Concat(c.Sas.Select(x => x.LocalAddress)).Concat(c.IkeSas.Select(x => x.LocalAddress))
                    .Concat(c.Events.Select(e => e.LocalAddress)).Where(a => a != null)!, StringComparer.Ordinal);
            var peers = new Dictionary<IkeSa, string?>();
            foreach (var s in c.IkeSas) peers[s] = PeerOf(s, locals);
            return peers;
        }

        private static string? PeerOf(IkeSa s, HashSet<string> locals)
        {
            if (s.Peer != null) return s.Peer;
            if (s.DestinationAddress == null || s.SourceAddress == null) return null;
            if (locals.Contains(s.DestinationAddress) && !locals.Contains(s.SourceAddress)) return s.SourceAddress;
            if (locals.Contains(s.SourceAddress) && !locals.Contains(s.DestinationAddress)) return s.DestinationAddress;
            return null;
        }

        public static string Clear(IkeSa s, string peer) =>
            Remedies.ClearSession(s.Platform == PlatformNames.Ios, peer, s.IkeVersion == "IKEv2" ? "IKEv2" : "IKEv1");

        public static string Describe(IkeSa s) =>
            $"{s.IkeVersion ?? "IKE"} SA {s.State ?? s.Status ?? s.SessionStatus}" + (s.ConnectionId != null ? $" conn-id {s.ConnectionId}" : "") + $" ({Cite(s)})";
    }

    /// <summary>
    /// An IKE SA is up with a peer that has no IPsec SA: phase 1 stands, phase 2 did not come up (or idled out). Taken
    /// from the child SA count where the IKE output prints it (Warning), else from <c>show crypto ipsec sa</c> when it was
    /// captured and lists no SA for the peer (Info: a capture filtered to another peer says nothing about this one).
    /// Without either, nothing is concluded.
    /// </summary>
    public sealed class IkeUpNoChildSaCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            var peerOf = IkeSas.Peers(c);
            var withChildren = new HashSet<string>(c.IkeSas.Where(o => o.ChildSaCount > 0 && peerOf[o] != null).Select(o => peerOf[o]!), StringComparer.Ordinal);
            var saPeers = c.Sas.Where(s => s.Spi != null && s.Peer != null).Select(s => s.Peer!).Distinct(StringComparer.Ordinal).ToList();
            foreach (var ike in c.IkeSas.Where(IkeSas.IsUp))
            {
                var peer = peerOf[ike];
                if (peer == null || reported.Contains(peer) || withChildren.Contains(peer)) continue;
                string evidence;
                bool counted = ike.ChildSaCount == 0;
                if (counted)
                    evidence = $"the {IkeSas.Describe(ike)} to {peer} is up with 0 child SAs";
                else if (ike.ChildSaCount == null && c.Sas.Count > 0 && !saPeers.Contains(peer))
                {
                    var first = c.Sas[0];
                    evidence = $"the {IkeSas.Describe(ike)} to {peer} is up, and show crypto ipsec sa ({Cite(first)}) lists no SA for it" +
                               (saPeers.Count > 0 ? $" (it lists SAs for {string.Join(", ", saPeers)}; if that output was filtered to a peer, it says nothing about {peer})" : "");
                }
                else continue;
                reported.Add(peer);
                yield return new Finding
                {
                    Code = FindingCodes.IkeUpNoChildSa,
                    Severity = counted ? FindingSeverity.Warning : FindingSeverity.Info,
                    Peer = peer,
                    Evidence = evidence + ": phase 1 stands but no IPsec SA does; either no interesting traffic has come since the IPsec SAs idled out or expired, " +
                               "or phase 2 fails (crypto ACL / proxy, transform set or PFS mismatch)",
                    Remediation = $"send interesting traffic (or packet-tracer) to {peer} and watch phase 2 (debug crypto ipsec, debug crypto {(ike.IkeVersion == "IKEv2" ? "ikev2" : ike.Platform == PlatformNames.Ios ? "isakmp" : "ikev1")}); " +
                                  "if it fails, compare the crypto ACLs, transform sets and PFS of both ends",
                    BlastRadius = "none: it only reads",
                    NextStep = $"{IkeSas.Clear(ike, peer)} renegotiates the whole session to {peer} (IKE and every IPsec SA; traffic to it stops until it is back)",
                    Sources = Sources(ike),
                };
            }
        }
    }

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
