using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>One tunnel of a timeline: end A and its peer, and end B when B's log was given.</summary>
    public sealed class TimelineTunnel
    {
        internal TimelineTunnel(TimelineEnd a, string peer, TimelineEnd? b, string? bPeer, string? pairedBy)
        {
            A = a;
            Peer = peer;
            B = b;
            BPeer = bPeer;
            PairedBy = pairedBy;
        }

        /// <summary>End A.</summary>
        public TimelineEnd A { get; }

        /// <summary>A's peer address.</summary>
        public string Peer { get; }

        /// <summary>End B, when its log was given.</summary>
        public TimelineEnd? B { get; }

        /// <summary>B's peer address (A's own address), as B logs it.</summary>
        public string? BPeer { get; }

        /// <summary>Why A and B were paired.</summary>
        public string? PairedBy { get; }

        /// <summary>A's events of this tunnel (its events for <see cref="Peer"/>, and those without a peer when A has one peer only).</summary>
        public IEnumerable<SaEvent> EventsA => Of(A, Peer);

        /// <summary>B's events of this tunnel.</summary>
        public IEnumerable<SaEvent> EventsB => B == null ? Enumerable.Empty<SaEvent>() : Of(B, BPeer);

        /// <summary>A's address: its log's, else what B calls its peer.</summary>
        public string? AddressA => A.Local ?? BPeer;

        /// <summary>B's address: its log's, else A's peer.</summary>
        public string? AddressB => B?.Local ?? Peer;

        /// <summary>The tunnel's name: <c>A's address - B's address</c> (A's name when its address is not known).</summary>
        public string Name => $"{AddressA ?? A.Name} - {AddressB}";

        private static IEnumerable<SaEvent> Of(TimelineEnd end, string? peer) =>
            end.Events.Where(e => e.Peer == peer || e.Peer == null && end.Peers.Count == 1);
    }
}
