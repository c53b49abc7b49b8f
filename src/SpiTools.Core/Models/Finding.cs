namespace SpiTools
{
    /// <summary>
    /// How urgent a finding is. The values are strings, so <c>Severity -eq Critical</c> behaves the same on live,
    /// deserialised (remoting, jobs, <c>Import-Clixml</c>) and CSV-imported objects, and JSON says the word.
    /// </summary>
    public static class FindingSeverity
    {
        /// <summary>Worth knowing; not a fault (rekey churn, an orphan SA pair, old error counts).</summary>
        public const string Info = "Info";
        /// <summary>Something is wrong or the evidence is weakened (damaged capture, error counters growing).</summary>
        public const string Warning = "Warning";
        /// <summary>Traffic is being lost now.</summary>
        public const string Critical = "Critical";

        /// <summary>Orders severities for sorting: Critical 2, Warning 1, Info 0, anything else -1.</summary>
        public static int Rank(string? severity) => severity switch
        {
            Critical => 2,
            Warning => 1,
            Info => 0,
            _ => -1,
        };
    }

    /// <summary>
    /// One diagnosis: what is wrong (or notable) with a tunnel, the evidence with its numbers, the remedy, what the
    /// remedy disturbs, and the capture lines it rests on. Flat, for the pipeline and <c>Export-Csv</c>.
    /// </summary>
    public sealed class Finding : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "Finding";

        /// <summary>Stable code: StaleVpnContext, OneWayTraffic, VolumeLifetimeExhausted, RekeyChurn, OrphanSaPair, InvalidSpi, ProxyMismatch, ReplayOrAuthErrors, CaptureDamaged.</summary>
        public string Code { get; set; } = "";

        /// <summary>Critical, Warning or Info.</summary>
        public string Severity { get; set; } = FindingSeverity.Info;

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <summary>The peer (as printed; it may be redacted in a pasted capture).</summary>
        public string? Peer { get; set; }

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

        /// <summary>Throughput in Mbit/s on the SA the finding measured, where it applies.</summary>
        public double? ThroughputMbps { get; set; }

        /// <summary>Assumptions the evidence rests on (default lifetimes, kB = 1000 bytes).</summary>
        public string? Assumptions { get; set; }

        /// <summary>True when the capture this rests on was damaged (see the CaptureDamaged finding).</summary>
        public bool BasedOnDamagedCapture { get; set; }

        /// <summary>The capture lines the finding rests on, as <c>file:line</c> joined with <c>; </c>.</summary>
        public string? SourceLines { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Severity} {Code} {Device} {Peer}: {Evidence}";
    }

    /// <summary>An IPsec SA lifetime from configuration or a profile (IOS-XE <c>show crypto ipsec profile</c>, ASA <c>show running-config crypto ipsec</c>).</summary>
    public sealed class IpsecLifetime : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "IpsecLifetime";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary><c>global</c>, or the IPsec profile / crypto map it applies to.</summary>
        public string Scope { get; set; } = "global";

        /// <summary>Volume lifetime in kB; null when not set here.</summary>
        public long? Kilobytes { get; set; }

        /// <summary>True when volume rekey is disabled (<c>kilobytes disable</c> / <c>unlimited</c>).</summary>
        public bool KilobytesDisabled { get; set; }

        /// <summary>Time lifetime in seconds; null when not set here.</summary>
        public long? Seconds { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Scope}: {Kilobytes} kB / {Seconds} s";
    }
}
