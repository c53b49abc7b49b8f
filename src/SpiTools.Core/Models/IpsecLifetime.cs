namespace SpiTools
{
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
