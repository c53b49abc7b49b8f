using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests
{
    public class Hex32Tests
    {
        [Theory]
        [InlineData("0x50304C8", "0x050304C8")]
        [InlineData("0x2d2ea0a4", "0x2D2EA0A4")]
        [InlineData("A19EC57E", "0xA19EC57E")]
        [InlineData("0×0", "0x00000000")]
        [InlineData("0x00922FAC", "0x00922FAC")]
        [InlineData("0x0000000000922FAC", "0x00922FAC")]
        public void Normalizes_to_eight_upper_case_digits(string text, string expected)
        {
            Assert.Equal(expected, Hex32.Normalize(text.AsSpan()));
        }

        [Theory]
        [InlineData("")]
        [InlineData("0x")]
        [InlineData("0x1FFFFFFFF")]
        [InlineData("0xZZ")]
        [InlineData("[Not Available]")]
        public void Rejects_what_is_not_a_32_bit_hex_value(string text)
        {
            Assert.Null(Hex32.Normalize(text.AsSpan()));
        }

        [Theory]
        [InlineData("2711537022", 2711537022L)]
        [InlineData(" 0 ", 0L)]
        public void Parses_decimals(string text, long expected)
        {
            Assert.True(SpanNumber.TryParseInt64(text.AsSpan(), out var v));
            Assert.Equal(expected, v);
        }

        [Theory]
        [InlineData("99999999999999999999")]
        [InlineData("-1")]
        [InlineData("12a")]
        public void Rejects_bad_decimals(string text)
        {
            Assert.False(SpanNumber.TryParseInt64(text.AsSpan(), out _));
        }

        [Fact]
        public void Formats_as_0x_and_eight_upper_case_digits()
        {
            var rng = new Random(5);
            foreach (uint v in new uint[] { 0, 1, 0x050304C8, 0xA19EC57E, uint.MaxValue }.Concat(Enumerable.Range(0, 10_000).Select(_ => (uint)rng.NextInt64(0, 1L << 32))))
                Assert.Equal("0x" + v.ToString("X8", System.Globalization.CultureInfo.InvariantCulture), Hex32.Format(v));
        }
    }
}
