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
}
