using System;

namespace SpiTools
{
    /// <summary>
    /// One row of a tunnel's timeline: an event logged by one end (A or B), or the same step of one exchange logged by
    /// both, side by side, with the offset between their clocks. Rows of a tunnel are in time order on A's clock (B's
    /// times corrected by the clock skew estimated from the exchanges both ends logged). Flat, for the pipeline and
    /// <c>Export-Csv</c>.
    /// </summary>
    public sealed class SaTimelineEntry : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "SaTimelineEntry";

        /// <summary>The device of end A (the device whose logs were read for it).</summary>
        public string? Device { get; internal set; }

        /// <summary>The tunnel: A's address and B's (<c>172.17.3.1 - 172.17.3.2</c>); A's name when its address is not known.</summary>
        public string Tunnel { get; internal set; } = "";

        /// <summary>The name of end A (a device, or a log file when one folder holds both ends' logs).</summary>
        public string EndA { get; internal set; } = "";

        /// <summary>The name of end B; null when only A's log was given (B is then A's peer, seen from A).</summary>
        public string? EndB { get; internal set; }

        /// <summary>A's peer address, as A logs it.</summary>
        public string? Peer { get; internal set; }

        /// <summary>The row's time on A's clock.</summary>
        public DateTime? Time { get; internal set; }

        /// <summary>What A logged (<see cref="SaEventKind"/>), or null when only B logged this step.</summary>
        public string? EventA { get; internal set; }

        /// <summary>What B logged, or null when only A logged this step.</summary>
        public string? EventB { get; internal set; }

        /// <summary>The time A logged it, as read.</summary>
        public DateTime? TimeA { get; internal set; }

        /// <summary>The time B logged it, as read (on B's clock).</summary>
        public DateTime? TimeB { get; internal set; }

        /// <summary>B's time minus A's time, in seconds, for a step both ends logged.</summary>
        public double? OffsetSeconds { get; internal set; }

        /// <summary>The clock skew of the tunnel (B minus A, seconds), estimated from the exchanges both ends logged; null when none was.</summary>
        public double? ClockSkewSeconds { get; internal set; }

        /// <summary>The IKE message ID (decimal) of the exchange.</summary>
        public long? MessageId { get; internal set; }

        /// <summary>The SPI of A's event.</summary>
        public string? SpiA { get; internal set; }

        /// <summary>The SPI of B's event.</summary>
        public string? SpiB { get; internal set; }

        /// <summary>A's role in the exchange (<c>Initiator</c>, <c>Responder</c>).</summary>
        public string? RoleA { get; internal set; }

        /// <summary>B's role in the exchange.</summary>
        public string? RoleB { get; internal set; }

        /// <summary>The end that started the exchange (an end's name, or <c>peer</c> when only A's log was given and the peer started it).</summary>
        public string? Initiator { get; internal set; }

        /// <summary>The number of the rekey (phase-2 negotiation) this row belongs to, in the tunnel's order; null for other events.</summary>
        public int? Rekey { get; internal set; }

        /// <summary>How many rekeys the tunnel's logs show, on every row of the tunnel (the "Rekeys: 2" of its heading).</summary>
        public int RekeyCount { get; internal set; }

        /// <summary>The median time between the tunnel's rekeys in seconds, on every row of the tunnel; null with fewer than two rekeys.</summary>
        public double? RekeyIntervalSeconds { get; internal set; }

        /// <summary>What the row means beyond its event: a collision, an SPI used after its delete.</summary>
        public string? Note { get; internal set; }

        /// <summary>A's line as <c>file:line</c>.</summary>
        public string? SourceA { get; internal set; }

        /// <summary>B's line as <c>file:line</c>.</summary>
        public string? SourceB { get; internal set; }

        /// <inheritdoc />
        public string? Source { get; internal set; }

        /// <inheritdoc />
        public int Line { get; internal set; }

        /// <inheritdoc />
        public int LastLine { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Time:HH:mm:ss} {MessageId} {EventA} {SpiA} | {EventB} {SpiB}";
    }
}
