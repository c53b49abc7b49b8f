using System;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Session keys some systems print beside their SAs (FortiOS <c>diagnose vpn tunnel list</c>:
    /// <c>dec: spi=24c2ab68 esp=aes key=16 3de80d9e…</c>, <c>ah=sha1 key=20 f05476e4…</c>; <c>get vpn ipsec tunnel details</c>:
    /// <c>enc:  aes  3de80d9e…</c>). No record keeps them, and no diagnostic repeats them: <see cref="Redact"/> runs on
    /// every line a diagnostic quotes.
    /// </summary>
    internal static class KeyMaterial
    {
        /// <summary>What stands for a key in quoted text.</summary>
        public const string Placeholder = "<key not shown>";

        /// <summary>Shortest hex run taken for a key after <c>key=N</c> or an algorithm name.</summary>
        private const int MinKeyAfterLabel = 8;

        /// <summary>Shortest hex run taken for a key anywhere in a quoted line.</summary>
        private const int MinKeyAnywhere = 32;

        /// <summary>True when the line shows a key: a hex run after <c>key=N</c> (N &gt; 0), or a long hex run anywhere.</summary>
        public static bool Shows(ReadOnlySpan<char> line) => Find(line, 0, out _, out _);

        /// <summary>The line with every key replaced by <see cref="Placeholder"/> (the line itself when it shows none).</summary>
        public static string Redact(ReadOnlySpan<char> line)
        {
            if (!Find(line, 0, out int start, out int length)) return line.ToString();
            var sb = new StringBuilder(line.Length);
            int from = 0;
            do
            {
                sb.Append(line.Slice(from, start - from).ToString()).Append(Placeholder);
                from = start + length;
            }
            while (Find(line, from, out start, out length));
            sb.Append(line.Slice(from).ToString());
            return sb.ToString();
        }

        /// <summary>The next key at or after <paramref name="from"/>: a hex token long enough for where it stands.</summary>
        private static bool Find(ReadOnlySpan<char> line, int from, out int start, out int length)
        {
            start = length = 0;
            int i = from;
            while (i < line.Length)
            {
                while (i < line.Length && line[i] == ' ') i++;
                int tokenStart = i;
                while (i < line.Length && line[i] != ' ') i++;
                int tokenLength = i - tokenStart;
                if (tokenLength < MinKeyAfterLabel || !IsHex(line.Slice(tokenStart, tokenLength))) continue;
                if (tokenLength >= MinKeyAnywhere || AfterKeyLabel(line, tokenStart))
                {
                    start = tokenStart;
                    length = tokenLength;
                    return true;
                }
            }
            return false;
        }

        /// <summary>The token before is <c>key=N</c> with N &gt; 0, or the line is an <c>enc:</c> / <c>auth:</c> line of a tunnel's details.</summary>
        private static bool AfterKeyLabel(ReadOnlySpan<char> line, int tokenStart)
        {
            var before = line.Slice(0, tokenStart).TrimWhiteSpace();
            int sp = before.LastIndexOf(' ');
            var previous = sp < 0 ? before : before.Slice(sp + 1);
            if (previous.StartsWith("key=".AsSpan(), StringComparison.Ordinal))
                return SpanNumber.TryParseInt32(previous.Slice(4), out int n) && n > 0;
            var t = line.TrimWhiteSpace();
            return t.StartsWith("enc:".AsSpan(), StringComparison.Ordinal) || t.StartsWith("auth:".AsSpan(), StringComparison.Ordinal);
        }

        private static bool IsHex(ReadOnlySpan<char> token)
        {
            foreach (char c in token)
                if (Hex32.HexDigit(c) < 0) return false;
            return true;
        }
    }
}
