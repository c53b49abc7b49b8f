namespace SpiTools
{
    /// <summary>
    /// One IPsec security association (one SPI, direction and protocol) from
    /// <c>show crypto ipsec sa</c> on ASA / FTD / IOS / IOS-XE, flat, carrying the context of the
    /// entry it was printed under (interface, crypto map, idents, peer, counters).
    /// Counters and entry fields repeat on every SA of the same entry.
    /// Properties a device did not print are <c>null</c>.
    /// </summary>
    public sealed class IpsecSa : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "IpsecSa";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>
        /// <c>ASA</c> (also FTD's LINA) or <c>IOS</c> (IOS / IOS-XE), from the output's dialect; for a far end that is not
        /// Cisco, the system that printed it (<c>strongSwan</c>, <c>libreswan</c>, <c>iked</c>, <c>Junos</c>, <c>PAN-OS</c>,
        /// <c>FortiOS</c>, <c>Azure</c>; see <c>SpiTools.Diagnosis.PlatformFacts</c>).
        /// </summary>
        public string? Platform { get; set; }

        /// <summary>True when the capture ended (or was cut) before this SA's block was complete.</summary>
        public bool Incomplete { get; set; }

        // ---- the SA itself ----

        /// <summary>
        /// The SPI as <c>0x</c> and 8 upper-case hex digits (<c>0x050304C8</c>). Null for <c>spi: [Not Available]</c>
        /// and for a record that stands for an entry printed without any SA block (its idents and counters are kept).
        /// </summary>
        public string? Spi { get; set; }

        /// <summary>The SPI as a number (0 to 4294967295), for sorting and matching.</summary>
        public long? SpiValue { get; set; }

        /// <summary>The decimal the device printed after the hex SPI, when it printed one.</summary>
        public long? SpiPrintedDecimal { get; set; }

        /// <summary>True when the printed decimal is not the hex value (a hand-edited capture); <see cref="Spi"/> keeps the hex.</summary>
        public bool SpiDecimalMismatch { get; set; }

        /// <summary>Inbound or outbound; null for an entry printed without any SA (see <see cref="Spi"/>).</summary>
        public string? Direction { get; set; }

        /// <summary><c>esp</c>, <c>ah</c> or <c>pcp</c>.</summary>
        public string Protocol { get; set; } = "esp";

        /// <summary>True when this is the entry's current outbound SA.</summary>
        public bool IsCurrentOutbound { get; set; }

        /// <summary>True when this is the entry's current inbound SA (where the device prints one).</summary>
        public bool IsCurrentInbound { get; set; }

        /// <summary>ASA <c>SA State:</c> (<c>active</c>, <c>Rekeyed</c>, ...).</summary>
        public string? State { get; set; }

        /// <summary>IOS <c>Status:</c> (<c>ACTIVE(ACTIVE)</c>, ...).</summary>
        public string? Status { get; set; }

        /// <summary>Transform set, e.g. <c>esp-aes-256 esp-sha-256-hmac no compression</c>.</summary>
        public string? Transform { get; set; }

        /// <summary>The <c>in use settings</c> list as printed, comma-joined (<c>L2L, Tunnel, IKEv1</c>).</summary>
        public string? Settings { get; set; }

        /// <summary><c>L2L</c> or <c>RA</c> from the settings.</summary>
        public string? TunnelType { get; set; }

        /// <summary><c>Tunnel</c> or <c>Transport</c> from the settings.</summary>
        public string? Mode { get; set; }

        /// <summary><c>IKEv1</c> or <c>IKEv2</c> from the settings.</summary>
        public string? IkeVersion { get; set; }

        /// <summary>True when the settings say NAT-T encapsulation.</summary>
        public bool NatTraversal { get; set; }

        /// <summary>PFS group from the settings (<c>PFS Group 14</c>).</summary>
        public int? PfsGroup { get; set; }

        /// <summary>ASA <c>slot</c>.</summary>
        public int? Slot { get; set; }

        /// <summary><c>conn_id</c> (ASA) or <c>conn id</c> (IOS).</summary>
        public long? ConnectionId { get; set; }

        /// <summary>IOS <c>flow_id</c> (<c>HW:17415</c>, <c>CSR:3</c>, <c>Onboard VPN:1</c>).</summary>
        public string? FlowId { get; set; }

        /// <summary>IOS <c>sibling_flags</c>.</summary>
        public string? SiblingFlags { get; set; }

        /// <summary>IOS <c>initiator :</c> flag where printed.</summary>
        public bool? Initiator { get; set; }

        /// <summary>The crypto map named on the SA line (<c>crypto-map:</c> / <c>crypto map:</c>).</summary>
        public string? SaCryptoMap { get; set; }

        /// <summary>Remaining volume lifetime in kB; null when only seconds are printed or volume rekey is disabled.</summary>
        public long? RemainingKilobytes { get; set; }

        /// <summary>Remaining time lifetime in seconds.</summary>
        public long? RemainingSeconds { get; set; }

        /// <summary>True when IOS printed <c>Kilobyte Volume Rekey has been disabled</c>.</summary>
        public bool VolumeRekeyDisabled { get; set; }

        /// <summary>IV size in bytes.</summary>
        public int? IvSizeBytes { get; set; }

        /// <summary><c>replay detection support</c>.</summary>
        public bool? ReplayDetection { get; set; }

        /// <summary>IOS <c>replay window size</c>.</summary>
        public int? ReplayWindowSize { get; set; }

        /// <summary>ASA anti-replay bitmap words, space-separated as printed (<c>0x00000000 0x00000001</c>).</summary>
        public string? AntiReplayBitmap { get; set; }

        // ---- the entry the SA belongs to ----

        /// <summary>The <c>interface:</c> the entry was listed under.</summary>
        public string? Interface { get; set; }

        /// <summary><c>Crypto map tag</c>.</summary>
        public string? CryptoMap { get; set; }

        /// <summary>Crypto map sequence number (absent for dynamic / RA entries and on IOS).</summary>
        public int? CryptoMapSeq { get; set; }

        /// <summary>The entry's <c>local addr</c>.</summary>
        public string? LocalAddress { get; set; }

        /// <summary>IOS <c>protected vrf</c>.</summary>
        public string? ProtectedVrf { get; set; }

        /// <summary>The crypto ACL line as printed (wrapped lines rejoined).</summary>
        public string? AccessList { get; set; }

        /// <summary>Local proxy as <c>addr/mask/prot/port</c>.</summary>
        public string? LocalIdent { get; set; }

        /// <summary>Local proxy address.</summary>
        public string? LocalIdentAddress { get; set; }

        /// <summary>Local proxy mask (or IPv6 prefix length).</summary>
        public string? LocalIdentMask { get; set; }

        /// <summary>Local proxy IP protocol number (0 = any).</summary>
        public int? LocalIdentProtocol { get; set; }

        /// <summary>Local proxy port (0 = any).</summary>
        public int? LocalIdentPort { get; set; }

        /// <summary>Remote proxy as <c>addr/mask/prot/port</c>.</summary>
        public string? RemoteIdent { get; set; }

        /// <summary>Remote proxy address.</summary>
        public string? RemoteIdentAddress { get; set; }

        /// <summary>Remote proxy mask (or IPv6 prefix length).</summary>
        public string? RemoteIdentMask { get; set; }

        /// <summary>Remote proxy IP protocol number (0 = any).</summary>
        public int? RemoteIdentProtocol { get; set; }

        /// <summary>Remote proxy port (0 = any).</summary>
        public int? RemoteIdentPort { get; set; }

        /// <summary>The peer (<c>current_peer</c>), or the <c>peer address:</c> header.</summary>
        public string? Peer { get; set; }

        /// <summary>IOS <c>current_peer … port N</c>.</summary>
        public int? PeerPort { get; set; }

        /// <summary>Remote-access user name printed after the peer.</summary>
        public string? Username { get; set; }

        /// <summary><c>dynamic allocated peer ip</c> (RA).</summary>
        public string? DynamicPeerIp { get; set; }

        /// <summary>IOS <c>PERMIT, flags={…}</c> flags, comma-joined.</summary>
        public string? Flags { get; set; }

        // ---- entry counters (#pkts …) ----

        public long? PacketsEncapsulated { get; set; }
        public long? PacketsEncrypted { get; set; }
        public long? PacketsDigested { get; set; }
        public long? PacketsDecapsulated { get; set; }
        public long? PacketsDecrypted { get; set; }
        public long? PacketsVerified { get; set; }
        public long? PacketsCompressed { get; set; }
        public long? PacketsDecompressed { get; set; }
        public long? PacketsNotCompressed { get; set; }
        public long? PacketsCompressionFailed { get; set; }
        public long? PacketsNotDecompressed { get; set; }
        public long? PacketsDecompressionFailed { get; set; }
        public long? PreFragmentationSuccesses { get; set; }
        public long? PreFragmentationFailures { get; set; }
        public long? PostFragmentationSuccesses { get; set; }
        public long? PostFragmentationFailures { get; set; }
        public long? FragmentsCreated { get; set; }
        public long? PmtusSent { get; set; }
        public long? PmtusReceived { get; set; }
        public long? DecapsulatedFragmentsNeedingReassembly { get; set; }
        public long? TfcReceived { get; set; }
        public long? TfcSent { get; set; }
        public long? ValidIcmpErrorsReceived { get; set; }
        public long? InvalidIcmpErrorsReceived { get; set; }
        public long? SendErrors { get; set; }
        public long? ReceiveErrors { get; set; }
        /// <summary>IOS detail <c>#pkts no sa (send)</c>.</summary>
        public long? PacketsNoSaSend { get; set; }
        /// <summary>IOS detail <c>#pkts invalid sa (rcv)</c>.</summary>
        public long? PacketsInvalidSaReceived { get; set; }
        /// <summary>IOS detail <c>##pkts replay failed (rcv)</c>.</summary>
        public long? PacketsReplayFailedReceived { get; set; }

        /// <summary>Any other <c>#…</c> counter the device printed, as <c>name=value</c> pairs joined with <c>;</c> (none is dropped).</summary>
        public string? OtherCounters { get; set; }

        // ---- endpoints and MTU ----

        /// <summary><c>local crypto endpt.</c> address.</summary>
        public string? LocalEndpoint { get; set; }

        /// <summary>Local endpoint port when printed (<c>/4500</c> with NAT-T).</summary>
        public int? LocalEndpointPort { get; set; }

        /// <summary><c>remote crypto endpt.</c> address.</summary>
        public string? RemoteEndpoint { get; set; }

        /// <summary>Remote endpoint port when printed.</summary>
        public int? RemoteEndpointPort { get; set; }

        public int? PathMtu { get; set; }
        /// <summary><c>ipsec overhead N</c>.</summary>
        public int? IpsecOverhead { get; set; }
        public int? MediaMtu { get; set; }
        /// <summary>IOS <c>plaintext mtu</c>.</summary>
        public int? PlaintextMtu { get; set; }
        /// <summary>IOS <c>ip mtu</c>.</summary>
        public int? IpMtu { get; set; }
        /// <summary>IOS <c>ip mtu idb</c> interface.</summary>
        public string? IpMtuInterface { get; set; }

        /// <summary>The entry's <c>current outbound spi</c>, normalised (<c>0xA19EC57E</c>).</summary>
        public string? CurrentOutboundSpi { get; set; }

        /// <summary>The entry's <c>current inbound spi</c> (ASA 9.x), normalised.</summary>
        public string? CurrentInboundSpi { get; set; }

        /// <summary>IOS <c>PFS (Y/N)</c>.</summary>
        public bool? Pfs { get; set; }

        /// <summary>IOS <c>DH group</c> (<c>none</c>, <c>group14</c>).</summary>
        public string? DhGroup { get; set; }

        /// <summary>Any other entry setting line the parser recognised but has no property for, as <c>name=value</c> joined with <c>;</c>.</summary>
        public string? OtherSettings { get; set; }

        // ---- far ends that are not Cisco: what those systems print per SA ----

        /// <summary>
        /// The configured name the SA's IKE connection goes by on a far end that is not Cisco: strongSwan IKE SA / stroke
        /// connection, libreswan connection, PAN-OS IKE gateway, FortiOS phase 1, Junos IKE gateway, iked policy.
        /// </summary>
        public string? Connection { get; set; }

        /// <summary>
        /// The name of the tunnel (child SA) on a far end that is not Cisco: strongSwan CHILD_SA name, PAN-OS tunnel,
        /// FortiOS phase 2 selector, Junos tunnel index; the name its clear command takes.
        /// </summary>
        public string? Tunnel { get; set; }

        /// <summary>The far end's own number for this SA: strongSwan CHILD_SA unique id (<c>{4}</c> / <c>#1</c>), libreswan state (<c>#2</c>).</summary>
        public string? TunnelId { get; set; }

        /// <summary>Bytes this SA carried (inbound: received, outbound: sent), where the system counts per SA.</summary>
        public long? Bytes { get; set; }

        /// <summary>Packets this SA carried (inbound: received, outbound: sent), where the system counts per SA.</summary>
        public long? Packets { get; set; }

        /// <summary>Seconds since this SA last carried a packet (strongSwan <c>Ns ago</c>).</summary>
        public long? IdleSeconds { get; set; }

        /// <summary>Seconds since the SA was installed (strongSwan <c>installed Ns ago</c>).</summary>
        public long? AgeSeconds { get; set; }

        /// <summary>Seconds until the SA is rekeyed (strongSwan <c>rekeying in</c>, libreswan <c>EVENT_SA_REPLACE in</c>).</summary>
        public long? RekeySeconds { get; set; }

        /// <summary>A copy carrying the entry's fields, for the next SA of the same entry.</summary>
        internal IpsecSa CloneEntry() => (IpsecSa)MemberwiseClone();

        /// <inheritdoc />
        public override string ToString() => $"{Direction} {Protocol} {Spi} peer {Peer}";
    }
}
