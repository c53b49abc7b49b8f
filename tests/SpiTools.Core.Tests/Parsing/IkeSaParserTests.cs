using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// IKE SA layouts the peers' fixtures do not hold: ASA 9.x <c>show crypto isakmp sa detail</c> (its IKEv1 and IKEv2
    /// parts) with examples/asa-stale-spi's peers, in the layout Cisco's ASA command reference prints. No public capture of this
    /// exact output with detail child SAs was found; the text follows the reference's layout.
    /// </summary>
    public class IkeSaParserTests
    {
        private const string AsaIsakmpDetail =
            "fw-edge1# show crypto isakmp sa detail\n" +
            "\n" +
            "IKEv1 SAs:\n" +
            "\n" +
            "   Active SA: 1\n" +
            "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n" +
            "Total IKE SA: 1\n" +
            "\n" +
            "1   IKE Peer: 203.0.113.10\n" +
            "    Type    : L2L             Role    : initiator\n" +
            "    Rekey   : no              State   : MM_ACTIVE\n" +
            "    Encrypt : aes-256         Hash    : SHA\n" +
            "    Auth    : preshared       Lifetime: 86400\n" +
            "    Lifetime Remaining: 86072\n" +
            "\n" +
            "IKEv2 SAs:\n" +
            "\n" +
            "Session-id:7, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n" +
            "\n" +
            "Tunnel-id Local                                               Remote                                                  Status         Role\n" +
            "  9371531 198.51.100.1/500                                    192.0.2.20/500                                           READY    RESPONDER\n" +
            "      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n" +
            "      Life/Active Time: 86400/3560 sec\n" +
            "Child sa: local selector  10.255.204.0/0 - 10.255.204.255/65535\n" +
            "          remote selector 10.220.101.0/0 - 10.220.101.255/65535\n" +
            "          ESP spi in/out: 0x5d1f8e34/0xc04a13b7\n" +
            "          AH spi in/out: 0x0/0x0\n" +
            "          CPI in/out: 0x0/0x0\n" +
            "          Encr: AES-CBC, keysize: 128, esp_hmac: SHA256\n" +
            "          ah_hmac: None, comp: IPCOMP_NONE, mode tunnel\n";

        [Fact]
        public void Asa_isakmp_sa_detail_gives_the_ikev1_and_the_ikev2_sa_with_role_lifetimes_and_child_spis()
        {
            var (records, stats) = Captures.ParseText(AsaIsakmpDetail);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IkeSa>().ToList();
            Assert.Equal(2, sas.Count);

            var v1 = sas[0];
            Assert.Equal(("IKEv1", "ASA", "fw-edge1"), (v1.IkeVersion, v1.Platform, v1.Device));
            Assert.Equal("203.0.113.10", v1.Peer);
            Assert.Equal("1", v1.TunnelId);
            Assert.Equal(("L2L", IkeRole.Initiator, "no", "MM_ACTIVE"), (v1.Type, v1.Role, v1.Rekey, v1.State));
            Assert.Equal(("aes-256", "SHA", "preshared"), (v1.Encryption, v1.Hash, v1.Auth));
            Assert.Equal(86400, v1.LifetimeSeconds);
            Assert.Equal(86072, v1.RemainingSeconds);
            Assert.Equal((9, 14), (v1.Line, v1.LastLine));

            var v2 = sas[1];
            Assert.Equal(("IKEv2", "ASA"), (v2.IkeVersion, v2.Platform));
            Assert.Equal(("198.51.100.1", 500, "192.0.2.20", 500), (v2.LocalAddress, v2.LocalPort, v2.Peer, v2.PeerPort));
            Assert.Equal(("READY", IkeRole.Responder, "UP-ACTIVE", "7"), (v2.State, v2.Role, v2.Status, v2.SessionId));
            Assert.Equal(("AES-CBC", 256, "SHA256", "14"), (v2.Encryption, v2.KeySize, v2.Hash, v2.DhGroup));
            Assert.Equal((86400L, 3560L, 82840L), (v2.LifetimeSeconds!.Value, v2.ActiveSeconds!.Value, v2.RemainingSeconds!.Value));
            Assert.Equal(1, v2.ChildSaCount);
            Assert.Equal("0x5d1f8e34/0xc04a13b7", v2.ChildSpis);
            // The child SA's own algorithms stay with the child, not the IKE SA.
            Assert.Contains("Child keysize=128", v2.OtherFields);
            Assert.Contains("Child esp_hmac=SHA256", v2.OtherFields);
            Assert.Contains("Child text=mode tunnel", v2.OtherFields);
            Assert.Contains("AH spi in/out=0x0/0x0", v2.OtherFields);
        }

        [Fact]
        public void Ios_isakmp_sa_keeps_dst_and_src_and_names_no_peer_and_an_unknown_line_is_reported()
        {
            const string text =
                "hub1#show crypto isakmp sa\n" +
                "IPv4 Crypto ISAKMP SA\n" +
                "dst             src             state          conn-id status\n" +
                "172.17.3.1      172.17.3.2      QM_IDLE          79859 ACTIVE\n" +
                "172.17.3.1      172.17.3.9      MM_NO_STATE      79901 ACTIVE (deleted)\n" +
                "garbage that is no row\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.Of<IkeSa>().ToList();
            Assert.Equal(2, sas.Count);
            Assert.All(sas, s => Assert.Null(s.Peer));
            Assert.Equal(("172.17.3.1", "172.17.3.2", "QM_IDLE", "79859"), (sas[0].DestinationAddress, sas[0].SourceAddress, sas[0].State, sas[0].ConnectionId));
            Assert.Equal(("ACTIVE", "deleted"), (sas[1].Status, sas[1].StatusDetail));
            Assert.All(sas, s => Assert.Equal("hub1", s.Device));
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal((DiagnosticCodes.UnrecognizedLine, 6), (d.Code, d.Line));
        }

        [Fact]
        public void Show_dmvpn_is_not_taken_for_a_crypto_session_and_an_echoed_empty_table_is_read()
        {
            var (dmvpn, _) = Captures.Parse("peers/ntc-templates/cisco_ios/show-dmvpn/cisco_ios_show_dmvpn.raw");
            Assert.Empty(dmvpn.Of<IkeSa>());
            Assert.All(dmvpn.Diagnostics(), d => Assert.Equal(DiagnosticCodes.UnsupportedOutput, d.Code));

            var (records, stats) = Captures.ParseText("fw-edge1# show crypto ikev2 sa\n\nThere are no IKEv2 SAs\nfw-edge1# show crypto isakmp sa\nThere are no IKEv1 SAs\n");
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records);
        }

        [Fact]
        public void A_capture_cut_inside_a_session_still_gives_its_ike_sa()
        {
            const string text =
                "Interface: Tunnel0\n" +
                "Session status: UP-ACTIVE\n" +
                "Peer: 172.17.3.2 port 500\n" +
                "  IKEv1 SA: local 172.17.3.1/500 remote 172.17.3.2/500 Active\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sa = Assert.Single(records.Of<IkeSa>());
            Assert.Equal(("Tunnel0", "UP-ACTIVE", "172.17.3.2", "172.17.3.1"), (sa.Interface, sa.SessionStatus, sa.Peer, sa.LocalAddress));
            Assert.Null(sa.ChildSaCount);
        }
    }
}
