using System.Text;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// The stream line source widens ASCII a block at a time and decodes other lines one by one. Whatever the
    /// mix and however the stream hands out its bytes, each line must be what a plain UTF-8 decode of it gives.
    /// </summary>
    public class LineSourceTests
    {
        private const int MaxLine = 64 * 1024;

        private static readonly byte[][] Pieces =
        {
            Encoding.ASCII.GetBytes("      spi: 0x25A3076D (2711537022)"),
            Encoding.ASCII.GetBytes("#pkts encaps: 0, #pkts encrypt: 0"),
            Encoding.ASCII.GetBytes(" "),
            Encoding.ASCII.GetBytes("\r"),
            Encoding.UTF8.GetBytes("0\u00D70"),          // ×
            Encoding.UTF8.GetBytes("\u00A0"),            // non-breaking space
            Encoding.UTF8.GetBytes("caf\u00E9"),
            Encoding.UTF8.GetBytes("\U0001F512"),        // a surrogate pair
            Encoding.UTF8.GetBytes("\uFFFD"),            // a real replacement character
            new byte[] { 0xFF },                          // invalid
            new byte[] { 0x80, 0x41 },                    // a lone continuation byte
            new byte[] { 0xE2, 0x82 },                    // a sequence cut short
        };

        [Fact]
        public void Lines_are_what_a_plain_decode_gives_whatever_the_read_sizes()
        {
            var rng = new Random(2026);
            for (int round = 0; round < 300; round++)
            {
                var data = new List<byte>();
                if (rng.Next(4) == 0) data.AddRange(new byte[] { 0xEF, 0xBB, 0xBF });
                int lines = rng.Next(0, 60);
                for (int i = 0; i < lines; i++)
                {
                    if (rng.Next(200) == 0)
                    {
                        // A line longer than the limit, ASCII or not.
                        var piece = Pieces[rng.Next(Pieces.Length)];
                        while (data.Count < MaxLine * 2 + 10) data.AddRange(piece);
                    }
                    int parts = rng.Next(0, 8);
                    for (int p = 0; p < parts; p++)
                        data.AddRange(rng.Next(3) == 0 ? Pieces[rng.Next(Pieces.Length)] : Pieces[rng.Next(3)]);
                    if (i < lines - 1 || rng.Next(2) == 0) data.Add((byte)'\n');
                }
                var bytes = data.ToArray();
                var expected = Reference(bytes);
                var actual = Read(new TrickleStream(bytes, rng.Next(1, 5000), rng.Next()));
                Assert.Equal(expected.Count, actual.Count);
                for (int i = 0; i < expected.Count; i++)
                    Assert.True(expected[i] == actual[i], $"round {round}, line {i + 1}: expected {expected[i]}, got {actual[i]}");
            }
        }

        private static List<(string Text, bool Truncated, long FullLength, bool Invalid)> Read(Stream stream)
        {
            var result = new List<(string, bool, long, bool)>();
            using var source = new StreamLineSource(stream, MaxLine, ownsStream: true);
            while (source.TryReadLine(out var line))
                result.Add((line.ToString(), source.LastLineTruncated, source.LastLineFullLength, source.LastLineInvalidEncoding));
            return result;
        }

        private static List<(string Text, bool Truncated, long FullLength, bool Invalid)> Reference(byte[] bytes)
        {
            var utf8 = new UTF8Encoding(false, false);
            var result = new List<(string, bool, long, bool)>();
            int start = 0;
            bool first = true;
            while (start < bytes.Length)
            {
                int nl = Array.IndexOf(bytes, (byte)'\n', start);
                int end = nl < 0 ? bytes.Length : nl;
                long full = end - start;
                bool truncated = full > MaxLine;
                int offset = start, count = truncated ? MaxLine : end - start;
                if (first && count >= 3 && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF)
                {
                    offset += 3;
                    count -= 3;
                }
                first = false;
                var raw = new ReadOnlySpan<byte>(bytes, offset, count);
                string text = utf8.GetString(raw);
                bool invalid = text.Contains('\uFFFD') && raw.IndexOf(new byte[] { 0xEF, 0xBF, 0xBD }) < 0;
                result.Add((text, truncated, full, invalid));
                start = nl < 0 ? bytes.Length : nl + 1;
            }
            return result;
        }

        /// <summary>Hands out its bytes in reads of random sizes up to a maximum, as a pipe or socket does.</summary>
        private sealed class TrickleStream : Stream
        {
            private readonly byte[] _data;
            private readonly int _most;
            private readonly Random _rng;
            private int _pos;

            public TrickleStream(byte[] data, int most, int seed)
            {
                _data = data;
                _most = most;
                _rng = new Random(seed);
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(Math.Min(count, _data.Length - _pos), _rng.Next(1, _most + 1));
                Array.Copy(_data, _pos, buffer, offset, n);
                _pos += n;
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => _data.Length;
            public override long Position { get => _pos; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
