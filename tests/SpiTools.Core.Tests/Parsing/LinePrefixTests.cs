using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class LinePrefixTests
    {
        [Theory]
        [InlineData("  1. fw-edge1# show crypto ipsec sa", (int)LinePrefixKind.Number, 5, 1L)]
        [InlineData("12: interface: outside", (int)LinePrefixKind.Number, 4, 12L)]
        [InlineData("12:      spi: 0x1", (int)LinePrefixKind.Number, 4, 12L)]
        [InlineData("0012 interface: outside", (int)LinePrefixKind.Number, 5, 12L)]
        [InlineData(" 12 |       spi: 0x1", (int)LinePrefixKind.Number, 6, 12L)]
        [InlineData("    12\tinterface: outside", (int)LinePrefixKind.Number, 7, 12L)]
        [InlineData("13:", (int)LinePrefixKind.Number, 3, 13L)]
        [InlineData("> fw-edge1# show crypto ipsec sa", (int)LinePrefixKind.Marker, 2, 0L)]
        [InlineData(">> > spi: 0x1", (int)LinePrefixKind.Marker, 5, 0L)]
        [InlineData("| VPN CTX  = 0x1", (int)LinePrefixKind.Marker, 2, 0L)]
        [InlineData("[2024-05-01 10:11:12] interface: outside", (int)LinePrefixKind.Timestamp, 22, 0L)]
        [InlineData("[10:11:12] interface: outside", (int)LinePrefixKind.Timestamp, 11, 0L)]
        [InlineData("[Wed May 01 10:11:12.123 2024] interface: outside", (int)LinePrefixKind.Timestamp, 31, 0L)]
        [InlineData("2024-05-01 10:11:12.123 interface: outside", (int)LinePrefixKind.Timestamp, 24, 0L)]
        [InlineData("2024-05-01T10:11:12Z interface: outside", (int)LinePrefixKind.Timestamp, 21, 0L)]
        [InlineData("10:11:12.123 interface: outside", (int)LinePrefixKind.Timestamp, 13, 0L)]
        public void Prefix_shapes_are_read(string line, int kind, int length, long number)
        {
            Assert.True(LinePrefix.MayStartAt(line.AsSpan(), LineRepairer.IndentOf(line.AsSpan()))); // the reader's cheap test admits it
            Assert.True(LinePrefix.TryRead(line.AsSpan(), out var p));
            Assert.Equal(((LinePrefixKind)kind, length), (p.Kind, p.Length));
            if ((LinePrefixKind)kind == LinePrefixKind.Number) Assert.Equal(number, p.Number);
        }

        [Theory]
        [InlineData("0x00000000 0x00000001")]
        [InlineData("10:11 is not a time prefix")]
        [InlineData("fe80::1 is an address")]
        [InlineData("12345678 more than seven digits")]
        [InlineData("1/0/1 interface")]
        [InlineData("[not a time] text")]
        public void Other_line_starts_are_no_prefix(string line)
        {
            Assert.False(LinePrefix.TryRead(line.AsSpan(), out _));
        }

        [Fact]
        public void A_single_device_line_that_starts_with_a_number_is_never_stripped()
        {
            // ASA "show crypto ikev1 sa": the SA's index starts its line; the lines after it carry no number.
            const string text =
                "fw-edge1# show crypto ikev1 sa\n\nIKEv1 SAs:\n\n   Active SA: 1\n    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\nTotal IKE SA: 1\n\n" +
                "1   IKE Peer: 203.0.113.10\n    Type    : L2L             Role    : initiator\n    Rekey   : no              State   : MM_ACTIVE\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.DoesNotContain(records.Diagnostics(), d => d.Code == DiagnosticCodes.LinePrefix);
            var ike = Assert.Single(records.Of<IkeSa>());
            Assert.Equal("203.0.113.10", ike.Peer);
        }

        [Theory]
        [InlineData("1: fw-edge1# show asp table vpn-context detail\n2: VPN CTX  = 0x2D2EA0A4\nSPI      = 0x25A3076D\n")] // two numbered lines only
        [InlineData("1: fw-edge1# show asp table vpn-context detail\n3: VPN CTX  = 0x2D2EA0A4\n4: SPI      = 0x25A3076D\n")] // not counting up by one
        [InlineData("> fw-edge1# show asp table vpn-context detail\n| VPN CTX  = 0x2D2EA0A4\n> SPI      = 0x25A3076D\n")] // markers differ
        [InlineData("[10:11:12] fw-edge1# show asp table vpn-context detail\n[2024-05-01 10:11:13] VPN CTX  = 0x2D2EA0A4\n[10:11:14] SPI      = 0x25A3076D\n")] // shapes differ
        public void Lines_that_do_not_make_a_block_keep_their_start(string text)
        {
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.DoesNotContain(records.Diagnostics(), d => d.Code == DiagnosticCodes.LinePrefix);
            Assert.DoesNotContain(records.Of<VpnContext>(), c => c.Spi == "0x25A3076D" && c.Context == "0x2D2EA0A4");
        }

        [Fact]
        public void A_block_goes_on_past_one_unnumbered_line_and_ends_at_the_second()
        {
            const string text =
                "1: fw-edge1# show asp table vpn-context detail\n2: VPN CTX  = 0x2D2EA0A4\n3: Peer IP  = 10.220.100.0\n" +
                "Flags    = ENCR+ESP\n" +  // a wrapped line without its number
                "5: SPI      = 0x25A3076D\n6: Pkts     = 41006\n7: Rekey Call = 9\n" +
                "notes after the listing\n8 was the last line\n9: and this is no listing\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var ctx = Assert.Single(records.Of<VpnContext>());
            Assert.Equal(("0x2D2EA0A4", "0x25A3076D", 41006L, "ENCR+ESP"), (ctx.Context, ctx.Spi, ctx.Packets!.Value, ctx.Flags));
            var prefix = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.LinePrefix);
            Assert.Equal((1, 7, 6), (prefix.Line, prefix.LastLine, prefix.Occurrences));
            Assert.Contains(records.Diagnostics(), d => d.Text == "9: and this is no listing");
        }

        [Fact]
        public void A_syslog_files_own_timestamps_are_not_a_loggers_prefix()
        {
            const string text =
                "2024-09-07T23:11:13Z fw-edge1 %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "2024-09-07T23:11:14Z fw-edge1 %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x1F) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n" +
                "2024-09-07T23:11:17Z fw-edge1 %ASA-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x25A3076D) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.Diagnostics());
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(new[] { SaEventKind.SaInstalled, SaEventKind.InvalidSpi, SaEventKind.SaDeleted }, e.Select(x => x.Kind));
            Assert.Equal(new DateTime(2024, 9, 7, 23, 11, 14), e[1].Time);
            Assert.All(e, x => Assert.Equal("fw-edge1", x.Device));
        }

        [Fact]
        public void Ios_sequence_numbers_counting_up_are_the_logs_own_and_kept()
        {
            const string text =
                "000412: *Sep  7 23:11:40.120 UTC: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/0\n" +
                "000413: *Sep  7 23:11:41.007 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2001, sequence number=3\n" +
                "000414: Sep  7 23:12:02.511 CET: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 172.17.3.2:500       Id: 172.17.3.2\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.Empty(records.Diagnostics());
            Assert.Equal(new long?[] { 412, 413, 414 }, records.Of<SaEvent>().Select(e => e.Sequence));
        }

        [Fact]
        public void A_loggers_bracketed_time_before_a_syslog_line_leaves_the_devices_time()
        {
            const string text =
                "[2026-11-20 09:14:02] Sep 07 2024 23:11:13: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "[2026-11-20 09:14:02] Sep 07 2024 23:11:17: %ASA-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x25A3076D) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n" +
                "[2026-11-20 09:14:03] Sep 07 2024 23:11:18: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x1F) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.Equal(0, stats.ReportedLines);
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(new[] { SaEventKind.SaInstalled, SaEventKind.SaDeleted, SaEventKind.InvalidSpi }, e.Select(x => x.Kind));
            Assert.Equal(new DateTime(2024, 9, 7, 23, 11, 17), e[1].Time);
            var prefix = Assert.Single(records.Diagnostics());
            Assert.Equal((DiagnosticCodes.LinePrefix, 1, 3), (prefix.Code, prefix.Line, prefix.LastLine));
        }

        [Fact]
        public void Lines_read_ahead_come_out_unchanged_and_in_order()
        {
            // Prefix-like starts and blocks at random, lines of every length, truncation flags: the source hands on what it read.
            var rng = new Random(5);
            string[] starts = { "", "1: ", "2: ", "3: ", "> ", ">> ", "| ", "[10:11:12] ", "0012 ", "  7. ", "2024-05-01 10:11:12 " };
            for (int round = 0; round < 200; round++)
            {
                var lines = Enumerable.Range(0, rng.Next(1, 40)).Select(i => starts[rng.Next(starts.Length)] + new string('x', rng.Next(0, 30))).ToList();
                var src = new PrefixedLineSource(new StringsLineSource(new[] { string.Join("\n", lines) }, 20));
                var read = new List<string>();
                var truncated = new List<bool>();
                while (src.TryReadLine(out var line))
                {
                    Assert.InRange(src.PrefixLength, 0, line.Length);
                    read.Add(line.ToString());
                    truncated.Add(src.LastLineTruncated);
                }
                var expected = lines.Select(l => l.Length > 20 ? l.Substring(0, 20) : l).ToList();
                Assert.Equal(expected, read);
                Assert.Equal(lines.Select(l => l.Length > 20), truncated);
            }
        }
    }
}
