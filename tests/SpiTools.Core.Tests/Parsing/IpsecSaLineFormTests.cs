using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>Line forms of newer releases and unusual set-ups (fixtures in <c>forms/</c>, sources in its NOTES.md).</summary>
    public class IpsecSaLineFormTests
    {
        [Fact]
        public void Asa_9x_protected_vrf_ivrf_line_is_the_protected_vrf()
        {
            var (records, stats) = Captures.Parse("forms/asa-9x-protected-vrf-ivrf.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(2, sas.Count);
            Assert.All(sas, s => Assert.Equal("Global", s.ProtectedVrf));
            // The line sits between the ACL and the idents: it does not split the entry.
            Assert.All(sas, s => Assert.StartsWith("asa-router-vpn extended permit ip", s.AccessList));
            Assert.All(sas, s => Assert.Equal("192.168.0.0/255.255.255.0/0/0", s.RemoteIdent));
            Assert.All(sas, s => Assert.Equal(19, s.PacketsEncapsulated));
            Assert.All(sas, s => Assert.Contains("pkts not offload decrypted=0", s.OtherCounters));
            Assert.Equal("0x5D1B8E7A", sas.Single(s => s.IsCurrentOutbound).Spi);
        }

        [Fact]
        public void Ios_protected_vrf_none_is_still_read()
        {
            var (records, _) = Captures.Parse("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt");
            Assert.All(records.Of<IpsecSa>(), s => Assert.Equal("(none)", s.ProtectedVrf));
        }

        [Fact]
        public void Ios_manually_keyed_ipv6_sas_have_no_lifetime_and_are_whole()
        {
            var (records, stats) = Captures.Parse("forms/ios-ospfv3-manual-keys-ipv6.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(2, sas.Count);
            Assert.All(sas, s => Assert.Equal("ah", s.Protocol));
            Assert.All(sas, s => Assert.Equal("0x00000100", s.Spi));
            Assert.All(sas, s => Assert.False(s.Incomplete));
            Assert.All(sas, s => Assert.Null(s.RemainingSeconds));
            Assert.All(sas, s => Assert.Contains("no sa timing", s.OtherSettings));
            Assert.All(sas, s => Assert.Contains("IPsecv6-created ACL name=FastEthernet0/0-ipsecv6-ACL", s.OtherSettings));
            Assert.All(sas, s => Assert.Contains("IPsecv6 policy name=OSPFv3-1-256", s.OtherSettings));
            Assert.All(sas, s => Assert.Equal("::", s.Peer));
            Assert.All(sas, s => Assert.Equal(500, s.PeerPort));
            Assert.All(sas, s => Assert.Equal("FE80::", s.LocalIdentAddress));
            Assert.All(sas, s => Assert.Equal("10", s.LocalIdentMask));
            Assert.All(sas, s => Assert.Equal(89, s.LocalIdentProtocol));
            Assert.All(sas, s => Assert.Equal("::", s.RemoteEndpoint));
            Assert.Equal(new[] { SaDirection.Inbound, SaDirection.Outbound }, sas.Select(s => s.Direction));
        }

        [Fact]
        public void Prompt_without_host_name_is_an_echo_and_a_cut_ident_is_read_to_the_line_end()
        {
            var (records, stats) = Captures.Parse("forms/asa-prompt-without-host.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(2, sas.Count);
            Assert.All(sas, s => Assert.Null(s.Device));
            Assert.All(sas, s => Assert.Equal("192.0.2.20", s.Peer));
            Assert.All(sas, s => Assert.Equal("10.30.0.0/255.255.0.0/0/0", s.RemoteIdent));
            Assert.All(sas, s => Assert.Equal("255.255.0.0", s.RemoteIdentMask));
            Assert.All(sas, s => Assert.Equal(0, s.RemoteIdentPort));
            Assert.All(sas, s => Assert.False(s.Incomplete));
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.InvalidValue, d.Code);
            Assert.Equal(7, d.Line);
            Assert.Contains("closing parenthesis", d.Message);
        }

        [Theory]
        [InlineData("      remote ident (addr/mask/prot/port): (10.220.100.0/255.2", "55.255.0/0/0)")]
        [InlineData("      remote ident (addr/mask/prot/port): (10.220.100.0/255.255.255.0/0/0", ")")]
        public void An_ident_wrapped_onto_the_next_line_is_rejoined(string head, string tail)
        {
            var lines = File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt")).ToList();
            int at = lines.FindIndex(l => l.Contains("remote ident") && l.Contains("10.220.100.0"));
            lines[at] = head;
            lines.Insert(at + 1, tail);
            var (records, stats) = Captures.ParseText(string.Join("\n", lines));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var stale = records.Of<IpsecSa>().Where(s => s.Peer == "203.0.113.10").ToList();
            Assert.Equal(2, stale.Count);
            Assert.All(stale, s => Assert.Equal("10.220.100.0/255.255.255.0/0/0", s.RemoteIdent));
            Assert.All(stale, s => Assert.Equal("255.255.255.0", s.RemoteIdentMask));
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.WrappedLine, d.Code);
            Assert.Equal(at + 2, d.Line);
        }

        [Fact]
        public void An_ident_cut_at_the_end_of_the_capture_is_kept_as_printed()
        {
            var (records, stats) = Captures.ParseText("fw# show crypto ipsec sa\ninterface: outside\n      local ident (addr/mask/prot/port): (10.255.203.0/255.255.255.0/0/0");
            Assert.True(stats.IsBalanced, stats.ToString());
            var entry = Assert.Single(records.Of<IpsecSa>());
            Assert.Equal("10.255.203.0/255.255.255.0/0/0", entry.LocalIdent);
            Assert.Equal("10.255.203.0", entry.LocalIdentAddress);
            Assert.True(entry.Incomplete);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.InvalidValue && d.Line == 3);
        }

        [Fact]
        public void A_label_cut_before_its_value_is_not_taken_for_an_ident()
        {
            var (records, stats) = Captures.ParseText("fw# show crypto ipsec sa\ninterface: outside\n      local ident (ad\n      current_peer: 203.0.113.10\n");
            Assert.True(stats.IsBalanced, stats.ToString());
            var entry = Assert.Single(records.Of<IpsecSa>());
            Assert.Null(entry.LocalIdent);
            Assert.Equal("203.0.113.10", entry.Peer);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnrecognizedLine && d.Line == 3);
        }

        [Fact]
        public void Prompt_without_host_keeps_the_device_named_by_an_earlier_prompt()
        {
            var text = "fw-edge1# terminal pager 0\n" + File.ReadAllText(Captures.PathOf("forms/asa-prompt-without-host.txt"));
            var (records, _) = Captures.ParseText(text);
            Assert.All(records.Of<IpsecSa>(), s => Assert.Equal("fw-edge1", s.Device));
        }

        [Fact]
        public void Mistyped_echo_is_reported_and_the_output_after_it_is_read_by_content()
        {
            var (records, stats) = Captures.Parse("forms/asa-mistyped-echo.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.MistypedCommand, d.Code);
            Assert.Equal(1, d.Line);
            Assert.Contains("cshow crypto ipsec sa", d.Message);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            Assert.All(sas, s => Assert.Equal("fw-edge1", s.Device));
            Assert.All(sas, s => Assert.False(s.Incomplete));
        }

        [Fact]
        public void An_unknown_command_still_hides_the_lines_after_it()
        {
            // Only a one-letter slip of "show" before a known command is read by content; an unknown command is not.
            var lines = File.ReadAllLines(Captures.PathOf("forms/asa-mistyped-echo.txt"));
            lines[0] = "fw-edge1# show crypto map";
            var (records, _) = Captures.ParseText(string.Join("\n", lines));
            Assert.Empty(records.Of<IpsecSa>());
            Assert.Equal(DiagnosticCodes.UnsupportedOutput, Assert.Single(records.Diagnostics()).Code);
        }

        [Theory]
        [InlineData("cshow crypto ipsec sa", true)]
        [InlineData("shwo crypto ipsec sa", true)]
        [InlineData("sow crypto ipsec sa", true)]
        [InlineData("shoe crypto ipsec sa", true)]
        [InlineData("show crypto ipsec sa", false)]
        [InlineData("sh crypto ipsec sa", false)]
        [InlineData("clear crypto ipsec sa", false)]
        [InlineData("xxshow crypto ipsec sa", false)]
        [InlineData("cshow", false)]
        public void Show_typos_are_one_edit_away(string command, bool typo)
        {
            Assert.Equal(typo, CommandTypo.TryCorrectShow(command.AsSpan(), out var corrected));
            if (typo) Assert.Equal("show crypto ipsec sa", corrected);
        }

        [Theory]
        [InlineData("#sh crypto ipsec sa peer 1.2.3.4", true)]
        [InlineData("#show asp table vpn-context detail", true)]
        [InlineData("#pkts encaps: 0, #pkts encrypt: 0", false)]
        [InlineData("#send errors 0, #recv errors 0", false)]
        [InlineData("#", false)]
        public void Host_less_prompt_is_an_echo_but_counters_are_not(string line, bool echo)
        {
            Assert.Equal(echo, EchoLine.TryParse(line.AsSpan(), out var e));
            if (echo) Assert.True(e.Host.IsEmpty);
        }
    }
}
