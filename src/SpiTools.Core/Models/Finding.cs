using System.Collections.Generic;

namespace SpiTools
{
    /// <summary>
    /// One diagnosis: what is wrong (or notable) with a tunnel, the evidence with its numbers, the remedy, what the
    /// remedy disturbs, and the capture lines it rests on. Flat, for the pipeline and <c>Export-Csv</c>.
    /// </summary>
    public sealed class Finding : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "Finding";

        /// <summary>Stable code: StaleVpnContext, OneWayTraffic, VolumeLifetimeExhausted, RekeyChurn, OrphanSaPair, InvalidSpi, ProxyMismatch, ReplayOrAuthErrors, CaptureDamaged, RekeyTimeline, RekeyCollision, DeletedSpiInUse, StuckInactiveSa, IkeUpNoChildSa, IkeRekeyFlap; comparing both ends: SpiDesync, PathLoss, LifetimeMismatch, ProxyMismatch, EndsAgree.</summary>
        public string Code { get; set; } = "";

        /// <summary>Critical, Warning or Info.</summary>
        public string Severity { get; set; } = FindingSeverity.Info;

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <summary>The peer (as printed; it may be redacted in a pasted capture).</summary>
        public string? Peer { get; set; }

        /// <summary>The device at the tunnel's other end, for findings that compare both ends' captures (null otherwise).</summary>
        public string? PeerDevice { get; set; }

        /// <summary>Local proxy (addr/mask/prot/port).</summary>
        public string? LocalIdent { get; set; }

        /// <summary>Remote proxy (addr/mask/prot/port).</summary>
        public string? RemoteIdent { get; set; }

        /// <summary>The SPI the finding is about.</summary>
        public string? Spi { get; set; }

        /// <summary>The VPN context the finding is about (ASA).</summary>
        public string? Context { get; set; }

        /// <summary>What was seen, with the numbers.</summary>
        public string Evidence { get; set; } = "";

        /// <summary>The command to run first (the least disruptive that fixes it), or what to change.</summary>
        public string? Remediation { get; set; }

        /// <summary>What the remediation disturbs.</summary>
        public string? BlastRadius { get; set; }

        /// <summary>What to do if the remediation does not help, in order of blast radius.</summary>
        public string? NextStep { get; set; }

        /// <summary>Projected volume-rekey interval in seconds, where it applies.</summary>
        public double? RekeyIntervalSeconds { get; set; }

        /// <summary>The rekey interval measured from logs (the median, seconds), where it applies (RekeyTimeline).</summary>
        public double? MeasuredIntervalSeconds { get; set; }

        /// <summary>Throughput in Mbit/s on the SA the finding measured, where it applies.</summary>
        public double? ThroughputMbps { get; set; }

        /// <summary>Assumptions the evidence rests on (default lifetimes, kB = 1000 bytes).</summary>
        public string? Assumptions { get; set; }

        /// <summary>True when the capture this rests on was damaged (see the CaptureDamaged finding).</summary>
        public bool BasedOnDamagedCapture { get; set; }

        /// <summary>The capture lines the finding rests on, as <c>file:line</c> joined with <c>; </c>.</summary>
        public string? SourceLines { get; set; }

        /// <summary>The capture lines the finding rests on, as the checks name them; <see cref="SourceLines"/> is made from them.</summary>
        internal IReadOnlyList<Diagnosis.SourceLine>? Sources { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Severity} {Code} {Device} {Peer}: {Evidence}";
    }
}
