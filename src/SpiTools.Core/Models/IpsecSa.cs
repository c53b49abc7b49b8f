namespace SpiTools
{
    /// <summary>
    /// One IPsec security association (one SPI, direction and protocol) from
    /// <c>show crypto ipsec sa</c> on ASA / FTD / IOS / IOS-XE, flat, carrying the context of the
    /// entry it was printed under (interface, crypto map, idents, peer, counters).
    /// Counters and entry fields repeat on every SA of the same entry.
    /// Properties a device did not print are <c>null</c>.
    /// </summary>
    public sealed class IpsecSa : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "IpsecSa";

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

        /// <summary>
        /// <c>ASA</c> (also FTD's LINA) or <c>IOS</c> (IOS / IOS-XE), from the output's dialect; for a far end that is not
        /// Cisco, the system that printed it (<c>strongSwan</c>, <c>libreswan</c>, <c>iked</c>, <c>Junos</c>, <c>PAN-OS</c>,
        /// <c>FortiOS</c>, <c>Azure</c>; see <c>SpiTools.Diagnosis.PlatformFacts</c>).
        /// </summary>
        public string? Platform { get; internal set; }

        /// <summary>True when the capture ended (or was cut) before this SA's block was complete.</summary>
        public bool Incomplete { get; internal set; }

        // ---- the SA itself ----

        /// <summary>
        /// The SPI as <c>0x</c> and 8 upper-case hex digits (<c>0x050304C8</c>). Null for <c>spi: [Not Available]</c>
        /// and for a record that stands for an entry printed without any SA block (its idents and counters are kept).
        /// </summary>
        public string? Spi { get; internal set; }

        /// <summary>The SPI as a number (0 to 4294967295), for sorting and matching.</summary>
        public long? SpiValue { get; internal set; }

        /// <summary>The decimal the device printed after the hex SPI, when it printed one.</summary>
        public long? SpiPrintedDecimal { get; internal set; }

        /// <summary>True when the printed decimal is not the hex value (a hand-edited capture); <see cref="Spi"/> keeps the hex.</summary>
        public bool SpiDecimalMismatch { get; internal set; }

        /// <summary>Inbound or outbound; null for an entry printed without any SA (see <see cref="Spi"/>).</summary>
        public string? Direction { get; internal set; }

        /// <summary><c>esp</c>, <c>ah</c> or <c>pcp</c>.</summary>
        public string Protocol { get; internal set; } = "esp";

        /// <summary>True when this is the entry's current outbound SA.</summary>
        public bool IsCurrentOutbound { get; internal set; }

        /// <summary>True when this is the entry's current inbound SA (where the device prints one).</summary>
        public bool IsCurrentInbound { get; internal set; }

        /// <summary>ASA <c>SA State:</c> (<c>active</c>, <c>Rekeyed</c>, ...).</summary>
        public string? State { get; internal set; }

        /// <summary>IOS <c>Status:</c> (<c>ACTIVE(ACTIVE)</c>, ...).</summary>
        public string? Status { get; internal set; }

        /// <summary>Transform set, e.g. <c>esp-aes-256 esp-sha-256-hmac no compression</c>.</summary>
        public string? Transform { get; internal set; }

        /// <summary>The <c>in use settings</c> list as printed, comma-joined (<c>L2L, Tunnel, IKEv1</c>).</summary>
        public string? Settings { get; internal set; }

        /// <summary><c>L2L</c> or <c>RA</c> from the settings.</summary>
        public string? TunnelType { get; internal set; }

        /// <summary><c>Tunnel</c> or <c>Transport</c> from the settings.</summary>
        public string? Mode { get; internal set; }

        /// <summary><c>IKEv1</c> or <c>IKEv2</c> from the settings.</summary>
        public string? IkeVersion { get; internal set; }

        /// <summary>True when the settings say NAT-T encapsulation.</summary>
        public bool NatTraversal { get; internal set; }

        /// <summary>PFS group from the settings (<c>PFS Group 14</c>).</summary>
        public int? PfsGroup { get; internal set; }

        /// <summary>ASA <c>slot</c>.</summary>
        public int? Slot { get; internal set; }

        /// <summary><c>conn_id</c> (ASA) or <c>conn id</c> (IOS).</summary>
        public long? ConnectionId { get; internal set; }

        /// <summary>IOS <c>flow_id</c> (<c>HW:17415</c>, <c>CSR:3</c>, <c>Onboard VPN:1</c>).</summary>
        public string? FlowId { get; internal set; }

        /// <summary>IOS <c>sibling_flags</c>.</summary>
        public string? SiblingFlags { get; internal set; }

        /// <summary>IOS <c>initiator :</c> flag where printed.</summary>
        public bool? Initiator { get; internal set; }

        /// <summary>The crypto map named on the SA line (<c>crypto-map:</c> / <c>crypto map:</c>).</summary>
        public string? SaCryptoMap { get; internal set; }

        /// <summary>Remaining volume lifetime in kB; null when only seconds are printed or volume rekey is disabled.</summary>
        public long? RemainingKilobytes { get; internal set; }

        /// <summary>Remaining time lifetime in seconds.</summary>
        public long? RemainingSeconds { get; internal set; }

        /// <summary>True when IOS printed <c>Kilobyte Volume Rekey has been disabled</c>.</summary>
        public bool VolumeRekeyDisabled { get; internal set; }

        /// <summary>IV size in bytes.</summary>
        public int? IvSizeBytes { get; internal set; }

        /// <summary><c>replay detection support</c>.</summary>
        public bool? ReplayDetection { get; internal set; }

        /// <summary>IOS <c>replay window size</c>.</summary>
        public int? ReplayWindowSize { get; internal set; }

        /// <summary>ASA anti-replay bitmap words, space-separated as printed (<c>0x00000000 0x00000001</c>).</summary>
        public string? AntiReplayBitmap { get; internal set; }

        // ---- far ends that are not Cisco: what those systems print per SA ----

        // A Cisco SA carries none of these: they live in one object only far-end SAs have, so a Cisco record stays as small as it was.
        private FarEndFields? _far;

        private FarEndFields Far() => _far ??= new FarEndFields();

        private sealed class FarEndFields
        {
            public string? Connection;
            public string? Tunnel;
            public string? TunnelId;
            public long? Bytes;
            public long? Packets;
            public long? IdleSeconds;
            public long? AgeSeconds;
            public long? RekeySeconds;

            public FarEndFields Copy() => (FarEndFields)MemberwiseClone();
        }

        /// <summary>
        /// The configured name the SA's IKE connection goes by on a far end that is not Cisco: strongSwan IKE SA / stroke
        /// connection, libreswan connection, PAN-OS IKE gateway, FortiOS phase 1, Junos IKE gateway, iked policy.
        /// </summary>
        public string? Connection { get => _far?.Connection; internal set => Far().Connection = value; }

        /// <summary>
        /// The name of the tunnel (child SA) on a far end that is not Cisco: strongSwan CHILD_SA name, PAN-OS tunnel,
        /// FortiOS phase 2 selector, Junos tunnel index; the name its clear command takes.
        /// </summary>
        public string? Tunnel { get => _far?.Tunnel; internal set => Far().Tunnel = value; }

        /// <summary>The far end's own number for this SA: strongSwan CHILD_SA unique id (<c>{4}</c> / <c>#1</c>), libreswan state (<c>#2</c>).</summary>
        public string? TunnelId { get => _far?.TunnelId; internal set => Far().TunnelId = value; }

        /// <summary>Bytes this SA carried (inbound: received, outbound: sent), where the system counts per SA.</summary>
        public long? Bytes { get => _far?.Bytes; internal set => Far().Bytes = value; }

        /// <summary>Packets this SA carried (inbound: received, outbound: sent), where the system counts per SA.</summary>
        public long? Packets { get => _far?.Packets; internal set => Far().Packets = value; }

        /// <summary>Seconds since this SA last carried a packet (strongSwan <c>Ns ago</c>).</summary>
        public long? IdleSeconds { get => _far?.IdleSeconds; internal set => Far().IdleSeconds = value; }

        /// <summary>Seconds since the SA was installed (strongSwan <c>installed Ns ago</c>).</summary>
        public long? AgeSeconds { get => _far?.AgeSeconds; internal set => Far().AgeSeconds = value; }

        /// <summary>Seconds until the SA is rekeyed (strongSwan <c>rekeying in</c>, libreswan <c>EVENT_SA_REPLACE in</c>).</summary>
        public long? RekeySeconds { get => _far?.RekeySeconds; internal set => Far().RekeySeconds = value; }

        // ---- the entry the SA belongs to ----

        /// <summary>The <c>interface:</c> the entry was listed under.</summary>
        public string? Interface { get; internal set; }

        /// <summary><c>Crypto map tag</c>.</summary>
        public string? CryptoMap { get; internal set; }

        /// <summary>Crypto map sequence number (absent for dynamic / RA entries and on IOS).</summary>
        public int? CryptoMapSeq { get; internal set; }

        /// <summary>The entry's <c>local addr</c>.</summary>
        public string? LocalAddress { get; internal set; }

        /// <summary>IOS <c>protected vrf</c>.</summary>
        public string? ProtectedVrf { get; internal set; }

        /// <summary>The crypto ACL line as printed (wrapped lines rejoined).</summary>
        public string? AccessList { get; internal set; }

        /// <summary>Local proxy as <c>addr/mask/prot/port</c>.</summary>
        public string? LocalIdent { get; internal set; }

        /// <summary>Local proxy address.</summary>
        public string? LocalIdentAddress { get; internal set; }

        /// <summary>Local proxy mask (or IPv6 prefix length).</summary>
        public string? LocalIdentMask { get; internal set; }

        /// <summary>Local proxy IP protocol number (0 = any).</summary>
        public int? LocalIdentProtocol { get; internal set; }

        /// <summary>Local proxy port (0 = any).</summary>
        public int? LocalIdentPort { get; internal set; }

        /// <summary>Remote proxy as <c>addr/mask/prot/port</c>.</summary>
        public string? RemoteIdent { get; internal set; }

        /// <summary>Remote proxy address.</summary>
        public string? RemoteIdentAddress { get; internal set; }

        /// <summary>Remote proxy mask (or IPv6 prefix length).</summary>
        public string? RemoteIdentMask { get; internal set; }

        /// <summary>Remote proxy IP protocol number (0 = any).</summary>
        public int? RemoteIdentProtocol { get; internal set; }

        /// <summary>Remote proxy port (0 = any).</summary>
        public int? RemoteIdentPort { get; internal set; }

        /// <summary>The peer (<c>current_peer</c>), or the <c>peer address:</c> header.</summary>
        public string? Peer { get; internal set; }

        /// <summary>IOS <c>current_peer … port N</c>.</summary>
        public int? PeerPort { get; internal set; }

        /// <summary>Remote-access user name printed after the peer.</summary>
        public string? Username { get; internal set; }

        /// <summary><c>dynamic allocated peer ip</c> (RA).</summary>
        public string? DynamicPeerIp { get; internal set; }

        /// <summary>IOS <c>PERMIT, flags={…}</c> flags, comma-joined.</summary>
        public string? Flags { get; internal set; }

        // ---- entry counters (#pkts …) ----

        public long? PacketsEncapsulated { get; internal set; }
        public long? PacketsEncrypted { get; internal set; }
        public long? PacketsDigested { get; internal set; }
        public long? PacketsDecapsulated { get; internal set; }
        public long? PacketsDecrypted { get; internal set; }
        public long? PacketsVerified { get; internal set; }
        public long? PacketsCompressed { get; internal set; }
        public long? PacketsDecompressed { get; internal set; }
        public long? PacketsNotCompressed { get; internal set; }
        public long? PacketsCompressionFailed { get; internal set; }
        public long? PacketsNotDecompressed { get; internal set; }
        public long? PacketsDecompressionFailed { get; internal set; }
        public long? PreFragmentationSuccesses { get; internal set; }
        public long? PreFragmentationFailures { get; internal set; }
        public long? PostFragmentationSuccesses { get; internal set; }
        public long? PostFragmentationFailures { get; internal set; }
        public long? FragmentsCreated { get; internal set; }
        public long? PmtusSent { get; internal set; }
        public long? PmtusReceived { get; internal set; }
        public long? DecapsulatedFragmentsNeedingReassembly { get; internal set; }
        public long? TfcReceived { get; internal set; }
        public long? TfcSent { get; internal set; }
        public long? ValidIcmpErrorsReceived { get; internal set; }
        public long? InvalidIcmpErrorsReceived { get; internal set; }
        public long? SendErrors { get; internal set; }
        public long? ReceiveErrors { get; internal set; }
        /// <summary>IOS detail <c>#pkts no sa (send)</c>.</summary>
        public long? PacketsNoSaSend { get; internal set; }
        /// <summary>IOS detail <c>#pkts invalid sa (rcv)</c>.</summary>
        public long? PacketsInvalidSaReceived { get; internal set; }
        /// <summary>IOS detail <c>##pkts replay failed (rcv)</c>.</summary>
        public long? PacketsReplayFailedReceived { get; internal set; }

        /// <summary>Any other <c>#…</c> counter the device printed, as <c>name=value</c> pairs joined with <c>;</c> (none is dropped).</summary>
        public string? OtherCounters { get; internal set; }

        // ---- endpoints and MTU ----

        /// <summary><c>local crypto endpt.</c> address.</summary>
        public string? LocalEndpoint { get; internal set; }

        /// <summary>Local endpoint port when printed (<c>/4500</c> with NAT-T).</summary>
        public int? LocalEndpointPort { get; internal set; }

        /// <summary><c>remote crypto endpt.</c> address.</summary>
        public string? RemoteEndpoint { get; internal set; }

        /// <summary>Remote endpoint port when printed.</summary>
        public int? RemoteEndpointPort { get; internal set; }

        public int? PathMtu { get; internal set; }
        /// <summary><c>ipsec overhead N</c>.</summary>
        public int? IpsecOverhead { get; internal set; }
        public int? MediaMtu { get; internal set; }
        /// <summary>IOS <c>plaintext mtu</c>.</summary>
        public int? PlaintextMtu { get; internal set; }
        /// <summary>IOS <c>ip mtu</c>.</summary>
        public int? IpMtu { get; internal set; }
        /// <summary>IOS <c>ip mtu idb</c> interface.</summary>
        public string? IpMtuInterface { get; internal set; }

        /// <summary>The entry's <c>current outbound spi</c>, normalised (<c>0xA19EC57E</c>).</summary>
        public string? CurrentOutboundSpi { get; internal set; }

        /// <summary>The entry's <c>current inbound spi</c> (ASA 9.x), normalised.</summary>
        public string? CurrentInboundSpi { get; internal set; }

        /// <summary>IOS <c>PFS (Y/N)</c>.</summary>
        public bool? Pfs { get; internal set; }

        /// <summary>IOS <c>DH group</c> (<c>none</c>, <c>group14</c>).</summary>
        public string? DhGroup { get; internal set; }

        /// <summary>Any other entry setting line the parser recognised but has no property for, as <c>name=value</c> joined with <c>;</c>.</summary>
        public string? OtherSettings { get; internal set; }

        /// <summary>A copy carrying the entry's fields, for the next SA of the same entry.</summary>
        internal IpsecSa CloneEntry()
        {
            var copy = (IpsecSa)MemberwiseClone();
            copy._far = _far?.Copy();
            return copy;
        }

        /// <inheritdoc />
        public override string ToString() => $"{Direction} {Protocol} {Spi} peer {Peer}";
    }
}
