using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// The ipsec-sa parser looks for a second line of output inside each line with a quick "nd" anchor before the
    /// keyword search. These tests hold it to a plain search of every position, so the shortcut never misses a join.
    /// </summary>
    public class JoinedLineSearchTests
    {
        // What the search must return: the first position (1 or later) where a keyword starts, except a
        // "local/remote/current …" keyword that follows a comma (one device line such as "local crypto endpt.: A, remote crypto endpt.: B").
        private static int Reference(string line)
        {
            for (int at = 1; at < line.Length; at++)
            {
                foreach (var k in JoinedLineSearch.Keywords)
                {
                    if (at + k.Length > line.Length || string.Compare(line, at, k, 0, k.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
                    bool lineLevel = k.StartsWith("current", StringComparison.Ordinal) || k.StartsWith("local", StringComparison.Ordinal) || k.StartsWith("remote", StringComparison.Ordinal);
                    if (lineLevel && line.Substring(0, at).TrimEnd().EndsWith(",", StringComparison.Ordinal)) continue;
                    return at;
                }
            }
            return -1;
        }

        public static IEnumerable<object[]> Keywords() => JoinedLineSearch.Keywords.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Keywords))]
        public void Every_keyword_is_found_at_every_offset_in_any_case(string keyword)
        {
            foreach (var variant in new[] { keyword, keyword.ToUpperInvariant(), Alternate(keyword) })
            {
                for (int n = 1; n <= 24; n++)
                {
                    string before = "A19EC57E spi: 0x25A3076D".Substring(0, n);
                    string line = before + variant + " 0x1";
                    Assert.Equal(n, JoinedLineSearch.FindJoinedStart(line.AsSpan()));
                    Assert.Equal(Reference(line), JoinedLineSearch.FindJoinedStart(line.AsSpan()));
                }
            }
        }

        [Theory]
        [InlineData("local crypto endpt.: 198.51.100.1/0, remote crypto endpt.: 203.0.113.10/0")]
        [InlineData("#send errors: 0, #recv errors: 0")]
        [InlineData("inbound esp sas:")]
        [InlineData("outbound esp sas:")]
        [InlineData("current inbound spi : 963A3399")]
        [InlineData("#decapsulated frgs needing reassembly: 0, ND nd Nd nD")]
        [InlineData("")]
        [InlineData("nd")]
        public void Lines_without_a_join_are_left_whole(string line)
        {
            Assert.Equal(-1, JoinedLineSearch.FindJoinedStart(line.AsSpan()));
        }

        [Fact]
        public void Random_lines_built_from_keyword_pieces_agree_with_a_plain_search()
        {
            var pieces = JoinedLineSearch.Keywords
                .SelectMany(k => new[] { k, k.Substring(0, k.Length / 2), k.Substring(k.Length / 2), k.ToUpperInvariant() })
                .Concat(new[] { " ", ",", ", ", "nd", "ND", "d", "n", "0x1E06FE9E", "#send errors: 0", "A19EC57E", "x" })
                .ToArray();
            var rng = new Random(20261125);
            for (int i = 0; i < 20_000; i++)
            {
                int count = rng.Next(1, 6);
                string line = string.Concat(Enumerable.Range(0, count).Select(_ => pieces[rng.Next(pieces.Length)]));
                Assert.True(Reference(line) == JoinedLineSearch.FindJoinedStart(line.AsSpan()), $"'{line}'");
            }
        }

        [Fact]
        public void The_anchor_is_the_first_nd_in_either_case_at_or_after_the_start()
        {
            var rng = new Random(7);
            const string alphabet = "nNdDx ";
            for (int i = 0; i < 20_000; i++)
            {
                var line = new string(Enumerable.Range(0, rng.Next(0, 40)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
                int from = rng.Next(0, 12);
                int expected = -1;
                for (int at = from; at + 1 < line.Length; at++)
                    if (char.ToLowerInvariant(line[at]) == 'n' && char.ToLowerInvariant(line[at + 1]) == 'd') { expected = at; break; }
                Assert.True(expected == JoinedLineSearch.FindAnchor(line.AsSpan(), from), $"'{line}' from {from}");
            }
        }

        private static string Alternate(string s) =>
            new string(s.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c).ToArray());
    }
}
