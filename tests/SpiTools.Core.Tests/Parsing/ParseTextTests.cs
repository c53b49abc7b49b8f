using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class ParseTextTests
    {
        [Theory]
        [InlineData("SA State: active", "sa state:", true)]
        [InlineData("sa timing: remaining", "SA TIMING:", true)]
        [InlineData("IV size: 16 bytes", "IV size:", true)]
        [InlineData("IV", "IV size:", false)]
        [InlineData("slot: 0", "spi:", false)]
        [InlineData("in use settings ={L2L}", "inbound ", false)]
        [InlineData("anything", "", true)]
        [InlineData("", "x", false)]
        // '@' and '`' differ from 'A' and 'a' by 0x20 too, but they are not letters.
        [InlineData("@bc", "`bc", false)]
        [InlineData("[x", "{x", false)]
        [InlineData("#pkts", "#PKTS", true)]
        public void StartsWithIgnoreCase_folds_only_ascii_letters(string text, string prefix, bool expected)
        {
            Assert.Equal(expected, text.AsSpan().StartsWithIgnoreCase(prefix));
        }

        [Theory]
        [InlineData("L2L", "l2l", true)]
        [InlineData("RA", "ra", true)]
        [InlineData("RA ", "RA", false)]
        [InlineData("R", "RA", false)]
        [InlineData("pkts encaps", "PKTS ENCAPS", true)]
        public void EqualsIgnoreCase_needs_the_same_length(string text, string value, bool expected)
        {
            Assert.Equal(expected, text.AsSpan().EqualsIgnoreCase(value));
        }

        [Theory]
        [InlineData("remaining key lifetime (kB/sec): (1/2)", "KB/SEC", 24)]
        [InlineData("{L2L, Tunnel, NAT-T-Encaps, }", "nat-t", 14)]
        [InlineData("no such thing", "nat-t", -1)]
        [InlineData("nanat-t", "NAT-T", 2)]
        public void IndexOfIgnoreCase_finds_the_first_match(string text, string value, int expected)
        {
            Assert.Equal(expected, text.AsSpan().IndexOfIgnoreCase(value));
        }

        [Fact]
        public void TrimWhiteSpace_gives_what_Trim_gives()
        {
            const string alphabet = "  \t\r\n\u00A0\u2028\u0085\u200Bab:,\u00D7~!\u007F\u0001";
            var rng = new Random(3);
            for (int i = 0; i < 50_000; i++)
            {
                var text = new string(Enumerable.Range(0, rng.Next(0, 12)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
                Assert.True(text.AsSpan().Trim().SequenceEqual(text.AsSpan().TrimWhiteSpace()), $"'{text}'");
            }
        }

        [Fact]
        public void Pool_gives_back_the_text_it_was_given_for_every_length()
        {
            var pool = new StringPool();
            const string source = "esp-aes-256 esp-sha-256-hmac no compression, L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv1, 10.0.0.0/255.255.255.0/0/0";
            for (int round = 0; round < 2; round++)
            {
                for (int n = 0; n <= source.Length; n++)
                {
                    var value = source.AsSpan(0, n);
                    Assert.Equal(value.ToString(), pool.Get(value));
                    // Same text from another buffer: the same text comes back.
                    Assert.Equal(value.ToString(), pool.Get(value.ToString().ToCharArray()));
                }
            }
        }

        [Fact]
        public void Pool_reuses_one_string_for_a_repeated_value()
        {
            var pool = new StringPool();
            var first = pool.Get("esp-aes-256 esp-sha-256-hmac no compression".ToCharArray());
            var second = pool.Get("esp-aes-256 esp-sha-256-hmac no compression".ToCharArray());
            Assert.Same(first, second);
        }

        [Fact]
        public void Pool_hash_spreads_values_that_differ_in_one_character()
        {
            // Addresses of one subnet differ in their last characters: they should not share a slot.
            var slots = Enumerable.Range(0, 256).Select(i => StringPool.Hash($"203.0.113.{i}".AsSpan()) & 1023).Distinct().Count();
            Assert.True(slots > 200, $"{slots} distinct slots of 256");
        }
    }
}
