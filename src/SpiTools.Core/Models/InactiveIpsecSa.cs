namespace SpiTools
{
    /// <summary>
    /// One SA listed by ASA / FTD <c>show crypto ipsec sa inactive</c> (<c>Inactive inbound SA: SPI: 0x1AAC9593, state: dead,
    /// reason: Phase 2 Error</c>), with the entry it was printed under. Inactive SAs that stay listed after
    /// <c>clear crypto ipsec sa inactive</c> are the stuck SAs of Cisco bug CSCwc48375.
    /// </summary>
    public sealed class InactiveIpsecSa : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "InactiveIpsecSa";

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

        /// <summary>The SPI as <c>0x</c> and 8 upper-case hex digits.</summary>
        public string? Spi { get; internal set; }

        /// <summary>The SPI as a number.</summary>
        public long? SpiValue { get; internal set; }

        /// <summary><c>Inbound</c> or <c>Outbound</c> (<see cref="SaDirection"/>).</summary>
        public string? Direction { get; internal set; }

        /// <summary>The printed state (<c>dead</c>).</summary>
        public string? State { get; internal set; }

        /// <summary>The printed reason (<c>Phase 2 Error</c>).</summary>
        public string? Reason { get; internal set; }

        public string? Interface { get; internal set; }
        public string? CryptoMap { get; internal set; }
        public int? SequenceNumber { get; internal set; }
        public string? LocalAddress { get; internal set; }
        public string? Peer { get; internal set; }
        public string? AccessList { get; internal set; }
        public string? LocalIdent { get; internal set; }
        public string? RemoteIdent { get; internal set; }

        /// <summary>Every other printed field of the SA line or its entry, as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? OtherFields { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Peer} {Direction} {Spi} {State} ({Reason})";
    }
}
