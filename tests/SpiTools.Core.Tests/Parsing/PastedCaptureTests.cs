using System.Collections;
using System.Reflection;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// Captures as engineers paste them from web pages, mails, editors and terminal loggers (Fixtures/captures/pasted):
    /// the records are those of the plain device output, and the repair is reported with its lines.
    /// </summary>
    public class PastedCaptureTests
    {
        private const string Device = "asa-stale-spi/device/";

        [Fact]
        public void A_blog_posts_html_gives_the_sa_counters_the_current_spis_and_the_syslog_event()
        {
            var (records, stats) = Captures.Parse("pasted/tunnelsup-recv-errors.article.html.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var sa = Assert.Single(records.Of<IpsecSa>());
            Assert.Equal(11, sa.Line);
            // The output ends with its </pre>: the prose and the figure after it (an access-list line, line 34) are
            // text SpiTools does not read, not a second entry of the SA output.
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnsupportedOutput && d.Line == 32 && d.LastLine == 39);
            Assert.DoesNotContain(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnrecognizedLine && d.Line < 40);
            Assert.Equal("ASA", sa.Device); // from the echo inside <pre><code>: ASA/pri/act(config)#
            Assert.Equal("93.184.216.34", sa.Peer);
            Assert.Equal("outside_map", sa.CryptoMap);
            Assert.Equal(105, sa.PacketsDecapsulated); // "<span style=…>#pkts decaps: 105</span>, #pkts decrypt: 0"
            Assert.Equal(0, sa.PacketsDecrypted);
            Assert.Equal(105, sa.ReceiveErrors);       // "#send errors: 0, <span …>#recv errors: 105</span>"
            Assert.Equal(0, sa.SendErrors);
            Assert.Equal("0xD0E9F6C9", sa.CurrentOutboundSpi);
            Assert.Equal("0x76F99C4C", sa.CurrentInboundSpi);

            var e = Assert.Single(records.Of<SaEvent>());
            Assert.Equal(SaEventKind.ProxyMismatch, e.Kind); // "<p><code>Jan 19 2015 20:00:43: %ASA-4-402116: …</code></p>"
            Assert.Equal("0x76F99C4C", e.Spi);
            Assert.Equal(new DateTime(2015, 1, 19, 20, 0, 43), e.Time);
            Assert.Equal(42, e.Line);

            var html = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.HtmlMarkup);
            Assert.Equal(1, html.Line);
            Assert.Equal(45, html.LastLine);
            Assert.Equal(DiagnosticSeverity.Info, html.Severity);
            // The echo line is an echo again, not the start of text SpiTools does not read.
            Assert.DoesNotContain(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnsupportedOutput && d.Line <= 10 && d.LastLine >= 10);
        }

        [Fact]
        public void An_html_mail_with_br_and_nbsp_gives_the_sas_of_the_plain_output_with_their_line_numbers()
        {
            var (records, stats) = Captures.Parse("pasted/asa-show-crypto-ipsec.html-mail.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(18, stats.Lines);
            var plain = Captures.Parse(Device + "show-crypto-ipsec-sa.txt").Records.Of<IpsecSa>().Where(s => s.Peer == "203.0.113.10");
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(plain.Select(Fields), sas.Select(Fields));
            Assert.Equal(new[] { "0xCF559E0D", "0xA19EC57E" }, sas.Select(s => s.Spi));
            Assert.Equal((4373958L, 27285L), (sas[0].RemainingKilobytes!.Value, sas[0].RemainingSeconds!.Value));
            Assert.Equal(484, sas[0].PacketsDecapsulated);
            // Output line 26 ("spi: 0xCF559E0D …") is in physical line 2 + 25 / 3: three output lines to a line after the greeting.
            Assert.Equal(10, sas[0].Line);
            var html = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.HtmlMarkup);
            Assert.Equal((1, 18, 18), (html.Line, html.LastLine, html.Occurrences));
            Assert.Contains("line breaks", html.Message);
        }

        [Fact]
        public void Vim_line_numbers_are_removed_and_the_sas_are_those_of_the_plain_output()
        {
            AssertSameRecords("pasted/asa-show-crypto-ipsec.vim-numbered.txt", Device + "show-crypto-ipsec-sa.txt", 4);
            var d = Captures.Parse("pasted/asa-show-crypto-ipsec.vim-numbered.txt").Records.Diagnostics();
            var prefix = Assert.Single(d);
            Assert.Equal(DiagnosticCodes.LinePrefix, prefix.Code);
            Assert.Equal((1, 92, 92), (prefix.Line, prefix.LastLine, prefix.Occurrences));
            Assert.StartsWith("line numbers", prefix.Message);
        }

        [Fact]
        public void A_code_viewers_numbered_listing_between_prose_gives_the_vpn_contexts()
        {
            var (records, stats) = Captures.Parse("pasted/asa-vpn-context.code-viewer.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var plain = Captures.Parse(Device + "show-asp-table-vpn-context-detail.txt").Records.Of<VpnContext>();
            Assert.Equal(plain.Select(Fields), records.Of<VpnContext>().Select(Fields));
            var prefix = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.LinePrefix);
            Assert.Equal((3, 90, 88), (prefix.Line, prefix.LastLine, prefix.Occurrences));
            // The prose before and after the listing is reported, not taken for output.
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnsupportedOutput && d.Line == 1);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnrecognizedLine && d.Line == 92);
        }

        [Fact]
        public void A_quoted_mail_gives_the_packet_trace_of_the_plain_output()
        {
            var (records, stats) = Captures.Parse("pasted/asa-packet-tracer.quoted-mail.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var plain = Captures.Parse(Device + "packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt").Records.Of<PacketTrace>();
            var trace = Assert.Single(records.Of<PacketTrace>());
            Assert.Equal(plain.Select(Fields), new[] { Fields(trace) });
            Assert.Equal("0x2D2EA0A4", trace.EncryptVpnContext);
            var prefix = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.LinePrefix);
            Assert.Equal((8, 146), (prefix.Line, prefix.LastLine));
            Assert.StartsWith("quote markers", prefix.Message);
        }

        [Fact]
        public void A_terminal_loggers_timestamps_are_removed_from_two_show_outputs()
        {
            var (records, stats) = Captures.Parse("pasted/asa-fw-edge1.terminal-log.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = Captures.Parse(Device + "show-crypto-ipsec-sa.txt").Records.Of<IpsecSa>();
            var contexts = Captures.Parse(Device + "show-asp-table-vpn-context-detail.txt").Records.Of<VpnContext>();
            Assert.Equal(sas.Select(Fields), records.Of<IpsecSa>().Select(Fields));
            Assert.Equal(contexts.Select(Fields), records.Of<VpnContext>().Select(Fields));
            var prefix = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.LinePrefix, prefix.Code);
            Assert.Equal((1, 182), (prefix.Line, prefix.LastLine));
        }

        [Fact]
        public void A_terminal_loggers_times_before_a_debug_leave_the_debugs_own_times_and_events()
        {
            var (records, stats) = Captures.Parse("pasted/iosxe-debug.terminal-log.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var plain = Captures.Parse("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt").Records.Of<SaEvent>().ToList();
            var events = records.Of<SaEvent>().ToList();
            Assert.NotEmpty(events);
            Assert.Equal(plain.Select(Fields), events.Select(Fields));
            Assert.Contains(events, e => e.Kind == SaEventKind.SaInstalled && e.Spi == "0xF7A925DB" && e.Time == new DateTime(e.Time!.Value.Year, 9, 7, 23, 11, 13));
            Assert.Equal(DiagnosticCodes.LinePrefix, Assert.Single(records.Diagnostics()).Code);
        }

        private static void AssertSameRecords(string pasted, string plain, int expected)
        {
            var (records, stats) = Captures.Parse(pasted);
            Assert.True(stats.IsBalanced, stats.ToString());
            var want = Captures.Parse(plain).Records.Where(r => !(r is ParseDiagnostic)).Select(Fields).ToList();
            Assert.Equal(expected, want.Count);
            Assert.Equal(want, records.Where(r => !(r is ParseDiagnostic)).Select(Fields));
        }

        /// <summary>Every public property of a record (nested lists too) but where it came from (source and lines).</summary>
        internal static string Fields(object record)
        {
            var parts = new List<string>();
            foreach (var p in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.Name is "Source" or "Line" or "LastLine" || p.GetIndexParameters().Length > 0) continue;
                parts.Add(p.Name + "=" + Value(p.GetValue(record)));
            }
            return string.Join("|", parts);
        }

        private static string Value(object? v) => v switch
        {
            null => "null",
            string s => s,
            IEnumerable items => "[" + string.Join(";", items.Cast<object?>().Select(i => i == null || i.GetType().IsPrimitive || i is string ? Value(i) : Fields(i))) + "]",
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
    }
}
