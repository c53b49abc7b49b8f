using System;
using System.Collections.Generic;

namespace SpiTools
{
    /// <summary>
    /// One diagnosis: what is wrong (or notable) with a tunnel, the evidence with its numbers, the remedy, what the
    /// remedy disturbs, and the capture lines it rests on. Flat, for the pipeline and <c>Export-Csv</c>.
    /// A finding is built complete by the diagnosis and never changes once made: its properties are init-only and
    /// set only inside the core (PowerShell shows them read-only), so a finding handed out is the finding made.
    /// </summary>
    public sealed class Finding : ICaptureRecord
    {
        /// <summary>An empty finding; the core fills findings with an object initializer.</summary>
        public Finding()
        {
        }

        /// <summary>A copy of <paramref name="other"/>, for an object initializer to change some of it (the diagnosis naming the device it read).</summary>
        internal Finding(Finding other)
        {
            if (other is null) throw new ArgumentNullException(nameof(other));
            Code = other.Code;
            Severity = other.Severity;
            Device = other.Device;
            Peer = other.Peer;
            PeerDevice = other.PeerDevice;
            LocalIdent = other.LocalIdent;
            RemoteIdent = other.RemoteIdent;
            Spi = other.Spi;
            Context = other.Context;
            Evidence = other.Evidence;
            Remediation = other.Remediation;
            BlastRadius = other.BlastRadius;
            NextStep = other.NextStep;
            RekeyIntervalSeconds = other.RekeyIntervalSeconds;
            MeasuredIntervalSeconds = other.MeasuredIntervalSeconds;
            ThroughputMbps = other.ThroughputMbps;
            Assumptions = other.Assumptions;
            BasedOnDamagedCapture = other.BasedOnDamagedCapture;
            SourceLines = other.SourceLines;
            Sources = other.Sources;
            Source = other.Source;
            Line = other.Line;
            LastLine = other.LastLine;
            Change = other.Change;
        }

        /// <summary>This finding marked as it stands against the previous run, its evidence replaced when <paramref name="evidence"/> is given.</summary>
        internal Finding WithChange(string change, string? evidence = null) =>
            new Finding(this) { Change = change, Evidence = evidence ?? Evidence };

        /// <inheritdoc />
        public string RecordType => "Finding";

        /// <summary>Stable code: StaleVpnContext, OneWayTraffic, VolumeLifetimeExhausted, RekeyChurn, OrphanSaPair, InvalidSpi, ProxyMismatch, ReplayOrAuthErrors, CaptureDamaged, RekeyTimeline, RekeyCollision, DeletedSpiInUse, StuckInactiveSa, IkeUpNoChildSa, IkeRekeyFlap; comparing both ends: SpiDesync, PathLoss, LifetimeMismatch, ProxyMismatch, EndsAgree.</summary>
        public string Code { get; internal init; } = "";

        /// <summary>Critical, Warning or Info.</summary>
        public string Severity { get; internal init; } = FindingSeverity.Info;

        /// <summary>The device the finding is about.</summary>
        public string? Device { get; internal init; }

        /// <summary>The peer (as printed; it may be redacted in a pasted capture).</summary>
        public string? Peer { get; internal init; }

        /// <summary>The device at the tunnel's other end, for findings that compare both ends' captures (null otherwise).</summary>
        public string? PeerDevice { get; internal init; }

        /// <summary>Local proxy (addr/mask/prot/port).</summary>
        public string? LocalIdent { get; internal init; }

        /// <summary>Remote proxy (addr/mask/prot/port).</summary>
        public string? RemoteIdent { get; internal init; }

        /// <summary>The SPI the finding is about.</summary>
        public string? Spi { get; internal init; }

        /// <summary>The VPN context the finding is about (ASA).</summary>
        public string? Context { get; internal init; }

        /// <summary>What was seen, with the numbers.</summary>
        public string Evidence { get; internal init; } = "";

        /// <summary>The command to run first (the least disruptive that fixes it), or what to change.</summary>
        public string? Remediation { get; internal init; }

        /// <summary>What the remediation disturbs.</summary>
        public string? BlastRadius { get; internal init; }

        /// <summary>What to do if the remediation does not help, in order of blast radius.</summary>
        public string? NextStep { get; internal init; }

        /// <summary>Projected volume-rekey interval in seconds, where it applies.</summary>
        public double? RekeyIntervalSeconds { get; internal init; }

        /// <summary>The rekey interval measured from logs (the median, seconds), where it applies (RekeyTimeline).</summary>
        public double? MeasuredIntervalSeconds { get; internal init; }

        /// <summary>Throughput in Mbit/s on the SA the finding measured, where it applies.</summary>
        public double? ThroughputMbps { get; internal init; }

        /// <summary>Assumptions the evidence rests on (default lifetimes, kB = 1000 bytes).</summary>
        public string? Assumptions { get; internal init; }

        /// <summary>True when the capture this rests on was damaged (see the CaptureDamaged finding).</summary>
        public bool BasedOnDamagedCapture { get; internal init; }

        /// <summary>The capture lines the finding rests on, as <c>file:line</c> joined with <c>; </c>.</summary>
        public string? SourceLines { get; internal init; }

        /// <summary>The capture lines the finding rests on, as the checks name them; <see cref="SourceLines"/> is made from them.</summary>
        internal IReadOnlyList<Diagnosis.SourceLine>? Sources { get; init; }

        /// <summary><see cref="FindingChange"/> against the device's previous run: New, Persisting or Resolved (the earlier finding, output again, its evidence saying it is gone); null when there was no previous run to compare with.</summary>
        public string? Change { get; internal init; }

        /// <summary>Where the finding's first capture line came from: a file path, <c>-</c> for standard input, or a host name.</summary>
        public string? Source { get; internal init; }

        /// <summary>The first capture line (1-based) the finding rests on.</summary>
        public int Line { get; internal init; }

        /// <summary>The last capture line (1-based) the finding rests on.</summary>
        public int LastLine { get; internal init; }

        /// <inheritdoc />
        public override string ToString() => $"{Severity} {Code} {Device} {Peer}: {Evidence}";
    }
}
