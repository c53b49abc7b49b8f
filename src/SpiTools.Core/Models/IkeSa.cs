namespace SpiTools
{
    /// <summary>
    /// One IKE security association (phase 1 / IKE SA) from ASA <c>show crypto ikev1|ikev2|isakmp sa [detail]</c> or
    /// IOS / IOS-XE <c>show crypto isakmp sa [detail]</c>, <c>show crypto ikev2 sa [detail]</c>, <c>show crypto session [detail]</c>.
    /// Flat; properties a device did not print are <c>null</c>; every printed field without a property of its own is kept
    /// in <see cref="OtherFields"/>.
    /// </summary>
    public sealed class IkeSa : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "IkeSa";

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

        /// <summary><c>ASA</c> or <c>IOS</c>, from the output's dialect.</summary>
        public string? Platform { get; internal set; }

        /// <summary>True when the capture ended before this SA's block was complete.</summary>
        public bool Incomplete { get; internal set; }

        /// <summary><c>IKEv1</c> or <c>IKEv2</c>.</summary>
        public string? IkeVersion { get; internal set; }

        /// <summary>The remote end's address (without port); null where the output does not say which end is remote (IOS <c>dst</c>/<c>src</c> table).</summary>
        public string? Peer { get; internal set; }

        /// <summary>The remote end's UDP port, where printed.</summary>
        public int? PeerPort { get; internal set; }

        /// <summary>This device's address (without port), where printed.</summary>
        public string? LocalAddress { get; internal set; }

        /// <summary>This device's UDP port, where printed.</summary>
        public int? LocalPort { get; internal set; }

        /// <summary>IOS <c>show crypto isakmp sa</c> <c>dst</c> column (the responder of the IKE SA).</summary>
        public string? DestinationAddress { get; internal set; }

        /// <summary>IOS <c>show crypto isakmp sa</c> <c>src</c> column (the initiator of the IKE SA).</summary>
        public string? SourceAddress { get; internal set; }

        /// <summary>The exchange state: <c>MM_ACTIVE</c>, <c>QM_IDLE</c>, <c>READY</c>, <c>AM_ACTIVE</c>, ...</summary>
        public string? State { get; internal set; }

        /// <summary>Status column or session status: <c>ACTIVE</c>, <c>UP-ACTIVE</c>, <c>Active</c>, ...</summary>
        public string? Status { get; internal set; }

        /// <summary>What IOS prints in brackets after the status (<c>deleted</c>), or the IKEv2 <c>Status Description</c>.</summary>
        public string? StatusDetail { get; internal set; }

        /// <summary><c>Initiator</c> or <c>Responder</c> (<see cref="IkeRole"/>), where printed.</summary>
        public string? Role { get; internal set; }

        /// <summary>ASA numbering of the SA (<c>1   IKE Peer:</c>), or the IKEv2 <c>Tunnel-id</c>.</summary>
        public string? TunnelId { get; internal set; }

        /// <summary>IOS <c>conn-id</c> / <c>C-id</c> / <c>connid</c>: the number IKE debugs print as <c>(79859)</c>.</summary>
        public string? ConnectionId { get; internal set; }

        /// <summary>IKEv2 / crypto session <c>Session-id</c>.</summary>
        public string? SessionId { get; internal set; }

        /// <summary>ASA <c>Type</c> (<c>L2L</c>, <c>User</c>).</summary>
        public string? Type { get; internal set; }

        /// <summary>ASA <c>Rekey</c> / <c>Rky</c> (<c>no</c>, <c>yes</c>).</summary>
        public string? Rekey { get; internal set; }

        public string? Encryption { get; internal set; }
        public int? KeySize { get; internal set; }
        public string? Hash { get; internal set; }
        public string? Prf { get; internal set; }
        public string? DhGroup { get; internal set; }

        /// <summary>IKEv1 authentication (<c>preshared</c>, <c>psk</c>, <c>rsa-sig</c>).</summary>
        public string? Auth { get; internal set; }

        /// <summary>IKEv2 <c>Auth sign</c>.</summary>
        public string? AuthSign { get; internal set; }

        /// <summary>IKEv2 <c>Auth verify</c>.</summary>
        public string? AuthVerify { get; internal set; }

        /// <summary>The negotiated lifetime in seconds.</summary>
        public long? LifetimeSeconds { get; internal set; }

        /// <summary>Seconds the SA has been up (IKEv2 <c>Life/Active Time</c>).</summary>
        public long? ActiveSeconds { get; internal set; }

        /// <summary>Seconds left (ASA <c>Lifetime Remaining</c>, IOS <c>lifetime:hh:mm:ss</c> / <c>Lifetime</c> column); for IKEv2 the lifetime less the active time.</summary>
        public long? RemainingSeconds { get; internal set; }

        /// <summary>Number of child (IPsec) SAs: ASA <c>CHILD count</c>, the <c>Child sa</c> entries listed, or IOS session <c>Active SAs</c> summed.</summary>
        public int? ChildSaCount { get; internal set; }

        /// <summary>The child SAs' ESP SPIs as printed, <c>in/out</c> pairs joined with <c>;</c>.</summary>
        public string? ChildSpis { get; internal set; }

        /// <summary>Dead peer detection as printed (<c>60 seconds, retry 3</c>, <c>not configured</c>, or <c>D</c> from the capabilities).</summary>
        public string? Dpd { get; internal set; }

        /// <summary>True when DPD is on, false when the output says it is not, null when it says nothing.</summary>
        public bool? DpdEnabled { get; internal set; }

        /// <summary>NAT traversal as printed (<c>not detected</c>, <c>detected outside</c>, <c>N</c> from the capabilities).</summary>
        public string? NatT { get; internal set; }

        /// <summary>True when NAT-T is in use, false when the output says it is not, null when it says nothing.</summary>
        public bool? NatTDetected { get; internal set; }

        /// <summary>IOS capabilities letters (<c>D</c>, <c>DN</c>, <c>U</c>).</summary>
        public string? Capabilities { get; internal set; }

        public string? Fvrf { get; internal set; }
        public string? Ivrf { get; internal set; }

        /// <summary>IKE SPI of this end (IKEv2 detail, 16 hex digits).</summary>
        public string? LocalSpi { get; internal set; }

        /// <summary>IKE SPI of the peer (IKEv2 detail).</summary>
        public string? RemoteSpi { get; internal set; }

        public string? LocalId { get; internal set; }
        public string? RemoteId { get; internal set; }

        /// <summary><c>show crypto session</c>: the interface the session is on.</summary>
        public string? Interface { get; internal set; }

        /// <summary><c>show crypto session</c>: the session's <c>Profile</c>.</summary>
        public string? Profile { get; internal set; }

        /// <summary><c>show crypto session</c>: the session's <c>Session status</c>.</summary>
        public string? SessionStatus { get; internal set; }

        /// <summary><c>show crypto session</c>: the IPsec flows, <c>;</c>-joined.</summary>
        public string? Flows { get; internal set; }

        /// <summary>Every other printed field, as <c>key=value</c> joined with <c>;</c>.</summary>
        public string? OtherFields { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{IkeVersion} {LocalAddress} -> {Peer ?? DestinationAddress} {State ?? Status} {Role}";
    }
}
