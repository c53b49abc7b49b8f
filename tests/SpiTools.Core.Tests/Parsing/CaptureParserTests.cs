using System.Text;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class CaptureParserTests
    {
        [Theory]
        [MemberData(nameof(AllCaptureFiles))]
        public void Every_capture_line_is_used_or_reported(string file)
        {
            var uses = new Dictionary<int, LineUse>();
            var stats = new ParseStatistics();
            var options = new CaptureParseOptions { Statistics = stats, LineObserver = (n, use) => Assert.True(uses.TryAdd(n, use), $"line {n} accounted for twice") };
            var records = CaptureParser.ParseFile(Captures.PathOf(file), options).ToList();
            var bytes = File.ReadAllBytes(Captures.PathOf(file));
            int lines = bytes.Count(b => b == (byte)'\n') + (bytes.Length > 0 && bytes[^1] != (byte)'\n' ? 1 : 0);
            Assert.Equal(lines, stats.Lines);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.DoesNotContain(records.Diagnostics(), d => d.Code == DiagnosticCodes.ParserFault);

            // Each line number, one by one: a record's span, a diagnostic's span, an echo, blank, or a line of a
            // section (between two echoed commands) that gave records: a header whose fields the records after it carry
            // (interface, crypto map, an entry's idents and counters, a session's fields) or the tail of one (an
            // anti-replay bitmap's second line), which the records' first and last lines do not span.
            var diagnostics = records.Diagnostics();
            var found = records.Where(r => r is not ParseDiagnostic).ToList();
            bool InDiagnostic(int n) => diagnostics.Any(d => d.Line <= n && n <= d.LastLine);
            bool InRecord(int n) => found.Any(r => r.Line <= n && n <= r.LastLine);
            var section = new int[lines + 1];
            for (int n = 1; n <= lines; n++)
            {
                Assert.True(uses.TryGetValue(n, out var use), $"line {n} of {lines} was not accounted for");
                section[n] = section[n - 1] + (use == LineUse.Echo ? 1 : 0);
            }
            var sectionsWithRecords = new HashSet<int>(found.Where(r => r.Line >= 1 && r.Line <= lines).Select(r => section[r.Line]));
            for (int n = 1; n <= lines; n++)
            {
                switch (uses[n])
                {
                    case LineUse.Reported:
                        Assert.True(InDiagnostic(n), $"line {n} was reported but no diagnostic names it");
                        break;
                    case LineUse.Used:
                        Assert.True(InRecord(n) || InDiagnostic(n) || sectionsWithRecords.Contains(section[n]),
                            $"line {n} was used but no record or diagnostic covers it and its section gave no record");
                        break;
                }
            }
            Assert.Equal(lines, uses.Count);
            Assert.Equal(stats.BlankLines, uses.Values.Count(u => u == LineUse.Blank));
            Assert.Equal(stats.ReportedLines, uses.Values.Count(u => u == LineUse.Reported));
        }

        public static IEnumerable<object[]> AllCaptureFiles() => Captures.AllFiles().Select(f => new object[] { f });

        [Fact]
        public void A_terminal_log_with_several_commands_is_split_by_its_echoes()
        {
            var log = string.Concat(
                File.ReadAllText(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt")),
                "fw-edge1# show running-config crypto map\ncrypto map OUTSIDE_MAP 40 match address TEST\ncrypto map OUTSIDE_MAP 40 set peer 203.0.113.10\n",
                File.ReadAllText(Captures.PathOf("asa-stale-spi/device/show-asp-table-vpn-context-detail.txt")),
                File.ReadAllText(Captures.PathOf("asa-stale-spi/device/packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt")),
                "fw-edge1#\n");
            var (records, stats) = Captures.ParseText(log);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(4, records.Of<IpsecSa>().Count());
            Assert.Equal(5, records.Of<VpnContext>().Count());
            Assert.Single(records.Of<PacketTrace>());
            var unsupported = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.UnsupportedOutput, unsupported.Code);
            Assert.Equal(DiagnosticSeverity.Info, unsupported.Severity);
            Assert.Equal(93, unsupported.Line);
            Assert.Equal(95, unsupported.LastLine);
            Assert.Contains("show running-config crypto map", unsupported.Message);
            Assert.All(records.OfType<ICaptureRecord>(), r => Assert.Equal("fw-edge1", r.Device));
        }

        [Fact]
        public void Outputs_without_echoes_are_recognised_from_their_content()
        {
            var text = "some notes before the output\n" +
                       "VPN CTX  = 0x00922FAC\nSPI      = 0xE5C56C30\nFlags    = ENCR+ESP\nPkts     = 5\nRekey Call = 0\n" +
                       "interface: outside\n    Crypto map tag: M, seq num: 1, local addr: 1.1.1.1\n      current_peer: 2.2.2.2\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Single(records.Of<VpnContext>());
            Assert.Single(records.Of<IpsecSa>());
            var d = records.Diagnostics();
            Assert.Contains(d, x => x.Code == DiagnosticCodes.UnsupportedOutput && x.Line == 1 && x.LastLine == 1);
            Assert.Equal(1, stats.ReportedLines);
        }

        [Fact]
        public void Forced_kind_reads_the_whole_input_as_that_output()
        {
            var text = "VPN CTX  = 0x1\nSPI = 0x2\nFlags = DECR+ESP\nPkts = 1\nRekey Call = 0\nnonsense line\n";
            var (records, stats) = Captures.ParseText(text, "vpn-context");
            Assert.Single(records.Of<VpnContext>());
            Assert.Contains(records.Diagnostics(), x => x.Code == DiagnosticCodes.UnrecognizedLine && x.Line == 6);
            Assert.True(stats.IsBalanced);
            Assert.Throws<ArgumentException>(() => CaptureParser.ParseText(text, "x", new CaptureParseOptions { Kind = "no-such-kind" }));
        }

        [Fact]
        public void Missing_file_and_directory_are_typed_errors()
        {
            var missing = Assert.Throws<CaptureInputException>(() => CaptureParser.ParseFile(Path.Combine(Captures.Root, "nope.txt")));
            Assert.Equal(CaptureInputError.FileNotFound, missing.Code);
            Assert.Contains("nope.txt", missing.Message);
            var dir = Assert.Throws<CaptureInputException>(() => CaptureParser.ParseFile(Captures.Root));
            Assert.Equal(CaptureInputError.IsDirectory, dir.Code);
        }

        [Fact]
        public void Crlf_and_asa_line_ends_are_read_and_reported_once()
        {
            var text = "fw1# show asp table vpn-context detail\r\n\rVPN CTX  = 0x1\r\n\rSPI = 0x2\r\r\nFlags = ENCR+ESP\r\nPkts = 3\r\nRekey Call = 0\r\n";
            var (records, stats) = Captures.ParseText(text);
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.Equal(3, c.Packets);
            Assert.Equal("fw1", c.Device);
            var le = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.LineEndings);
            Assert.Equal(1, le.Line);
            Assert.Equal(6, le.Occurrences);
            Assert.Equal(6, stats.Lines);
        }

        [Fact]
        public void Pager_residue_with_backspaces_and_carriage_returns_is_removed()
        {
            var text = "VPN CTX  = 0x1\n<--- More --->\r              \rSPI = 0x2\n --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bFlags = ENCR+ESP\nPkts = 3\nRekey Call = 0\n";
            var (records, stats) = Captures.ParseText(text);
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.Equal("0x00000002", c.Spi);
            Assert.Equal("ENCR+ESP", c.Flags);
            Assert.Equal(new[] { 2, 3 }, records.Diagnostics().Where(d => d.Code == DiagnosticCodes.PagerResidue).Select(d => d.Line));
            Assert.True(stats.IsBalanced);
        }

        [Fact]
        public void Bytes_that_are_not_utf8_and_nul_bytes_are_replaced_and_reported()
        {
            var bytes = new List<byte>(Encoding.ASCII.GetBytes("VPN CTX  = 0x1\nSPI = 0x2\n"));
            bytes.AddRange(new byte[] { 0xC3, 0x28, (byte)'\n' });
            bytes.AddRange(Encoding.ASCII.GetBytes("Pkts = 3\0\nRekey Call = 0"));
            var stats = new ParseStatistics();
            var records = CaptureParser.Parse(new MemoryStream(bytes.ToArray()), "bin", new CaptureParseOptions { Statistics = stats }).ToList();
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.Equal(3, c.Packets);
            Assert.Equal(0, c.RekeyCalls); // last line without a line end is read
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.InvalidEncoding && d.Line == 3);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.ControlCharacters && d.Line == 4);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.UnrecognizedLine && d.Line == 3);
            Assert.Equal(5, stats.Lines);
            Assert.True(stats.IsBalanced);
        }

        [Fact]
        public void A_line_over_the_limit_is_cut_and_reported_without_buffering_it()
        {
            var big = new string('A', 200_000);
            var text = "VPN CTX  = 0x1\n" + big + "\nSPI = 0x2\n";
            var stats = new ParseStatistics();
            var opts = new CaptureParseOptions { MaxLineLength = 1000, Statistics = stats };
            var fromStream = CaptureParser.Parse(new MemoryStream(Encoding.ASCII.GetBytes(text)), "s", opts).ToList();
            var fromReader = CaptureParser.Parse(new StringReader(text), "r", opts).ToList();
            foreach (var records in new[] { fromStream, fromReader })
            {
                var tooLong = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.LineTooLong);
                Assert.Equal(2, tooLong.Line);
                Assert.Contains("200000", tooLong.Message);
                Assert.Equal("0x00000002", Assert.Single(records.Of<VpnContext>()).Spi);
            }
            Assert.True(stats.IsBalanced);
            Assert.Equal(6, stats.Lines);
        }

        [Fact]
        public void Empty_input_gives_nothing()
        {
            var (records, stats) = Captures.ParseText("");
            Assert.Empty(records);
            Assert.True(stats.IsBalanced);
        }

        [Fact]
        public void Pipeline_strings_may_hold_several_lines_each()
        {
            var lines = new[] { "fw9# show asp table vpn-context detail", "VPN CTX = 0x5\nSPI = 0x6\nFlags = ENCR+ESP\n", "Pkts = 1", "Rekey Call = 0" };
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseLines(lines, "pipe", new CaptureParseOptions { Statistics = stats }).ToList();
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.Equal("fw9", c.Device);
            Assert.Equal("0x00000006", c.Spi);
            Assert.Equal(6, stats.Lines);
        }

        [Theory]
        [InlineData("fw-edge1# show crypto ipsec sa", "fw-edge1", "show crypto ipsec sa")]
        [InlineData("ASR1#sh crypto ipsec sa peer 172.17.3.2", "ASR1", "sh crypto ipsec sa peer 172.17.3.2")]
        [InlineData("ASA/pri/act(config)# show crypto ipsec sa peer 93.184.216.34", "ASA", "show crypto ipsec sa peer 93.184.216.34")]
        [InlineData("STC-DCFW/CHD-01/ADMIN# show asp table vpn-context", "STC-DCFW", "show asp table vpn-context")]
        [InlineData("R1>show crypto ipsec sa", "R1", "show crypto ipsec sa")]
        [InlineData("> show ipsec sa", "", "show ipsec sa")]
        [InlineData("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 DETAIL", "", "packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 DETAIL")]
        [InlineData("fw-edge1#", "fw-edge1", "")]
        public void Prompts_and_command_echoes_are_recognised(string line, string host, string command)
        {
            Assert.True(EchoLine.TryParse(line.AsSpan(), out var echo));
            Assert.Equal(host, echo.Host.ToString());
            Assert.Equal(command, echo.Command.ToString());
        }

        [Theory]
        [InlineData("VPN Filter = <none>")]
        [InlineData("#pkts encaps: 0, #pkts encrypt: 0")]
        [InlineData("interface: outside")]
        [InlineData("in  id=0xcb9f5a30, priority=1, domain=permit, deny=false")]
        [InlineData("Flags = ENCR+ESP")]
        [InlineData("Anti replay bitmap:")]
        public void Output_lines_are_not_taken_for_prompts(string line)
        {
            Assert.False(EchoLine.TryParse(line.AsSpan(), out _));
        }

        [Theory]
        [InlineData("sh cry ips sa peer 1.2.3.4", true)]
        [InlineData("show crypto ipsec sa detail", true)]
        [InlineData("show ipsec sa", true)]
        [InlineData("show crypto isakmp sa", false)]
        [InlineData("show crypto ipsec profile", false)]
        [InlineData("s crypto ipsec sa", false)]
        public void Abbreviated_commands_are_matched_keyword_by_keyword(string command, bool matches)
        {
            Assert.Equal(matches, new IpsecSaFormat().MatchesCommand(command.AsSpan()));
        }
    }
}
