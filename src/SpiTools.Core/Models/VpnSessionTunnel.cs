namespace SpiTools
{
    /// <summary>
    /// One tunnel (an IKE or IPsec section) of ASA <c>show vpn-sessiondb detail l2l</c>, with its session's fields.
    /// The IPsec tunnels' <c>Rekey Int (T)/(D)</c> are the negotiated lifetimes the diagnosis uses.
    /// </summary>
    public sealed class VpnSessionTunnel : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "VpnSessionTunnel";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>The session's <c>Connection</c> (tunnel group or peer).</summary>
        public string? Connection { get; set; }

        /// <summary>The session's <c>Index</c>.</summary>
        public long? Index { get; set; }

        /// <summary>The session's <c>IP Addr</c>: the peer.</summary>
        public string? Peer { get; set; }

        /// <summary>The session's <c>Protocol</c> (<c>IKEv2 IPsecOverNatT</c>).</summary>
        public string? Protocol { get; set; }

        /// <summary>The section the tunnel was listed under: <c>IKEv1</c>, <c>IKEv2</c>, <c>IPsec</c>, <c>IPsecOverNatT</c>, ...</summary>
        public string? TunnelType { get; set; }

        public string? TunnelId { get; set; }

        /// <summary><c>Local Addr</c> as addr/mask/prot/port (the local ident of the IPsec SA).</summary>
        public string? LocalIdent { get; set; }

        /// <summary><c>Remote Addr</c> as addr/mask/prot/port.</summary>
        public string? RemoteIdent { get; set; }

        public string? Encryption { get; set; }
        public string? Hashing { get; set; }
        public string? Encapsulation { get; set; }
        public string? PfsGroup { get; set; }

        /// <summary><c>Rekey Int (T)</c> in seconds: the time lifetime.</summary>
        public long? RekeyIntervalSeconds { get; set; }

        /// <summary><c>Rekey Left(T)</c> in seconds.</summary>
        public long? RekeyLeftSeconds { get; set; }

        /// <summary><c>Rekey Int (D)</c> in kB: the volume lifetime.</summary>
        public long? RekeyIntervalKilobytes { get; set; }

        /// <summary><c>Rekey Left(D)</c> in kB (seen at 0 on healthy tunnels: not alarming alone).</summary>
        public long? RekeyLeftKilobytes { get; set; }

        public long? BytesTx { get; set; }
        public long? BytesRx { get; set; }
        public long? PacketsTx { get; set; }
        public long? PacketsRx { get; set; }

        /// <summary>Every other field of the tunnel, as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? OtherFields { get; set; }

        /// <summary>The session's own fields (encryption summary, bytes, login time, duration), as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? SessionFields { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Connection} {TunnelType} {TunnelId} {RekeyIntervalSeconds} s / {RekeyIntervalKilobytes} kB";
    }
}
