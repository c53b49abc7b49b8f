using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>
    /// One phase-2 negotiation (IKEv1 Quick Mode, IKEv2 CREATE_CHILD_SA) of a tunnel: the events one or both ends
    /// logged for it, grouped by message ID and by which end started it (IKEv2 numbers each end's requests on its own,
    /// so one number can name two exchanges).
    /// </summary>
    public sealed class RekeyExchange
    {
        internal RekeyExchange(long messageId, bool startedByA)
        {
            MessageId = messageId;
            StartedByA = startedByA;
        }

        /// <summary>The message ID (decimal).</summary>
        public long MessageId { get; }

        /// <summary>True when end A started it; false when B (or, with A's log only, the peer) did.</summary>
        public bool StartedByA { get; }

        /// <summary>A's events of the exchange.</summary>
        public List<SaEvent> EventsA { get; } = new List<SaEvent>();

        /// <summary>B's events of the exchange.</summary>
        public List<SaEvent> EventsB { get; } = new List<SaEvent>();

        /// <summary>The exchange's number in the tunnel's rekeys (1-based, in time order).</summary>
        public int Number { get; internal set; }

        /// <summary>When it started, on A's clock.</summary>
        public DateTime Start { get; internal set; }

        /// <summary>When the new SA was installed (else phase 2 completed, else it started), on A's clock.</summary>
        public DateTime Installed { get; internal set; }

        /// <summary>The exchange that collided with this one (both ends started one within the collision window), if any.</summary>
        public RekeyExchange? CollidesWith { get; internal set; }

        /// <summary>True when both ends logged it.</summary>
        public bool LoggedByBoth => EventsA.Count > 0 && EventsB.Count > 0;

        /// <summary>The SPIs A installed in it.</summary>
        public IEnumerable<string> SpisA => EventsA.Where(e => e.Kind == SaEventKind.SaInstalled && e.Spi != null).Select(e => e.Spi!).Distinct(StringComparer.Ordinal);

        /// <summary>The SPIs B installed in it.</summary>
        public IEnumerable<string> SpisB => EventsB.Where(e => e.Kind == SaEventKind.SaInstalled && e.Spi != null).Select(e => e.Spi!).Distinct(StringComparer.Ordinal);

        /// <summary>The first event of the exchange (A's, else B's): its line is the exchange's evidence.</summary>
        public SaEvent First => EventsA.FirstOrDefault() ?? EventsB[0];

        /// <summary>B's event time minus A's for this exchange (the same step on both ends), when both logged it.</summary>
        internal double? Offset()
        {
            if (!LoggedByBoth) return null;
            foreach (var kind in new[] { SaEventKind.PhaseTwoComplete, SaEventKind.SaInstalled })
            {
                var a = EventsA.FirstOrDefault(e => e.Kind == kind);
                var b = EventsB.FirstOrDefault(e => e.Kind == kind);
                if (a != null && b != null) return (b.Time!.Value - a.Time!.Value).TotalSeconds;
            }
            return (EventsB[0].Time!.Value - EventsA[0].Time!.Value).TotalSeconds;
        }
    }
}
