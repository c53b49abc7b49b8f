using System;
using System.Collections.Generic;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// What the diagnosis needs to know about a far end that is not Cisco, one row per system: its default lifetimes
    /// (with where they are written down) and the commands a person runs there. SpiTools never sends any of these
    /// commands: they are printed in findings, for the engineer at that end. Looked up by <see cref="IpsecSa.Platform"/>.
    /// </summary>
    public sealed class PlatformFacts
    {
        /// <summary><see cref="IpsecSa.Platform"/> of strongSwan (<c>swanctl</c>, <c>ipsec statusall</c>).</summary>
        public const string StrongSwan = "strongSwan";

        /// <summary><see cref="IpsecSa.Platform"/> of libreswan (<c>ipsec status</c>, <c>ipsec trafficstatus</c>).</summary>
        public const string Libreswan = "libreswan";

        /// <summary><see cref="IpsecSa.Platform"/> of OpenBSD iked (<c>ikectl show sa</c>).</summary>
        public const string Iked = "iked";

        /// <summary><see cref="IpsecSa.Platform"/> of Juniper SRX (Junos).</summary>
        public const string Junos = "Junos";

        /// <summary><see cref="IpsecSa.Platform"/> of Palo Alto Networks firewalls.</summary>
        public const string PanOs = "PAN-OS";

        /// <summary><see cref="IpsecSa.Platform"/> of FortiGate.</summary>
        public const string FortiOs = "FortiOS";

        /// <summary><see cref="IpsecSa.Platform"/> of the Azure VPN gateway (<c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c>).</summary>
        public const string Azure = "Azure";

        private readonly Func<IpsecSa, string> _clearSa;
        private readonly Func<IpsecSa, string> _clearPeer;
        private readonly Func<IpsecSa, string> _clearSession;

        private PlatformFacts(string platform, string system, long ipsecSeconds, long? ipsecKilobytes, long ikeSeconds, string lifetimeSource,
            Func<IpsecSa, string> clearSa, Func<IpsecSa, string> clearPeer, Func<IpsecSa, string> clearSession,
            string showSas, string drops, string clearCounters)
        {
            Platform = platform;
            System = system;
            DefaultIpsecLifetimeSeconds = ipsecSeconds;
            DefaultIpsecLifetimeKilobytes = ipsecKilobytes;
            DefaultIkeLifetimeSeconds = ikeSeconds;
            LifetimeSource = lifetimeSource;
            _clearSa = clearSa;
            _clearPeer = clearPeer;
            _clearSession = clearSession;
            ShowSas = showSas;
            Drops = drops;
            ClearCounters = clearCounters;
        }

        /// <summary>The <see cref="IpsecSa.Platform"/> value.</summary>
        public string Platform { get; }

        /// <summary>The system's name in a finding's text (<c>strongSwan</c>, <c>Junos (SRX)</c>).</summary>
        public string System { get; }

        /// <summary>The IPsec (child) SA lifetime in seconds when the configuration sets none.</summary>
        public long DefaultIpsecLifetimeSeconds { get; }

        /// <summary>The IPsec SA volume lifetime in kB when the configuration sets none; null when there is no volume lifetime by default.</summary>
        public long? DefaultIpsecLifetimeKilobytes { get; }

        /// <summary>The IKE SA lifetime in seconds when the configuration sets none.</summary>
        public long DefaultIkeLifetimeSeconds { get; }

        /// <summary>Where the defaults are written down.</summary>
        public string LifetimeSource { get; }

        /// <summary>The command that lists the SAs (what to capture again).</summary>
        public string ShowSas { get; }

        /// <summary>Where that system shows packets it dropped (for ESP lost on the way or unknown SPIs).</summary>
        public string Drops { get; }

        /// <summary>How to compare counters afresh on that system.</summary>
        public string ClearCounters { get; }

        /// <summary>The least disruptive clear: this SA's tunnel (child SA) only, re-established at once where the system needs telling.</summary>
        public string ClearSa(IpsecSa sa) => _clearSa(sa ?? throw new ArgumentNullException(nameof(sa)));

        /// <summary>Every IPsec SA to the SA's peer.</summary>
        public string ClearPeer(IpsecSa sa) => _clearPeer(sa ?? throw new ArgumentNullException(nameof(sa)));

        /// <summary>The whole session to the SA's peer, IKE SA included.</summary>
        public string ClearSession(IpsecSa sa) => _clearSession(sa ?? throw new ArgumentNullException(nameof(sa)));

        /// <summary>The defaults as a finding states them: <c>3600 s, no volume lifetime (strongSwan default: …)</c>.</summary>
        public string DefaultsText =>
            $"{DefaultIpsecLifetimeSeconds} s" + (DefaultIpsecLifetimeKilobytes is long kb ? $" / {kb} kB" : ", no volume lifetime") + $" ({System} default: {LifetimeSource})";

        /// <summary>The row for a platform, or null for Cisco (<c>ASA</c>, <c>IOS</c>) and unknown values.</summary>
        public static PlatformFacts? For(string? platform)
        {
            if (platform == null) return null;
            foreach (var f in All)
                if (string.Equals(f.Platform, platform, StringComparison.OrdinalIgnoreCase)) return f;
            return null;
        }

        private static string Name(string? s, string placeholder) => string.IsNullOrEmpty(s) ? placeholder : s!;

        /// <summary>Every system SpiTools reads far ends of, in the order the docs list them.</summary>
        public static IReadOnlyList<PlatformFacts> All { get; } = new[]
        {
            // strongSwan swanctl.opt (swanctl.conf(5)), https://github.com/strongswan/strongswan/blob/master/src/swanctl/swanctl.opt :
            // connections.<conn>.children.<child>.rekey_time = 1h, life_time = rekey_time + 10 %, rekey_bytes = 0 (volume rekeying
            // disabled), connections.<conn>.rekey_time = 4h (IKE).
            new PlatformFacts(StrongSwan, "strongSwan", 3600, null, 14400,
                "swanctl.conf(5): children.<child>.rekey_time 1h (life_time 10 % more), rekey_bytes 0 (no volume rekey), IKE rekey_time 4h",
                sa => $"swanctl --terminate --child {Name(sa.Tunnel, "<child>")}, then swanctl --initiate --child {Name(sa.Tunnel, "<child>")}" +
                      $" (with the legacy stroke interface: ipsec down {Name(sa.Tunnel, "<conn>")}{{{Name(StripMark(sa.TunnelId), "*")}}}, then ipsec up {Name(sa.Tunnel, "<conn>")})",
                sa => $"swanctl --terminate --ike {Name(sa.Connection, "<ike>")} --child {Name(sa.Tunnel, "<child>")}, then swanctl --initiate --child {Name(sa.Tunnel, "<child>")}" +
                      $" (stroke: ipsec down {Name(sa.Connection ?? sa.Tunnel, "<conn>")}{{*}}, then ipsec up {Name(sa.Tunnel, "<conn>")})",
                sa => $"swanctl --terminate --ike {Name(sa.Connection, "<ike>")}, then swanctl --initiate --child {Name(sa.Tunnel, "<child>")}" +
                      $" (stroke: ipsec down {Name(sa.Connection ?? sa.Tunnel, "<conn>")}, then ipsec up {Name(sa.Connection ?? sa.Tunnel, "<conn>")})",
                "swanctl --list-sas (or ipsec statusall)",
                "ip -s xfrm state and /proc/net/xfrm_stat (XfrmInNoStates counts ESP for unknown SPIs)",
                "no clear exists: take swanctl --list-sas twice and compare the growth of each SA's packets"),
            // libreswan include/pluto_constants.h, https://github.com/libreswan/libreswan/blob/main/include/pluto_constants.h :
            // IPSEC_SA_LIFETIME_DEFAULT secs_per_hour * 8 and IKE_SA_LIFETIME_DEFAULT secs_per_hour * 8 (older releases: IKE secs_per_hour).
            new PlatformFacts(Libreswan, "libreswan", 28800, null, 28800,
                "ipsec.conf(5): salifetime 8h, ikelifetime 8h (1h in older releases); libreswan's own test output prints ike_life: 28800s; ipsec_life: 28800s; no volume lifetime by default",
                sa => $"ipsec whack --rekey-ipsec --name {Name(sa.Connection, "<conn>")} (a new Child SA; to start over: ipsec down {Name(sa.Connection, "<conn>")}, then ipsec up {Name(sa.Connection, "<conn>")})",
                sa => $"ipsec down {Name(sa.Connection, "<conn>")}, then ipsec up {Name(sa.Connection, "<conn>")}",
                sa => $"ipsec down {Name(sa.Connection, "<conn>")}, then ipsec up {Name(sa.Connection, "<conn>")} (IKE SA included)",
                "ipsec status (or ipsec showstates) and ipsec trafficstatus",
                "ip -s xfrm state and /proc/net/xfrm_stat (XfrmInNoStates counts ESP for unknown SPIs)",
                "no clear exists: take ipsec trafficstatus twice and compare the growth of inBytes / outBytes"),
            // OpenBSD sbin/iked/iked.h, https://github.com/openbsd/src/blob/master/sbin/iked/iked.h : IKED_LIFETIME_SECONDS 10800
            // (3 hours), IKED_LIFETIME_BYTES 4294967296 (4 GB = 4194304 kB), iked's deflifetime. The IKE SA lifetime (86400 s) is
            // not used by the diagnosis and was not checked against a source.
            new PlatformFacts(Iked, "OpenBSD iked", 10800, 4194304, 86400,
                "iked.conf(5) lifetime: 3h and 4 GB by default (iked.h IKED_LIFETIME_SECONDS 10800, IKED_LIFETIME_BYTES 4 GB)",
                sa => $"ikectl reset id {Name(sa.Connection, "<policy>")} (or ikectl reset sa, which resets every SA), then let iked renegotiate",
                sa => $"ikectl reset id {Name(sa.Connection, "<policy>")}",
                sa => "ikectl reset sa (every IKE and child SA of this iked; traffic renegotiates)",
                "ikectl show sa",
                "netstat -s -p esp (packets dropped for unknown SPIs: 'dropped; no TDB')",
                "no clear exists: take netstat -s -p esp twice and compare"),
            // Junos IKE proposal lifetime-seconds 28800 s: the Junos statement reference
            // https://www.juniper.net/documentation/en_US/junos/topics/reference/configuration-statement/security-edit-lifetime-seconds-ike.html
            // (as the Batfish Junos model cites it). IPsec: no Juniper page stating 3600 s is cited here; the one found for
            // [edit security ipsec proposal] (Junos 9.3, "Configuring the Lifetime for an IPSec SA",
            // https://www.juniper.net/documentation/en_US/release-independent/downloads/juniper-dvd-junos93.tgz, swconfig-system-basics/configuring-the-lifetime-for-an-ipsec-sa.html)
            // says 28,800 s when neither end configures or proposes a lifetime. 3600 s stays the assumption, and the text a
            // finding states names the 28,800 s so a person checks the proposal.
            new PlatformFacts(Junos, "Junos (SRX)", 3600, null, 28800,
                "Junos security ipsec proposal lifetime-seconds 3600 s assumed (the Junos 9.3 guide gave 28,800 s when neither end sets one: check the proposal), lifetime-kilobytes not set by default; IKE proposal lifetime-seconds 28800",
                sa => $"clear security ipsec security-associations index {Name(sa.Tunnel, "<index>")}",
                sa => $"clear security ipsec security-associations (every IPsec SA; or index {Name(sa.Tunnel, "<index>")} for this tunnel)",
                sa => $"clear security ike security-associations {Name(sa.Peer, "<peer>")}, then clear security ipsec security-associations index {Name(sa.Tunnel, "<index>")}",
                "show security ipsec security-associations detail",
                "show security ipsec statistics (Bad SPIs) and show security flow statistics",
                "clear security ipsec statistics"),
            // PAN-OS IKE crypto profile key lifetime 8 hours: "SA Key Lifetime and Re-Authentication Interval",
            // https://docs.paloaltonetworks.com/pan-os/10-0/pan-os-admin/vpns/site-to-site-vpn-concepts/ikev2/sa-key-lifetime-and-re-authentication-interval
            // ("The default value is 8 hours"). The IPsec crypto profile's 1 hour: "Define IPSec Crypto Profiles",
            // https://docs.paloaltonetworks.com/pan-os/9-1/pan-os-admin/vpns/set-up-site-to-site-vpn/define-cryptographic-profiles/define-ipsec-crypto-profiles ,
            // not confirmed word for word (its lifetime step is past the part of the page quoted here).
            new PlatformFacts(PanOs, "PAN-OS", 3600, null, 28800,
                "PAN-OS IPsec crypto profile lifetime 1 hour (lifesize not set by default), IKE crypto profile key lifetime 8 hours",
                sa => $"clear vpn ipsec-sa tunnel {Name(sa.Tunnel, "<tunnel>")}",
                sa => $"clear vpn ipsec-sa tunnel {Name(sa.Tunnel, "<tunnel>")}",
                sa => $"clear vpn ike-sa gateway {Name(sa.Connection, "<gateway>")}, then clear vpn ipsec-sa tunnel {Name(sa.Tunnel, "<tunnel>")}",
                "show vpn ipsec-sa",
                "show counter global filter delta yes | match ipsec",
                "show counter global filter delta yes (deltas since the last call)"),
            // FortiOS CLI reference, config vpn ipsec phase2-interface, https://docs.fortinet.com/document/fortigate/7.0.3/cli-reference/372620
            // (keylifeseconds, keylife-type; range 120-172800) and phase1-interface keylife; Fortinet's own sample configuration
            // (https://docs.fortinet.com/document/fortiextender/7.4.4/cli-reference/898250) shows keylife-type seconds,
            // keylifeseconds 43200 and keylife 86400. The default column of the FortiGate reference was not confirmed word for word.
            new PlatformFacts(FortiOs, "FortiOS", 43200, null, 86400,
                "FortiOS phase2-interface keylifeseconds 43200 (keylife-type seconds, so keylifekbs 5120 applies only when set to kbs or both), phase1-interface keylife 86400",
                sa => $"diagnose vpn tunnel flush {Name(sa.Connection ?? sa.Tunnel, "<phase1>")}",
                sa => $"diagnose vpn tunnel flush {Name(sa.Connection ?? sa.Tunnel, "<phase1>")}",
                sa => $"diagnose vpn ike gateway clear name {Name(sa.Connection ?? sa.Tunnel, "<phase1>")}",
                "diagnose vpn tunnel list",
                "diagnose vpn ipsec status and diagnose sys session stat",
                "diagnose vpn tunnel stat (take it twice and compare)"),
            // Azure: "About VPN devices and IPsec/IKE parameters for Site-to-Site VPN Gateway connections", Default IPsec/IKE
            // parameters, https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-devices#ipsec : route-based
            // gateways, IKE Phase 2 (Quick Mode) SA lifetime 27,000 seconds and 102,400,000 KB, IKE Phase 1 (Main Mode) SA
            // lifetime 28,800 seconds (policy-based gateways: Quick Mode 3,600 seconds). The clear:
            // Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName -Name, https://learn.microsoft.com/powershell/module/az.network/reset-azvirtualnetworkgatewayconnection ("resets
            // your virtual network gateway connection based on the Connection Name and Resource Group Name"). The objects name
            // neither: the echoed command may (AzureConnectionName), else placeholders a person fills in.
            new PlatformFacts(Azure, "Azure VPN gateway", 27000, 102400000, 28800,
                "Azure VPN gateway default IPsec/IKE parameters, route-based gateway: Quick Mode SA lifetime 27,000 s and 102,400,000 KB, Main Mode SA lifetime 28,800 s (a custom IPsec/IKE policy on the connection sets its own)",
                ResetAzureConnection, ResetAzureConnection, ResetAzureConnection,
                "Get-AzVirtualNetworkGatewayConnectionIkeSa -ResourceGroupName <resource-group> -Name <connection> | ConvertTo-Json -Depth 4",
                "the connection's tunnel metrics in Azure Monitor (ingress and egress packet drop counts)",
                "no clear exists: take Get-AzVirtualNetworkGatewayConnection twice and compare the growth of IngressBytesTransferred / EgressBytesTransferred"),
        };

        /// <summary>
        /// The Azure clear: the gateway connection is reset, its IKE and IPsec SAs negotiated afresh. The resource group and
        /// connection come from the echoed command, where it named them; otherwise placeholders a person fills in.
        /// </summary>
        private static string ResetAzureConnection(IpsecSa sa) =>
            $"Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName {Name(Setting(sa.OtherSettings, Parsing.AzureSaValues.ResourceGroupSetting), "<resource-group>")} " +
            $"-Name {Name(sa.Connection, "<connection>")} (resets the gateway connection: its IKE and IPsec SAs are negotiated again)";

        /// <summary>One <c>name=value</c> of a <see cref="IpsecSa.OtherSettings"/> list.</summary>
        private static string? Setting(string? list, string name)
        {
            if (list == null) return null;
            foreach (var item in list.Split(';'))
                if (item.Length > name.Length && item[name.Length] == '=' && item.StartsWith(name, StringComparison.Ordinal))
                    return item.Substring(name.Length + 1);
            return null;
        }

        /// <summary>A unique id as the stroke interface takes it: <c>{4}</c> and <c>#4</c> are 4.</summary>
        private static string? StripMark(string? id) => id?.Trim('{', '}', '#');

        /// <inheritdoc />
        public override string ToString() => System;
    }
}
