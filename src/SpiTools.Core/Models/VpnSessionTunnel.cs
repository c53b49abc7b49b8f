namespace SpiTools
{
    /// <summary>
    /// One tunnel (an IKE or IPsec section) of ASA <c>show vpn-sessiondb detail l2l</c>, with its session's fields.
    /// The IPsec tunnels' <c>Rekey Int (T)/(D)</c> are the negotiated lifetimes the diagnosis uses.
    /// </summary>
    public sealed class VpnSessionTunnel : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "VpnSessionTunnel";

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

        /// <summary>The session's <c>Connection</c> (tunnel group or peer).</summary>
        public string? Connection { get; internal set; }

        /// <summary>The session's <c>Index</c>.</summary>
        public long? Index { get; internal set; }

        /// <summary>The session's <c>IP Addr</c>: the peer.</summary>
        public string? Peer { get; internal set; }

        /// <summary>The session's <c>Protocol</c> (<c>IKEv2 IPsecOverNatT</c>).</summary>
        public string? Protocol { get; internal set; }

        /// <summary>The section the tunnel was listed under: <c>IKEv1</c>, <c>IKEv2</c>, <c>IPsec</c>, <c>IPsecOverNatT</c>, ...</summary>
        public string? TunnelType { get; internal set; }

        public string? TunnelId { get; internal set; }

        /// <summary><c>Local Addr</c> as addr/mask/prot/port (the local ident of the IPsec SA).</summary>
        public string? LocalIdent { get; internal set; }

        /// <summary><c>Remote Addr</c> as addr/mask/prot/port.</summary>
        public string? RemoteIdent { get; internal set; }

        public string? Encryption { get; internal set; }
        public string? Hashing { get; internal set; }
        public string? Encapsulation { get; internal set; }
        public string? PfsGroup { get; internal set; }

        /// <summary><c>Rekey Int (T)</c> in seconds: the time lifetime.</summary>
        public long? RekeyIntervalSeconds { get; internal set; }

        /// <summary><c>Rekey Left(T)</c> in seconds.</summary>
        public long? RekeyLeftSeconds { get; internal set; }

        /// <summary><c>Rekey Int (D)</c> in kB: the volume lifetime.</summary>
        public long? RekeyIntervalKilobytes { get; internal set; }

        /// <summary><c>Rekey Left(D)</c> in kB (seen at 0 on healthy tunnels: not alarming alone).</summary>
        public long? RekeyLeftKilobytes { get; internal set; }

        public long? BytesTx { get; internal set; }
        public long? BytesRx { get; internal set; }
        public long? PacketsTx { get; internal set; }
        public long? PacketsRx { get; internal set; }

        /// <summary>Every other field of the tunnel, as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? OtherFields { get; internal set; }

        /// <summary>The session's own fields (encryption summary, bytes, login time, duration), as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? SessionFields { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Connection} {TunnelType} {TunnelId} {RekeyIntervalSeconds} s / {RekeyIntervalKilobytes} kB";
    }
}
