using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>
    /// Tells the ends of tunnels apart in logs and pairs them. A device's logs are one end, unless two of its log files
    /// log opposite ends of a tunnel: one file's peer is the other's own address, or both logged one exchange (message
    /// ID) in opposite roles. That happens when both ends' debugs were saved in one folder (the folder names the device):
    /// each such file is then an end of its own, named by the file. Ends are paired as the two ends of a tunnel when
    /// their events share message IDs, when one's peer is the other's own address, or by hand
    /// (<see cref="DiagnosisOptions.PeerOf"/>).
    /// </summary>
    public static class TimelineEnds
    {
        /// <summary>The ends found in <paramref name="events"/> (events without a time are left out: they cannot be placed).</summary>
        public static IReadOnlyList<TimelineEnd> Split(IEnumerable<SaEvent> events)
        {
            var result = new List<TimelineEnd>();
            foreach (var device in events.Where(e => e.Time != null).GroupBy(e => e.Device ?? "(unknown device)", StringComparer.Ordinal))
            {
                var ends = new List<TimelineEnd>();
                var logs = device.GroupBy(e => e.Source ?? "", StringComparer.Ordinal).Select(g => new TimelineEnd(device.Key, g)).ToList();
                foreach (var log in logs)
                {
                    var same = ends.FirstOrDefault(x => !Opposite(x, log));
                    if (same != null) same.Add(log);
                    else ends.Add(log);
                }
                if (ends.Count > 1)
                    foreach (var end in ends)
                        end.Name = string.Join("+", end.Files.Select(f => Path.GetFileNameWithoutExtension(f)));
                result.AddRange(ends);
            }
            return result;
        }

        /// <summary>True when two logs of one device are the two ends of a tunnel, or two different ends.</summary>
        private static bool Opposite(TimelineEnd x, TimelineEnd y)
        {
            if (x.Locals.Intersect(y.Peers, StringComparer.Ordinal).Any() || y.Locals.Intersect(x.Peers, StringComparer.Ordinal).Any()) return true;
            if (x.Locals.Count > 0 && y.Locals.Count > 0 && !x.Locals.Intersect(y.Locals, StringComparer.Ordinal).Any()) return true;
            var rx = x.Roles;
            foreach (var kv in y.Roles)
                if (rx.TryGetValue(kv.Key, out var role) && role != kv.Value) return true;
            return false;
        }

        /// <summary>
        /// The tunnels of the ends: each end with each of its peers, paired with the end at the other side when one was
        /// logged. An end's events without a peer belong to its only peer.
        /// </summary>
        public static IReadOnlyList<TimelineTunnel> Pair(IReadOnlyList<TimelineEnd> ends, DiagnosisOptions? options = null)
        {
            var tunnels = new List<TimelineTunnel>();
            var covered = new HashSet<(TimelineEnd, string)>();
            foreach (var a in ends)
            {
                foreach (var peer in a.Peers)
                {
                    if (!covered.Add((a, peer))) continue;
                    TimelineEnd? partner = null;
                    string? partnerPeer = null;
                    string? how = null;
                    foreach (var b in ends.Where(b => !ReferenceEquals(a, b)))
                    {
                        var back = a.Locals.Intersect(b.Peers, StringComparer.Ordinal).FirstOrDefault();
                        var shared = SharedExchange(a, peer, b);
                        if (b.Locals.Contains(peer) || back != null)
                        {
                            partnerPeer = back ?? SharedPeer(a, peer, b) ?? (b.Peers.Count == 1 ? b.Peers.First() : null);
                            how = b.Locals.Contains(peer) ? $"B's own address is A's peer {peer}" : $"A's own address {back} is B's peer";
                        }
                        else if (shared != null)
                        {
                            partnerPeer = SharedPeer(a, peer, b);
                            how = $"both logged message ID {shared}";
                        }
                        else if (options != null && a.Device != b.Device && options.PairedByHand(a.Device, b.Device))
                        {
                            partnerPeer = b.Peers.Count == 1 ? b.Peers.First() : null;
                            how = $"paired by hand ({a.Device} and {b.Device})";
                        }
                        if (how == null || partnerPeer == null && b.Peers.Count > 0) { how = null; continue; }
                        partner = b;
                        break;
                    }
                    if (partner != null && partnerPeer != null) covered.Add((partner, partnerPeer));
                    tunnels.Add(new TimelineTunnel(a, peer, partner, partnerPeer, how));
                }
            }
            return tunnels;
        }

        /// <summary>A message ID that <paramref name="a"/> logged with <paramref name="peer"/> and <paramref name="b"/> logged too (the smallest), or null.</summary>
        private static long? SharedExchange(TimelineEnd a, string peer, TimelineEnd b)
        {
            if (!a.MessageIdsByPeer.TryGetValue(peer, out var ids)) return null;
            long? shared = null;
            foreach (var id in ids)
                if (b.PeerByMessageId.ContainsKey(id) && (shared == null || id < shared)) shared = id;
            return shared;
        }

        /// <summary>The peer <paramref name="b"/> logged an exchange with that <paramref name="a"/> logged with <paramref name="peer"/>.</summary>
        private static string? SharedPeer(TimelineEnd a, string peer, TimelineEnd b)
        {
            if (!a.MessageIdsByPeer.TryGetValue(peer, out var ids)) return null;
            foreach (var id in ids.OrderBy(i => i))
                if (b.PeerByMessageId.TryGetValue(id, out var p) && p != null) return p;
            return null;
        }
    }
}
