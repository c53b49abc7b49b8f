namespace SpiTools
{
    /// <summary>An IPsec SA lifetime from configuration or a profile (IOS-XE <c>show crypto ipsec profile</c>, ASA <c>show running-config crypto ipsec</c>).</summary>
    public sealed class IpsecLifetime : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "IpsecLifetime";

        /// <inheritdoc />
        public string? Device { get; internal set; }

        /// <inheritdoc />
        public string? Source { get; internal set; }

        /// <inheritdoc />
        public int Line { get; internal set; }

        /// <inheritdoc />
        public int LastLine { get; internal set; }

        string? IStampableRecord.Device { get => Device; set => Device = value; }
        string? IStampableRecord.Source { get => Source; set => Source = value; }
        int IStampableRecord.Line { get => Line; set => Line = value; }
        int IStampableRecord.LastLine { get => LastLine; set => LastLine = value; }

        /// <summary><c>global</c>, or the IPsec profile / crypto map it applies to.</summary>
        public string Scope { get; internal set; } = "global";

        /// <summary>Volume lifetime in kB; null when not set here.</summary>
        public long? Kilobytes { get; internal set; }

        /// <summary>True when volume rekey is disabled (<c>kilobytes disable</c> / <c>unlimited</c>).</summary>
        public bool KilobytesDisabled { get; internal set; }

        /// <summary>Time lifetime in seconds; null when not set here.</summary>
        public long? Seconds { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Scope}: {Kilobytes} kB / {Seconds} s";
    }
}
