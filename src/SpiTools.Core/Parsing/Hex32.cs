using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// SPIs and context handles are 32-bit values. They are compared as numbers and written as <c>0x</c> and
    /// 8 upper-case hex digits: <c>0x50304C8</c> is <c>0x050304C8</c>, <c>user_data=0x2d2ea0a4</c> is <c>0x2D2EA0A4</c>.
    /// </summary>
    public static class Hex32
    {
        /// <summary>Parses <c>0x…</c>, <c>0X…</c> or bare hex (ASA's <c>current outbound spi: A19EC57E</c>), 1 to 8 digits.</summary>
        public static bool TryParse(ReadOnlySpan<char> text, out uint value)
        {
            value = 0;
            text = text.TrimWhiteSpace();
            if (text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X' || text[1] == '\u00D7'))
                text = text.Slice(2);
            if (text.Length == 0) return false;
            // Leading zeros beyond 8 digits are allowed; significant digits are not.
            int start = 0;
            while (start < text.Length - 1 && text[start] == '0') start++;
            if (text.Length - start > 8) return false;
            uint v = 0;
            for (int i = start; i < text.Length; i++)
            {
                int d = HexDigit(text[i]);
                if (d < 0) return false;
                v = (v << 4) | (uint)d;
            }
            value = v;
            return true;
        }

        /// <summary>Writes a value as <c>0x</c> and 8 upper-case hex digits.</summary>
        public static string Format(uint value)
        {
#if NET8_0_OR_GREATER
            return string.Create(10, value, static (chars, v) => Write(chars, v));
#else
            var chars = new char[10];
            Write(chars, value);
            return new string(chars);
#endif
        }

        private static void Write(Span<char> chars, uint value)
        {
            const string digits = "0123456789ABCDEF";
            chars[0] = '0';
            chars[1] = 'x';
            for (int i = 9; i >= 2; i--)
            {
                chars[i] = digits[(int)(value & 0xF)];
                value >>= 4;
            }
        }

        /// <summary>Normalises a hex text; null when it is not a 32-bit hex value.</summary>
        public static string? Normalize(ReadOnlySpan<char> text) => TryParse(text, out var v) ? Format(v) : null;

        /// <summary>Value of a hex digit, or -1.</summary>
        public static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
