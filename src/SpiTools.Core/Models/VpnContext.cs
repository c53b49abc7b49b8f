namespace SpiTools
{
    /// <summary>
    /// One ASA data-path VPN context from <c>show asp table vpn-context [detail]</c>.
    /// <see cref="Context"/> is the value packet-tracer prints as the encrypt rule's <c>user_data</c>.
    /// </summary>
    public sealed class VpnContext : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "VpnContext";

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

        /// <summary>True when the capture ended (or was cut) before the context's block was complete.</summary>
        public bool Incomplete { get; internal set; }

        /// <summary>The context handle (<c>VPN CTX</c>), normalised (<c>0x2D2EA0A4</c>).</summary>
        public string? Context { get; internal set; }

        /// <summary>The handle as a number.</summary>
        public long? ContextValue { get; internal set; }

        /// <summary><c>Peer IP</c>: the remote protected network, not the peer's address.</summary>
        public string? PeerIp { get; internal set; }

        /// <summary>Internal pointer, as printed.</summary>
        public string? Pointer { get; internal set; }

        /// <summary><c>UP</c>, <c>UP+DIP</c>, ...</summary>
        public string? State { get; internal set; }

        /// <summary>Flags as printed (<c>ENCR+ESP</c>, <c>DECR+ESP+NATT</c>).</summary>
        public string? Flags { get; internal set; }

        /// <summary>Outbound for ENCR contexts, inbound for DECR; null when the flags say neither.</summary>
        public string? Direction { get; internal set; }

        /// <summary>Internal SA handle (not an SPI), normalised.</summary>
        public string? Sa { get; internal set; }

        /// <summary>SPI of the SA bound to this context, normalised.</summary>
        public string? Spi { get; internal set; }

        /// <summary>The SPI as a number.</summary>
        public long? SpiValue { get; internal set; }

        public int? Group { get; internal set; }
        /// <summary><c>Pkts</c>: packets through the context.</summary>
        public long? Packets { get; internal set; }
        public long? BadPackets { get; internal set; }
        public long? BadSpi { get; internal set; }
        public long? Spoof { get; internal set; }
        public long? BadCrypto { get; internal set; }
        public long? RekeyPackets { get; internal set; }
        public long? RekeyCalls { get; internal set; }

        /// <summary><c>VPN Filter</c> ACL name or <c>&lt;none&gt;</c>; null when not printed.</summary>
        public string? VpnFilter { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Context} {Flags} SPI {Spi} Pkts {Packets}";
    }
}
