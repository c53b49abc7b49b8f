using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>
    /// One end of a tunnel as its logs show it: the events of one device, or of one log file when a device's (or a
    /// folder's) logs turn out to hold both ends of a tunnel.
    /// </summary>
    public sealed class TimelineEnd
    {
        internal TimelineEnd(string device, IEnumerable<SaEvent> events)
        {
            Device = device;
            Name = device;
            Events = events.ToList();
            Refresh();
        }

        /// <summary>The device the events were read for.</summary>
        public string Device { get; }

        /// <summary>The end's name: the device, or the log file's name (without extension) when one device holds several ends.</summary>
        public string Name { get; internal set; }

        /// <summary>The events, in the order they were read.</summary>
        public List<SaEvent> Events { get; }

        /// <summary>This end's addresses, where its log says them.</summary>
        public IReadOnlyCollection<string> Locals { get; private set; } = Array.Empty<string>();

        /// <summary>The peers its events name.</summary>
        public IReadOnlyCollection<string> Peers { get; private set; } = Array.Empty<string>();

        /// <summary>The log files the events came from.</summary>
        public IReadOnlyList<string> Files { get; private set; } = Array.Empty<string>();

        /// <summary>The end's own address when its log says it (one address), else null.</summary>
        public string? Local => Locals.Count == 1 ? Locals.First() : null;

        internal void Add(TimelineEnd other)
        {
            Events.AddRange(other.Events);
            Refresh();
        }

        private void Refresh()
        {
            Locals = new SortedSet<string>(Events.Select(e => e.LocalAddress).Where(a => a != null)!, StringComparer.Ordinal);
            Peers = new SortedSet<string>(Events.Select(e => e.Peer).Where(a => a != null)!, StringComparer.Ordinal);
            Files = Events.Select(e => e.Source).Where(s => s != null).Distinct(StringComparer.Ordinal).ToList()!;
            Roles = new Dictionary<long, string>();
            PeerByMessageId = new Dictionary<long, string?>();
            MessageIdsByPeer = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
            foreach (var e in Events)
            {
                if (e.MessageId == null) continue;
                long id = e.MessageId.Value;
                if (e.Role != null && !Roles.ContainsKey(id)) Roles[id] = e.Role;
                if (!PeerByMessageId.TryGetValue(id, out var known) || known == null) PeerByMessageId[id] = e.Peer;
                if (e.Peer == null) continue;
                if (!MessageIdsByPeer.TryGetValue(e.Peer, out var ids)) MessageIdsByPeer[e.Peer] = ids = new HashSet<long>();
                ids.Add(id);
            }
        }

        /// <summary>The roles this end logged per exchange (message ID).</summary>
        internal Dictionary<long, string> Roles { get; private set; } = new Dictionary<long, string>();

        /// <summary>The peer each message ID was logged with (the first), for pairing by shared exchanges.</summary>
        internal Dictionary<long, string?> PeerByMessageId { get; private set; } = new Dictionary<long, string?>();

        /// <summary>The message IDs logged per peer.</summary>
        internal Dictionary<string, HashSet<long>> MessageIdsByPeer { get; private set; } = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);

        /// <inheritdoc />
        public override string ToString() => Local != null ? $"{Name} {Local}" : Name;
    }
}
