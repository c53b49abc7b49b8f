using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// ASA / FTD <c>show crypto ipsec sa inactive</c>. No public capture of this command's full output was found: the text
    /// below is built from examples/asa-stale-spi (interface, crypto map, idents, peer of <c>asa-stale-spi/device</c>) and the line that
    /// Cisco bug CSCwc48375 quotes (<c>Inactive inbound SA: SPI: 0x1AAC9593, state: dead, reason: Phase 2 Error</c>, domain.md).
    /// </summary>
    public class InactiveIpsecSaTests
    {
        private const string Capture =
            "fw-edge1# show crypto ipsec sa inactive\n" +
            "interface: outside\n" +
            "    Crypto map tag: outside_map, seq num: 1, local addr: 198.51.100.1\n" +
            "\n" +
            "      access-list outside_cryptomap_1 extended permit ip 10.255.203.0 255.255.255.0 10.220.100.0 255.255.255.0\n" +
            "      local ident (addr/mask/prot/port): (10.255.203.0/255.255.255.0/0/0)\n" +
            "      remote ident (addr/mask/prot/port): (10.220.100.0/255.255.255.0/0/0)\n" +
            "      current_peer: 203.0.113.10\n" +
            "\n" +
            "      Inactive inbound SA: SPI: 0x1AAC9593, state: dead, reason: Phase 2 Error\n" +
            "      Inactive inbound SA: SPI: 0x6C2F1B04, state: dead, reason: Phase 2 Error\n" +
            "      Inactive outbound SA: SPI: 0x25A3076D, state: dead, reason: Rekeyed\n" +
            "fw-edge1# show crypto ipsec sa\n" +
            "There are no ipsec sas\n";

        [Fact]
        public void Each_inactive_sa_is_a_record_with_its_entry_and_the_plain_command_still_goes_to_the_ipsec_sa_parser()
        {
            var (records, stats) = Captures.ParseText(Capture);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<InactiveIpsecSa>().ToList();
            Assert.Equal(new[] { "0x1AAC9593", "0x6C2F1B04", "0x25A3076D" }, sas.Select(s => s.Spi));
            Assert.Equal(new[] { SaDirection.Inbound, SaDirection.Inbound, SaDirection.Outbound }, sas.Select(s => s.Direction));
            Assert.All(sas, s => Assert.Equal("dead", s.State));
            Assert.Equal("Phase 2 Error", sas[0].Reason);
            Assert.Equal("Rekeyed", sas[2].Reason);
            Assert.All(sas, s => Assert.Equal("203.0.113.10", s.Peer));
            Assert.All(sas, s => Assert.Equal("outside", s.Interface));
            Assert.All(sas, s => Assert.Equal("outside_map", s.CryptoMap));
            Assert.All(sas, s => Assert.Equal(1, s.SequenceNumber));
            Assert.All(sas, s => Assert.Equal("198.51.100.1", s.LocalAddress));
            Assert.All(sas, s => Assert.Equal("(10.220.100.0/255.255.255.0/0/0)", s.RemoteIdent));
            Assert.All(sas, s => Assert.Equal("fw-edge1", s.Device));
            Assert.Equal(0x1AAC9593, sas[0].SpiValue);
            Assert.Equal(10, sas[0].Line);
            // The plain "show crypto ipsec sa" after it is still read by its own parser (no inactive records from it).
            Assert.Empty(records.Of<IpsecSa>());
            Assert.Empty(records.Diagnostics());
            Assert.True(new IpsecSaFormat().MatchesCommand("show crypto ipsec sa".AsSpan()));
            Assert.False(new InactiveIpsecSaFormat().MatchesCommand("show crypto ipsec sa".AsSpan()));
            Assert.True(new InactiveIpsecSaFormat().MatchesCommand("sh cry ips sa ina".AsSpan()));
        }

        [Fact]
        public void A_malformed_spi_is_reported_and_the_record_kept()
        {
            var (records, _) = Captures.ParseText("show crypto ipsec sa inactive\nInactive inbound SA: SPI: 0xZZ12, state: dead, reason: Phase 2 Error\n");
            var sa = Assert.Single(records.Of<InactiveIpsecSa>());
            Assert.Null(sa.Spi);
            Assert.Equal("Phase 2 Error", sa.Reason);
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.InvalidValue, d.Code);
            Assert.Equal(2, d.Line);
        }
    }
}
