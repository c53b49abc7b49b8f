using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>PAN-OS <c>show vpn ipsec-sa</c>, <c>show vpn ike-sa</c> and the XML API's ipsec-sa answer, from the published outputs.</summary>
    public class PanOsTests
    {
        [Fact]
        public void Ipsec_sa_row_gives_an_inbound_and_an_outbound_sa_with_tunnel_gateway_and_seconds_left_through_blank_lines()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("paloalto/show-vpn-ipsec-sa/cloudflare-docs-panvm03-tunnel01-remain-time-col-doubled-blank-lines.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(2, sas.Count);
            var (inbound, outbound) = (sas[0], sas[1]);
            Assert.Equal(("PAN-OS", "panvm03", SaDirection.Inbound, "0xB5D09AB8"), (inbound.Platform, inbound.Device, inbound.Direction, inbound.Spi));
            Assert.Equal((SaDirection.Outbound, "0x9FA69407", true), (outbound.Direction, outbound.Spi, outbound.IsCurrentOutbound));
            Assert.Equal(("CF_Magic_WAN_IPsec_01", "CF_Magic_WAN_IKE_01", "162.159.66.164"), (inbound.Tunnel, inbound.Connection, inbound.Peer));
            Assert.Equal(("esp", "A256/SHA256", 3445L), (inbound.Protocol, inbound.Transform, inbound.RemainingSeconds!.Value));
            Assert.Contains("life(Sec/KB)=3600/Unlimited", inbound.OtherSettings);
        }

        [Fact]
        public void Ike_sa_gives_the_ike_sa_and_its_child_sas_and_the_message_id_is_no_spi()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("paloalto/show-vpn-ike-sa/cloudflare-docs-panvm03-gw01-ikev2-child-doubled-blank-lines.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var ike = Assert.Single(records.OfType<IkeSa>());
            Assert.Equal(("PAN-OS", "IKEv2", "162.159.66.164", IkeRole.Initiator), (ike.Platform, ike.IkeVersion, ike.Peer, ike.Role));
            Assert.Equal(("PSK", "20", "A256", "SHA256", 1, "Established"), (ike.Auth, ike.DhGroup, ike.Encryption, ike.Hash, ike.ChildSaCount!.Value, ike.State));
            Assert.Equal(("2", "67"), (ike.TunnelId, ike.ConnectionId));
            Assert.Contains("Established=Jun.04 21:09:13", ike.OtherFields);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0xFCAEE176", "0x1EF41BA9" }, sas.Select(s => s.Spi));
            Assert.Equal(("CF_Magic_WAN_IPsec_01", "CF_Magic_WAN_IKE_01", "322550", "Mature"), (sas[0].Tunnel, sas[0].Connection, sas[0].TunnelId, sas[0].State));
            Assert.Contains("MsgID=000007B4", sas[0].OtherSettings);
            Assert.DoesNotContain(sas, s => s.SpiValue == 0x7B4);
        }

        [Fact]
        public void Xml_api_answer_reads_unsigned_decimal_spis_and_the_padded_peer()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("paloalto/xml-api-show-vpn-ipsec-sa/device-firewall-paloalto-perl-2tunnels-vr-loop-unsigned-decimal-spis-mirrored.xml.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            var first = sas[0];
            Assert.Equal((SaDirection.Inbound, "0xE68C7B76", 3867966326L), (first.Direction, first.Spi, first.SpiPrintedDecimal!.Value));
            Assert.Equal(("IPSEC_second_to_default", "default_vr", "1.1.5.1", 2512L), (first.Tunnel, first.Connection, first.Peer, first.RemainingSeconds!.Value));
            Assert.Equal(("esp", "A128/SHA1"), (first.Protocol, first.Transform));
            Assert.Null(first.RemainingKilobytes); // <kb>0</kb> is no volume lifetime left to run out
            Assert.Equal((SaDirection.Outbound, "0xA10B7F26"), (sas[1].Direction, sas[1].Spi));
        }

        [Fact]
        public void Xml_api_signed_decimal_spis_are_read_as_their_twos_complement()
        {
            // The published answer's first entry, with its SPIs in the signed form other PAN-OS API answers print.
            const string text =
                "<response status=\"success\"><result>\n" +
                "  <entries>\n" +
                "    <entry>\n" +
                "      <name>IPSEC_second_to_default</name>\n" +
                "      <i_spi>-427000970</i_spi>\n" +
                "      <o_spi>-1593082074</o_spi>\n" +
                "    </entry>\n" +
                "  </entries>\n" +
                "</result></response>\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0xE68C7B76", "0xA10B7F26" }, sas.Select(s => s.Spi));
            Assert.Equal(-427000970L, sas[0].SpiPrintedDecimal);
            Assert.DoesNotContain(records.OfType<ParseDiagnostic>(), d => d.Severity != DiagnosticSeverity.Info);
        }
    }
}
