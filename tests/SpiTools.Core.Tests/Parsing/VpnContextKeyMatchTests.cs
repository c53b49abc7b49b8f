using System;
using System.Text;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// The vpn-context parser's shortcuts held to their plain versions: the key match by last letter against the
    /// match of every key with <see cref="StringComparison.OrdinalIgnoreCase"/>, and the end trim against <c>TrimEnd()</c>.
    /// </summary>
    public class VpnContextKeyMatchTests
    {
        private static readonly string[] Pieces =
        {
            "VPN CTX", "Peer IP", "Pointer", "State", "Flags", "SA", "SPI", "Group", "Pkts", "Bad Pkts", "Bad SPI", "Spoof",
            "Bad Crypto", "Rekey Pkt", "Rekey Call", "VPN Filter", "vpn ctx", "sPi", "bad spi", "ENCR+ESP", "0x6D5DAF2F",
            "SP\u0131", "\u017FA", "\u017Fpoof", "Pkt\u017F", "SA\u00A0", "SPI\t", " ", "  ", "\t", "\u00A0", "\u2003", "=", "X", "k",
            "\u212A", "\u0130", "@", "[", "_", "`", "{", "~", "\u0000",
        };

        [Fact]
        public void The_key_match_by_last_letter_gives_what_matching_every_key_gives()
        {
            var random = new Random(20261129);
            int matched = 0;
            for (int i = 0; i < 200_000; i++)
            {
                var sb = new StringBuilder();
                int parts = random.Next(1, 4);
                for (int p = 0; p < parts; p++) sb.Append(Pieces[random.Next(Pieces.Length)]);
                var text = sb.ToString().AsSpan();
                int fast = VpnContextParser.MatchKeyEndingAt(text, out int fastStart);
                int slow = VpnContextParser.MatchKeyEndingAtSlow(text, out int slowStart);
                Assert.True(fast == slow && fastStart == slowStart, $"'{text.ToString()}': {fast}@{fastStart}, plain {slow}@{slowStart}");
                if (fast >= 0) matched++;
            }
            // Both outcomes were exercised, with non-ASCII letters (dotless i, long s, Kelvin sign) in the way.
            Assert.InRange(matched, 10_000, 190_000);
            Assert.Equal(VpnContextParser.MatchKeyEndingAtSlow("Bad SP\u0131".AsSpan(), out int plainStart), VpnContextParser.MatchKeyEndingAt("Bad SP\u0131".AsSpan(), out int start));
            Assert.Equal(plainStart, start);
            Assert.Equal(14, VpnContextParser.MatchKeyEndingAt("0x1010FBBAspi".AsSpan(), out start));
            Assert.Equal(10, start);
            Assert.Equal(-1, VpnContextParser.MatchKeyEndingAt("Pointer ".AsSpan(), out _));
        }

        [Fact]
        public void The_end_trim_gives_what_TrimEnd_gives()
        {
            var random = new Random(7);
            for (int i = 0; i < 50_000; i++)
            {
                var sb = new StringBuilder();
                int parts = random.Next(0, 5);
                for (int p = 0; p < parts; p++) sb.Append(Pieces[random.Next(Pieces.Length)]);
                var text = sb.ToString();
                Assert.Equal(text.AsSpan().TrimEnd().ToString(), VpnContextParser.TrimEndWhiteSpace(text.AsSpan()).ToString());
            }
        }
    }
}
