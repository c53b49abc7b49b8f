using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Finds the devices that are the two ends of a tunnel. From the endpoints: A's entry whose peer (or remote
    /// crypto endpoint) is one of B's local crypto endpoints is an entry to B; when B prints no address of its own, A's
    /// entries that share an SPI with B's entries to A. By hand
    /// (<see cref="DiagnosisOptions.PeerOf"/>, for NATed or redacted addresses): the peer address A uses for B is
    /// the one whose entries mirror B's proxies (or A's only peer). A device named in a hand-made pairing is paired
    /// only as given.
    /// </summary>
    public static class EndPairing
    {
        /// <summary>Every pair of ends among <paramref name="devices"/>, in the order the devices were given.</summary>
        public static IReadOnlyList<TunnelEnds> Pair(IReadOnlyList<DiagnosisContext> devices, DiagnosisOptions options)
        {
            if (devices is null) throw new ArgumentNullException(nameof(devices));
            options ??= new DiagnosisOptions();
            var byHand = options.PeerOf.Where(p => !string.IsNullOrEmpty(p.Device) && !string.IsNullOrEmpty(p.PeerDevice)).ToList();
            bool Named(string device) => byHand.Any(p => Same(p.Device, device) || Same(p.PeerDevice, device));
            var result = new List<TunnelEnds>();
            for (int i = 0; i < devices.Count; i++)
            {
                for (int j = i + 1; j < devices.Count; j++)
                {
                    var a = devices[i];
                    var b = devices[j];
                    if (Same(a.Device, b.Device)) continue;
                    var given = byHand.FirstOrDefault(p => Same(p.Device, a.Device) && Same(p.PeerDevice, b.Device) || Same(p.Device, b.Device) && Same(p.PeerDevice, a.Device));
                    if (given.Device != null)
                    {
                        // The pairing names its first device first.
                        if (Same(given.Device, b.Device)) (a, b) = (b, a);
                        result.Add(new TunnelEnds(a, b, EntriesByProxies(a, b), EntriesByProxies(b, a)));
                        continue;
                    }
                    if (Named(a.Device) || Named(b.Device)) continue;
                    var aToB = EntriesByEndpoints(a, b);
                    var bToA = EntriesByEndpoints(b, a);
                    if (aToB.Count == 0 && bToA.Count == 0)
                    {
                        // Outputs that print neither end's own address (Junos brief): the ends are known by their mirrored SPIs.
                        aToB = a.Entries.Where(e => e.LocalIdent == null && b.Entries.Any(t => TunnelEnds.SpisMirror(e, t))).ToList();
                        bToA = b.Entries.Where(e => e.LocalIdent == null && a.Entries.Any(t => TunnelEnds.SpisMirror(e, t))).ToList();
                    }
                    // One end prints its peer but not its own address (PAN-OS tables): the other end's entries to it are
                    // those that share an SPI with its entries, in either direction (one direction is enough: a desync).
                    if (aToB.Count == 0 && bToA.Count > 0 && LocalAddresses(b).Count == 0)
                        aToB = a.Entries.Where(e => bToA.Any(t => TunnelEnds.SharesSpi(e, t))).ToList();
                    if (bToA.Count == 0 && aToB.Count > 0 && LocalAddresses(a).Count == 0)
                        bToA = b.Entries.Where(e => aToB.Any(t => TunnelEnds.SharesSpi(e, t))).ToList();
                    if (aToB.Count == 0 && bToA.Count == 0) continue;
                    result.Add(new TunnelEnds(a, b, aToB, bToA));
                }
            }
            return result;
        }

        private static bool Same(string? x, string? y) => DiagnosisOptions.Same(x, y);

        /// <summary>The device's own addresses: every local crypto endpoint and crypto-map local address it prints.</summary>
        internal static HashSet<string> LocalAddresses(DiagnosisContext c)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in c.Entries)
            {
                if (!string.IsNullOrEmpty(e.First.LocalEndpoint)) set.Add(e.First.LocalEndpoint!);
                if (!string.IsNullOrEmpty(e.First.LocalAddress)) set.Add(e.First.LocalAddress!);
            }
            return set;
        }

        /// <summary>The address an entry reaches its peer at: the remote crypto endpoint, else the peer.</summary>
        internal static string? PeerAddress(SaEntry e) => e.First.RemoteEndpoint ?? e.Peer;

        private static List<SaEntry> EntriesByEndpoints(DiagnosisContext from, DiagnosisContext to)
        {
            var theirs = LocalAddresses(to);
            return from.Entries.Where(e => e.First.RemoteEndpoint != null && theirs.Contains(e.First.RemoteEndpoint!) || e.Peer != null && theirs.Contains(e.Peer!)).ToList();
        }

        private static List<SaEntry> EntriesByProxies(DiagnosisContext from, DiagnosisContext to)
        {
            // The peer addresses under which `from` holds entries mirroring one of `to`'s; else its only peer.
            var peers = from.Entries.Where(e => to.Entries.Any(t => TunnelEnds.Mirrors(e, t))).Select(e => e.Peer).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (peers.Count == 0)
            {
                var all = from.Entries.Select(e => e.Peer).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (all.Count == 1) peers = all;
            }
            return from.Entries.Where(e => peers.Contains(e.Peer, StringComparer.OrdinalIgnoreCase)).ToList();
        }
    }
}
