namespace SpiTools
{
    /// <summary>
    /// One SA listed by ASA / FTD <c>show crypto ipsec sa inactive</c> (<c>Inactive inbound SA: SPI: 0x1AAC9593, state: dead,
    /// reason: Phase 2 Error</c>), with the entry it was printed under. Inactive SAs that stay listed after
    /// <c>clear crypto ipsec sa inactive</c> are the stuck SAs of Cisco bug CSCwc48375.
    /// </summary>
    public sealed class InactiveIpsecSa : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "InactiveIpsecSa";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>The SPI as <c>0x</c> and 8 upper-case hex digits.</summary>
        public string? Spi { get; set; }

        /// <summary>The SPI as a number.</summary>
        public long? SpiValue { get; set; }

        /// <summary><c>Inbound</c> or <c>Outbound</c> (<see cref="SaDirection"/>).</summary>
        public string? Direction { get; set; }

        /// <summary>The printed state (<c>dead</c>).</summary>
        public string? State { get; set; }

        /// <summary>The printed reason (<c>Phase 2 Error</c>).</summary>
        public string? Reason { get; set; }

        public string? Interface { get; set; }
        public string? CryptoMap { get; set; }
        public int? SequenceNumber { get; set; }
        public string? LocalAddress { get; set; }
        public string? Peer { get; set; }
        public string? AccessList { get; set; }
        public string? LocalIdent { get; set; }
        public string? RemoteIdent { get; set; }

        /// <summary>Every other printed field of the SA line or its entry, as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? OtherFields { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Peer} {Direction} {Spi} {State} ({Reason})";
    }
}
