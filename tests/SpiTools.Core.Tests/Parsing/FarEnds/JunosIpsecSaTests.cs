using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>Junos <c>show security ipsec security-associations</c>, brief, <c>detail</c> and <c>| display xml</c>, from real outputs.</summary>
    public class JunosIpsecSaTests
    {
        [Fact]
        public void Brief_rows_give_direction_index_spi_lifetime_and_gateway_named_by_the_user_at_host_prompt()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("juniper-srx/show-security-ipsec-sa/junos-bits-vsrx12-multihub-hub1-2tunnels-pair-with-sat1.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            var first = sas[0];
            Assert.Equal(("Junos", "vsrxhub1", SaDirection.Inbound, "0xF31C0D6D"), (first.Platform, first.Device, first.Direction, first.Spi));
            Assert.Equal((268173313L, "268173313", "esp", "aes-cbc-128/sha256"), (first.ConnectionId!.Value, first.Tunnel, first.Protocol, first.Transform));
            Assert.Equal((3429L, true, "10.10.10.101", 500), (first.RemainingSeconds!.Value, first.VolumeRekeyDisabled, first.Peer, first.PeerPort!.Value));
            Assert.Equal(SaDirection.Outbound, sas[1].Direction);
            Assert.Equal("0x2267FF45", sas[1].Spi);
            Assert.All(records.OfType<ParseDiagnostic>(), d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        }

        [Fact]
        public void Detail_with_lost_indentation_and_a_cluster_header_gives_one_sa_per_direction_block_and_no_ike_cookie()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.PathOf("juniper-srx/blog-azure-ipsec-ups-and-downs-srx-cluster-brief-detail-ike-indented-code.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0xD3B10CFC", "0x7368FC9B", "0x332AD3C7", "0x8E6651F4", "0x2A8CED1F", "0x7A1C2A8C", "0x8512D6F5", "0x32C3A32A" }, sas.Select(s => s.Spi));
            Assert.Equal(21727, sas[2].RemainingSeconds);
            var inbound = sas[6];
            Assert.Equal((SaDirection.Inbound, 131075L, "131075", "st0.10"), (inbound.Direction, inbound.ConnectionId!.Value, inbound.Tunnel, inbound.Interface));
            Assert.Contains("VPN Name=azure-ipsec-vpn", inbound.OtherSettings);
            Assert.Equal(("X.X.X.X", "Y.Y.Y.Y", "IKEv2"), (inbound.LocalEndpoint, inbound.Peer, inbound.IkeVersion));
            Assert.Equal(("X.X.X.X/12", "10.0.0.0/20"), (inbound.LocalIdent, inbound.RemoteIdent));
            Assert.Equal((2010L, "Tunnel", "installed"), (inbound.RemainingSeconds!.Value, inbound.Mode, inbound.State));
            Assert.Equal(("aes-cbc (256 bits) hmac-sha1-96", false), (inbound.Transform, inbound.ReplayDetection!.Value));
            Assert.Contains("Flag: 0x600a21", inbound.OtherSettings);
            Assert.DoesNotContain(sas, s => s.SpiValue == 0x600a21);
            Assert.Contains("VPN Monitoring=-", inbound.OtherSettings);
            Assert.Equal(SaDirection.Outbound, sas[7].Direction);
            // The IKE SA detail that follows is an output SpiTools does not read: reported, and its cookies are no SPI.
            Assert.Contains(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.UnsupportedOutput && d.Text.Contains("ike security-associations"));
            Assert.DoesNotContain(sas, s => s.Spi != null && (s.Spi.Contains("77034040") || s.Spi.Contains("9D917D73")));
        }

        [Fact]
        public void Junos_2x_prints_0x_spis_and_more_detail_fields_and_its_ike_table_gives_no_sa()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.PathOf("juniper-srx/inline-ipsec-mx-pe1-junos-2x-0x-spis-ike-table-detail.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0x6D0C6331", "0xE1ED7345", "0x3160CDCE", "0x36C700CE" }, sas.Select(s => s.Spi));
            Assert.All(sas, s => Assert.Equal("PE1", s.Device));
            var detail = sas[2];
            Assert.Equal(("0.0.0.0-255.255.255.255", 4096, "st0.1", "500011"), (detail.LocalIdent, detail.ReplayWindowSize!.Value, detail.Interface, detail.Tunnel));
            Assert.Contains("IKE SA Index=75", detail.OtherSettings);
            Assert.Equal(0, stats.ReportedLines - 3); // the IKE SA table's three lines, reported as an output SpiTools does not read
        }

        [Fact]
        public void Xml_of_a_chassis_cluster_reads_escaped_directions_and_the_rekey_overlap_pairs()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("juniper-srx/show-security-ipsec-sa-xml/junos-exporter-srx-cluster-node0-multi-re-brief-2tunnels-8sas-rekey-overlap.xml.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(8, sas.Count);
            Assert.Equal(new[] { SaDirection.Inbound, SaDirection.Outbound }, sas.Take(2).Select(s => s.Direction));
            var first = sas[0];
            Assert.Equal(("0xBB0D675A", 231076L, "1.1.1.1", 401), (first.Spi, first.ConnectionId!.Value, first.Peer, first.PeerPort!.Value));
            Assert.Equal(("3des sha256", 24979L, true, "esp"), (first.Transform, first.RemainingSeconds!.Value, first.VolumeRekeyDisabled, first.Protocol));
            Assert.Contains("node=node0", first.OtherSettings);
            Assert.Equal(new long?[] { 24979, 24979, 25347, 25347 }, sas.Take(4).Select(s => s.RemainingSeconds));
            Assert.All(records.OfType<ParseDiagnostic>(), d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        }

        [Fact]
        public void Display_xml_typed_after_the_command_picks_the_xml_reader_and_a_cut_element_is_kept_incomplete()
        {
            const string text =
                "root@srx> show security ipsec security-associations | display xml\n" +
                "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/18.4R3/junos\">\n" +
                "    <ipsec-security-associations-information junos:style=\"brief\">\n" +
                "        <ipsec-security-associations-block>\n" +
                "            <ipsec-security-associations>\n" +
                "                <sa-direction>&gt;</sa-direction>\n" +
                "                <sa-tunnel-index>131073</sa-tunnel-index>\n" +
                "                <sa-spi>2267ff45</sa-spi>\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sa = Assert.Single(records.OfType<IpsecSa>());
            Assert.Equal(("0x2267FF45", SaDirection.Outbound, true, "srx"), (sa.Spi, sa.Direction, sa.Incomplete, sa.Device));
            Assert.Contains(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.TruncatedRecord && d.Kind == "junos-ipsec-sa-xml");
        }

        [Fact]
        public void Brief_pasted_without_its_prompt_is_recognised_by_its_header_and_a_cut_row_is_kept_incomplete()
        {
            const string text =
                "  Total active tunnels: 1\n" +
                "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway\n" +
                "  <131073 ESP:aes-cbc-128/sha256 612799d9 2551/ unlim U root 500 10.10.10.1\n" +
                "  >131073 ESP:aes-cbc-128/sha256 69a611c6 2551/\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { false, true }, sas.Select(s => s.Incomplete));
            Assert.Equal("0x69A611C6", sas[1].Spi);
            Assert.Contains("VPN Monitoring=U", sas[0].OtherSettings);
        }
    }
}
