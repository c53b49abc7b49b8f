namespace SpiTools
{
    /// <summary>
    /// One ASA data-path VPN context from <c>show asp table vpn-context [detail]</c>.
    /// <see cref="Context"/> is the value packet-tracer prints as the encrypt rule's <c>user_data</c>.
    /// </summary>
    public sealed class VpnContext : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "VpnContext";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>True when the capture ended (or was cut) before the context's block was complete.</summary>
        public bool Incomplete { get; set; }

        /// <summary>The context handle (<c>VPN CTX</c>), normalised (<c>0x2D2EA0A4</c>).</summary>
        public string? Context { get; set; }

        /// <summary>The handle as a number.</summary>
        public long? ContextValue { get; set; }

        /// <summary><c>Peer IP</c>: the remote protected network, not the peer's address.</summary>
        public string? PeerIp { get; set; }

        /// <summary>Internal pointer, as printed.</summary>
        public string? Pointer { get; set; }

        /// <summary><c>UP</c>, <c>UP+DIP</c>, ...</summary>
        public string? State { get; set; }

        /// <summary>Flags as printed (<c>ENCR+ESP</c>, <c>DECR+ESP+NATT</c>).</summary>
        public string? Flags { get; set; }

        /// <summary>Outbound for ENCR contexts, inbound for DECR; null when the flags say neither.</summary>
        public string? Direction { get; set; }

        /// <summary>Internal SA handle (not an SPI), normalised.</summary>
        public string? Sa { get; set; }

        /// <summary>SPI of the SA bound to this context, normalised.</summary>
        public string? Spi { get; set; }

        /// <summary>The SPI as a number.</summary>
        public long? SpiValue { get; set; }

        public int? Group { get; set; }
        /// <summary><c>Pkts</c>: packets through the context.</summary>
        public long? Packets { get; set; }
        public long? BadPackets { get; set; }
        public long? BadSpi { get; set; }
        public long? Spoof { get; set; }
        public long? BadCrypto { get; set; }
        public long? RekeyPackets { get; set; }
        public long? RekeyCalls { get; set; }

        /// <summary><c>VPN Filter</c> ACL name or <c>&lt;none&gt;</c>; null when not printed.</summary>
        public string? VpnFilter { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Context} {Flags} SPI {Spi} Pkts {Packets}";
    }
}
