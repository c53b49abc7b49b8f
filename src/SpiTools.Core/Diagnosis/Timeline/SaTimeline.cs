using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>
    /// The rekey timeline of one tunnel from its ends' logs: the phase-2 negotiations (grouped by message ID), who started
    /// each, the intervals between them, the clock skew between the ends (from the exchanges both logged), rekey
    /// collisions (both ends starting one within <see cref="CollisionWindowSeconds"/>), and SPIs still in use after
    /// their delete (invalid-SPI events for a deleted SPI). <see cref="Rows"/> puts both ends side by side.
    /// </summary>
    public sealed class SaTimeline
    {
        /// <summary>Two rekeys started by opposite ends closer than this are a collision.</summary>
        public const double CollisionWindowSeconds = 5;

        /// <summary>Invalid-SPI events for a deleted SPI up to this long after the delete are the usual overlap of a rekey.</summary>
        public const double TransientSeconds = 10;

        private SaTimeline(TimelineTunnel tunnel) => Tunnel = tunnel;

        /// <summary>The delete each invalid-SPI event of <see cref="DeletedInUse"/> follows.</summary>
        private readonly Dictionary<SaEvent, DeletedSpiUse> _useOf = new Dictionary<SaEvent, DeletedSpiUse>();

        /// <summary>The tunnel.</summary>
        public TimelineTunnel Tunnel { get; }

        /// <summary>B's clock minus A's (seconds, the median over the exchanges both logged); null when none was.</summary>
        public double? ClockSkewSeconds { get; private set; }

        /// <summary>The exchanges the skew was measured on.</summary>
        public IReadOnlyList<RekeyExchange> SkewFrom { get; private set; } = Array.Empty<RekeyExchange>();

        /// <summary>The phase-2 negotiations, in time order.</summary>
        public IReadOnlyList<RekeyExchange> Rekeys { get; private set; } = Array.Empty<RekeyExchange>();

        /// <summary>The seconds between successive rekeys' installs (a collision counts once).</summary>
        public IReadOnlyList<double> Intervals { get; private set; } = Array.Empty<double>();

        /// <summary>The shortest interval, in seconds; null when fewer than two rekeys were logged.</summary>
        public double? MinIntervalSeconds => Intervals.Count == 0 ? (double?)null : Intervals.Min();

        /// <summary>The median interval, in seconds; null when fewer than two rekeys were logged.</summary>
        public double? MedianIntervalSeconds => Intervals.Count == 0 ? (double?)null : Median(Intervals.OrderBy(v => v).ToList());

        /// <summary>The longest interval, in seconds; null when fewer than two rekeys were logged.</summary>
        public double? MaxIntervalSeconds => Intervals.Count == 0 ? (double?)null : Intervals.Max();

        /// <summary>The collisions: the first-started exchange and the one that collided with it.</summary>
        public IReadOnlyList<(RekeyExchange First, RekeyExchange Second)> Collisions { get; private set; } = Array.Empty<(RekeyExchange, RekeyExchange)>();

        /// <summary>SPIs used after their delete.</summary>
        public IReadOnlyList<DeletedSpiUse> DeletedInUse { get; private set; } = Array.Empty<DeletedSpiUse>();

        /// <summary>Both ends' events side by side, in time order on A's clock.</summary>
        public IReadOnlyList<SaTimelineEntry> Rows { get; private set; } = Array.Empty<SaTimelineEntry>();

        /// <summary>The name of the end that started an exchange (<c>peer</c> for B when only A's log was given).</summary>
        public string InitiatorName(RekeyExchange x) => x.StartedByA ? Tunnel.A.Name : Tunnel.B?.Name ?? "peer";

        /// <summary>The timelines of every tunnel the events show.</summary>
        public static IReadOnlyList<SaTimeline> Build(IEnumerable<SaEvent> events, DiagnosisOptions? options = null) =>
            TimelineEnds.Pair(TimelineEnds.Split(events), options).Select(Build).ToList();

        /// <summary>The timeline of one tunnel.</summary>
        public static SaTimeline Build(TimelineTunnel tunnel)
        {
            var t = new SaTimeline(tunnel);
            var a = tunnel.EventsA.ToList();
            var b = tunnel.EventsB.ToList();
            var exchanges = Exchanges(a, b);

            var measured = exchanges.Where(x => x.LoggedByBoth).ToList();
            var offsets = measured.Select(x => x.Offset()!.Value).OrderBy(v => v).ToList();
            t.SkewFrom = measured;
            t.ClockSkewSeconds = offsets.Count == 0 ? (double?)null : Median(offsets);
            double skew = t.ClockSkewSeconds ?? 0;
            DateTime OnA(SaEvent e, bool onA) => onA ? e.Time!.Value : e.Time!.Value.AddSeconds(-skew);

            foreach (var x in exchanges)
            {
                var times = x.EventsA.Select(e => OnA(e, true)).Concat(x.EventsB.Select(e => OnA(e, false))).ToList();
                x.Start = times.Min();
                var install = x.EventsA.Where(e => e.Kind == SaEventKind.SaInstalled).Select(e => OnA(e, true))
                    .Concat(x.EventsB.Where(e => e.Kind == SaEventKind.SaInstalled).Select(e => OnA(e, false))).ToList();
                var complete = x.EventsA.Where(e => e.Kind == SaEventKind.PhaseTwoComplete).Select(e => OnA(e, true))
                    .Concat(x.EventsB.Where(e => e.Kind == SaEventKind.PhaseTwoComplete).Select(e => OnA(e, false))).ToList();
                x.Installed = install.Count > 0 ? install.Min() : complete.Count > 0 ? complete.Min() : x.Start;
            }
            var rekeys = exchanges.OrderBy(x => x.Start).ThenBy(x => x.First.Line).ToList();
            for (int i = 0; i < rekeys.Count; i++) rekeys[i].Number = i + 1;
            t.Rekeys = rekeys;

            var collisions = new List<(RekeyExchange, RekeyExchange)>();
            for (int i = 0; i + 1 < rekeys.Count; i++)
            {
                var x = rekeys[i];
                var y = rekeys.Skip(i + 1).TakeWhile(o => (o.Start - x.Start).TotalSeconds <= CollisionWindowSeconds)
                    .FirstOrDefault(o => o.StartedByA != x.StartedByA && o.CollidesWith == null);
                if (x.CollidesWith != null || y == null) continue;
                x.CollidesWith = y;
                y.CollidesWith = x;
                collisions.Add((x, y));
            }
            t.Collisions = collisions;

            var counted = rekeys.Where(x => x.CollidesWith == null || x.CollidesWith.Start > x.Start || x.CollidesWith.Start == x.Start && x.CollidesWith.Number > x.Number)
                .OrderBy(x => x.Installed).ToList();
            t.Intervals = counted.Zip(counted.Skip(1), (p, q) => (q.Installed - p.Installed).TotalSeconds).ToList();

            var uses = new List<DeletedSpiUse>();
            var all = a.Select(e => (Event: e, OnA: true, Time: OnA(e, true))).Concat(b.Select(e => (Event: e, OnA: false, Time: OnA(e, false)))).ToList();
            var invalidBySpi = all.Where(i => i.Event.Kind == SaEventKind.InvalidSpi && i.Event.Spi != null)
                .GroupBy(i => i.Event.Spi!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Time).ToList(), StringComparer.Ordinal);
            var deleted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var del in all.Where(d => d.Event.Kind == SaEventKind.SaDeleted && d.Event.Spi != null))
            {
                // The first delete of an SPI (IOS logs both siblings; a later line for the same SPI adds nothing).
                if (!deleted.Add(del.Event.Spi!) || !invalidBySpi.TryGetValue(del.Event.Spi!, out var forSpi)) continue;
                var invalid = forSpi.Where(i => (i.Time - del.Time).TotalSeconds >= -1).ToList();
                if (invalid.Count > 0) uses.Add(new DeletedSpiUse(del.Event, del.OnA, invalid, del.Time));
            }
            t.DeletedInUse = uses;
            foreach (var u in uses)
                foreach (var i in u.Invalid) t._useOf[i.Event] = u;
            t.Rows = SideBySide(t, a, b, exchanges, skew);
            return t;
        }

        /// <summary>Groups the negotiation events of both ends into exchanges by message ID and starting end.</summary>
        private static List<RekeyExchange> Exchanges(List<SaEvent> a, List<SaEvent> b)
        {
            var byKey = new Dictionary<(long, bool), RekeyExchange>();
            void Add(SaEvent e, bool onA)
            {
                if (e.MessageId == null || !IsNegotiation(e.Kind)) return;
                bool? startedByA = e.Role == IkeRole.Initiator ? onA : e.Role == IkeRole.Responder ? !onA : (bool?)null;
                if (startedByA == null)
                {
                    // An event without a role joins the one exchange of its message ID that its end logged.
                    byKey.TryGetValue((e.MessageId.Value, true), out var byA);
                    byKey.TryGetValue((e.MessageId.Value, false), out var byB);
                    bool logsA = byA != null && (onA ? byA.EventsA : byA.EventsB).Count > 0;
                    bool logsB = byB != null && (onA ? byB.EventsA : byB.EventsB).Count > 0;
                    if (logsA == logsB) return;
                    startedByA = logsA;
                }
                var key = (e.MessageId.Value, startedByA.Value);
                if (!byKey.TryGetValue(key, out var x2)) byKey[key] = x2 = new RekeyExchange(e.MessageId.Value, startedByA.Value);
                (onA ? x2.EventsA : x2.EventsB).Add(e);
            }
            foreach (var e in a) Add(e, true);
            foreach (var e in b) Add(e, false);
            return byKey.Values.ToList();
        }

        private static bool IsNegotiation(string kind) =>
            kind == SaEventKind.RekeyInitiated || kind == SaEventKind.RekeyResponded || kind == SaEventKind.SaInstalled || kind == SaEventKind.PhaseTwoComplete;

        private static bool Counterparts(string x, string y) =>
            x == y || x == SaEventKind.RekeyInitiated && y == SaEventKind.RekeyResponded || x == SaEventKind.RekeyResponded && y == SaEventKind.RekeyInitiated;

        private static List<SaTimelineEntry> SideBySide(SaTimeline t, List<SaEvent> a, List<SaEvent> b, List<RekeyExchange> exchanges, double skew)
        {
            var exchangeOf = new Dictionary<SaEvent, RekeyExchange>();
            foreach (var x in exchanges)
                foreach (var e in x.EventsA.Concat(x.EventsB)) exchangeOf[e] = x;
            var usedB = new HashSet<SaEvent>();
            var rows = new List<(SaTimelineEntry Row, DateTime Time, int Order)>();
            int order = 0;
            foreach (var e in a)
            {
                SaEvent? match = null;
                if (exchangeOf.TryGetValue(e, out var x))
                    match = x.EventsB.FirstOrDefault(o => !usedB.Contains(o) && Counterparts(e.Kind, o.Kind));
                if (match != null) usedB.Add(match);
                rows.Add((Row(t, e, match, x, skew), e.Time!.Value, order++));
            }
            foreach (var e in b.Where(e => !usedB.Contains(e)))
            {
                exchangeOf.TryGetValue(e, out var x);
                rows.Add((Row(t, null, e, x, skew), e.Time!.Value.AddSeconds(-skew), order++));
            }
            return rows.OrderBy(r => r.Time).ThenBy(r => r.Order).Select(r => r.Row).ToList();
        }

        private static SaTimelineEntry Row(SaTimeline t, SaEvent? a, SaEvent? b, RekeyExchange? x, double skew)
        {
            var tunnel = t.Tunnel;
            var first = a ?? b!;
            var row = new SaTimelineEntry
            {
                Device = tunnel.A.Device,
                Tunnel = tunnel.Name,
                EndA = tunnel.A.Name,
                EndB = tunnel.B?.Name,
                Peer = tunnel.Peer,
                Time = a?.Time ?? b!.Time!.Value.AddSeconds(-skew),
                EventA = a?.Kind,
                EventB = b?.Kind,
                TimeA = a?.Time,
                TimeB = b?.Time,
                OffsetSeconds = a != null && b != null ? (b.Time!.Value - a.Time!.Value).TotalSeconds : (double?)null,
                ClockSkewSeconds = t.ClockSkewSeconds,
                MessageId = first.MessageId,
                SpiA = a?.Spi,
                SpiB = b?.Spi,
                RoleA = a?.Role,
                RoleB = b?.Role,
                Initiator = x != null ? t.InitiatorName(x) : null,
                Rekey = x?.Number,
                RekeyCount = t.Rekeys.Count,
                RekeyIntervalSeconds = t.MedianIntervalSeconds,
                SourceA = a != null ? DiagnosisContext.Cite(a) : null,
                SourceB = b != null ? DiagnosisContext.Cite(b) : null,
                Source = first.Source,
                Line = first.Line,
                LastLine = first.LastLine,
            };
            if (x?.CollidesWith != null && (first.Kind == SaEventKind.RekeyInitiated || first.Kind == SaEventKind.RekeyResponded))
                row.Note = $"collision: {t.InitiatorName(x.CollidesWith)} started M-ID {x.CollidesWith.MessageId} {Seconds(Math.Abs((x.CollidesWith.Start - x.Start).TotalSeconds))} s {(x.CollidesWith.Start >= x.Start ? "later" : "earlier")}";
            if (first.Kind == SaEventKind.InvalidSpi && t._useOf.TryGetValue(first, out var use))
            {
                var at = use.Invalid.First(i => ReferenceEquals(i.Event, first)).Time;
                row.Note = $"SPI {first.Spi} was deleted by {(use.DeletedByA ? tunnel.A.Name : tunnel.B?.Name ?? "peer")} {Seconds((at - use.DeletedAt).TotalSeconds)} s earlier";
            }
            return row;
        }

        /// <summary>Seconds as the timeline writes them: up to milliseconds, invariant (<c>37</c>, <c>0.3</c>).</summary>
        public static string Seconds(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>A time of day as the timeline writes it: <c>HH:mm:ss</c>, with <c>.fff</c> when the log had milliseconds.</summary>
        public static string At(DateTime t) => t.ToString(t.Millisecond != 0 ? "HH:mm:ss.fff" : "HH:mm:ss", CultureInfo.InvariantCulture);

        internal static double Median(IReadOnlyList<double> sorted) =>
            sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
