using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class HtmlMarkupTests
    {
        [Theory]
        [InlineData("<b>fw-edge1# show crypto ipsec sa</b>", "fw-edge1# show crypto ipsec sa")]
        [InlineData("<strong>fw-edge1#</strong> show crypto ipsec sa", "fw-edge1# show crypto ipsec sa")]
        [InlineData("      <span style=\"color: #FF9999;\">#pkts decaps: 105</span>, #pkts decrypt: 0", "      #pkts decaps: 105, #pkts decrypt: 0")]
        [InlineData("      current_peer: <font color='red'>203.0.113.10</font>", "      current_peer: 203.0.113.10")]
        [InlineData("<pre><code class=\"language-text\">fw-edge1# show asp table vpn-context detail", "fw-edge1# show asp table vpn-context detail")]
        [InlineData("    Anti replay bitmap:</code></pre>", "    Anti replay bitmap:")]
        [InlineData("      spi: 0xCF559E0D (3478494733)<br/>", "      spi: 0xCF559E0D (3478494733)")]
        [InlineData("<div><p>   sa timing: remaining key lifetime (kB/sec): (4373958/27285)</p></div>", "   sa timing: remaining key lifetime (kB/sec): (4373958/27285)")]
        [InlineData("&#35;pkts encaps: 0, &#x23;pkts encrypt: 0", "#pkts encaps: 0, #pkts encrypt: 0")]
        [InlineData("&nbsp;&nbsp;&nbsp;&nbsp;in use settings ={L2L, Tunnel, IKEv1, }", "    in use settings ={L2L, Tunnel, IKEv1, }")]
        [InlineData("fw-edge1&gt; show crypto ipsec sa", "fw-edge1> show crypto ipsec sa")]
        [InlineData("VPN Filter = &lt;none&gt;, user = &quot;ops&amp;sec&quot;", "VPN Filter = <none>, user = \"ops&sec\"")]
        [InlineData("<TD>Peer IP</TD><TD>= 10.220.100.0</TD>", "Peer IP = 10.220.100.0")]
        public void Tags_are_removed_and_character_references_decoded(string raw, string repaired)
        {
            var text = new LineRepairer().Repair(raw.AsSpan(), out var damage);
            Assert.Equal(repaired, text.ToString());
            Assert.Equal(LineDamage.HtmlMarkup, damage & ~(LineDamage.NonBreakingSpace | LineDamage.HtmlBlockEnd));
            Assert.Equal(raw.Contains("</pre>"), (damage & LineDamage.HtmlBlockEnd) != 0);
        }

        [Theory]
        [InlineData("VPN Filter = <none>")]
        [InlineData("  Peer = <unknown>, Group = <not set>")]
        [InlineData("<166>Nov 29 10:11:12 fw-edge1 : %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) has been created.")]
        [InlineData("fw/admin(config)# show crypto ipsec sa")]
        [InlineData("     PERMIT, flags={origin_is_acl,}")]
        [InlineData("Phase: 6 -> 7, R&D lab, a < b > c")]
        [InlineData("<b unclosed bold")]
        [InlineData("&foo; &#0; &#xD800; &; &#; &amp")]
        [InlineData("<blink>spi</blink> <script>x</script> <p-1>")]
        public void Device_text_with_angle_brackets_and_ampersands_is_left_alone(string raw)
        {
            Assert.False(LineRepairer.NeedsRepair(raw.AsSpan()));
            var text = new LineRepairer().RepairCore(raw.AsSpan(), out var damage);
            Assert.Equal(raw, text.ToString());
            Assert.Equal(LineDamage.None, damage);
        }

        [Fact]
        public void A_line_with_markup_is_never_passed_by_the_quick_test()
        {
            string[] tokens = { "<b>", "</b>", "<br>", "<br/>", "<span class='x'>", "<pre", "&gt;", "&#35;", "&#x23;", "&amp", "&nbsp;", "<none>", "<", "&", ">", ";", " ", "x", "-", "<--- More --->", "spi", "\u00A0", "*", "#" };
            var repairer = new LineRepairer();
            var rng = new Random(17);
            int passed = 0, repaired = 0;
            for (int i = 0; i < 50_000; i++)
            {
                var raw = string.Concat(Enumerable.Range(0, rng.Next(0, 8)).Select(_ => tokens[rng.Next(tokens.Length)]));
                var text = repairer.RepairCore(raw.AsSpan(), out var damage);
                if ((damage & LineDamage.HtmlMarkup) != 0) repaired++;
                if (LineRepairer.NeedsRepair(raw.AsSpan())) continue;
                passed++;
                Assert.True(damage == LineDamage.None && text.SequenceEqual(raw.AsSpan()), $"'{raw}' needs repair ({damage}) but the quick test passed it");
            }
            Assert.True(passed > 1000 && repaired > 1000, $"{passed} lines passed the quick test, {repaired} held markup");
        }

        [Fact]
        public void A_pager_prompt_written_as_character_references_is_pager_residue()
        {
            var text = new LineRepairer().Repair("&lt;--- More ---&gt;      spi: 0x1".AsSpan(), out var damage);
            Assert.Equal("      spi: 0x1", text.ToString());
            Assert.Equal(LineDamage.HtmlMarkup | LineDamage.PagerResidue, damage);
            // Not written as markup, it is pager residue alone.
            new LineRepairer().Repair("<--- More --->      spi: 0x1".AsSpan(), out damage);
            Assert.Equal(LineDamage.PagerResidue, damage);
        }

        [Theory]
        [InlineData("interface: outside<br>    Crypto map tag: M, seq num: 1, local addr: 1.1.1.1", "interface: outside\n    Crypto map tag: M, seq num: 1, local addr: 1.1.1.1")]
        [InlineData("<div>a</div><div>&nbsp; b</div>", "a\n  b")]
        [InlineData("a<br><br><br>b", "a\nb")]
        [InlineData("<br>a<br>", "a")]
        [InlineData("  <p>a</p>", "  a")]
        public void A_break_or_block_between_two_texts_begins_a_new_line(string raw, string repaired)
        {
            var text = new LineRepairer().Repair(raw.AsSpan(), out var damage);
            Assert.Equal(repaired, text.ToString());
            Assert.Equal(repaired.Contains('\n'), (damage & LineDamage.HtmlLineBreak) != 0);
            Assert.True((damage & LineDamage.HtmlMarkup) != 0);
        }

        [Fact]
        public void A_bold_echo_no_longer_hides_the_output_and_every_sa_is_read()
        {
            var plain = File.ReadAllText(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            var bold = "<b>fw-edge1# show crypto ipsec sa</b>" + plain.Substring(plain.IndexOf('\n'));
            var (records, stats) = Captures.ParseText(bold);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var want = Captures.ParseText(plain).Records.Of<IpsecSa>().Select(PastedCaptureTests.Fields).ToList();
            Assert.Equal(4, want.Count);
            Assert.Equal(want, records.Of<IpsecSa>().Select(PastedCaptureTests.Fields));
            Assert.All(records.Of<IpsecSa>(), s => Assert.Equal("fw-edge1", s.Device));
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal((DiagnosticCodes.HtmlMarkup, 1, 1, 1), (d.Code, d.Line, d.LastLine, d.Occurrences));
        }

        [Fact]
        public void A_capture_wrapped_in_pre_gives_every_record_of_the_plain_capture()
        {
            foreach (var name in new[] { "show-crypto-ipsec-sa.txt", "show-asp-table-vpn-context-detail.txt", "packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt" })
            {
                var plain = File.ReadAllText(Captures.PathOf("asa-stale-spi/device/" + name)).TrimEnd('\n');
                var wrapped = "<pre>" + plain + "</pre>\n";
                var (records, stats) = Captures.ParseText(wrapped);
                Assert.True(stats.IsBalanced, stats.ToString());
                var want = Captures.ParseText(plain).Records;
                Assert.Equal(want.Where(r => !(r is ParseDiagnostic)).Select(PastedCaptureTests.Fields), records.Where(r => !(r is ParseDiagnostic)).Select(PastedCaptureTests.Fields));
                var d = Assert.Single(records.Diagnostics());
                Assert.Equal(DiagnosticCodes.HtmlMarkup, d.Code);
                Assert.Equal((1, plain.Split('\n').Length, 2), (d.Line, d.LastLine, d.Occurrences));
            }
        }

        [Fact]
        public void Parts_of_a_divided_line_are_accounted_for_once_and_reported_under_its_number()
        {
            const string text = "fw-edge1# show asp table vpn-context detail<br>VPN CTX  = 0x2D2EA0A4<br>Peer IP  = 10.220.100.0<br>SPI      = 0x25A3076D\n" +
                                "Flags    = ENCR+ESP<br>Pkts     = 41006<br>no such field here<br>Rekey Call = 9\n";
            var uses = new Dictionary<int, LineUse>();
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseText(text, "t", new CaptureParseOptions { Statistics = stats, LineObserver = (n, u) => uses.Add(n, u) }).ToList();
            Assert.Equal(2, stats.Lines);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(LineUse.Used, uses[1]);
            Assert.Equal(LineUse.Reported, uses[2]); // one part was not recognised: the line is reported
            var ctx = Assert.Single(records.Of<VpnContext>());
            Assert.Equal(("0x25A3076D", 41006L), (ctx.Spi, ctx.Packets!.Value));
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnrecognizedLine && d.Line == 2);
        }
    }
}
