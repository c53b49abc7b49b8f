using System;

namespace SpiTools.Parsing
{
    /// <summary>Allocation-free number parsing on spans (netstandard2.0 has no span overloads).</summary>
    public static class SpanNumber
    {
        /// <summary>Parses an unsigned decimal integer (surrounding white space allowed); false on anything else or overflow.</summary>
        public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
        {
            value = 0;
            text = text.TrimWhiteSpace();
            if (text.Length == 0 || text.Length > 19) return false;
            long v = 0;
            foreach (char c in text)
            {
                uint d = (uint)(c - '0');
                if (d > 9) return false;
                v = v * 10 + d;
                if (v < 0) return false;
            }
            value = v;
            return true;
        }

        /// <summary>Parses an unsigned decimal integer that fits in an <see cref="int"/>.</summary>
        public static bool TryParseInt32(ReadOnlySpan<char> text, out int value)
        {
            if (TryParseInt64(text, out long v) && v <= int.MaxValue)
            {
                value = (int)v;
                return true;
            }
            value = 0;
            return false;
        }
    }
}
