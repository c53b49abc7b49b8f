using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Small, linear-time finders for the fields of log messages (the core uses no regular expressions: hostile input
    /// must not be able to make a line slow).
    /// </summary>
    internal static class TextScan
    {
        /// <summary>The index just after the first <paramref name="marker"/> (ASCII case-insensitive when asked), or -1.</summary>
        public static int After(string text, string marker, bool ignoreCase = false, int from = 0)
        {
            if (from > text.Length) return -1;
            int i = text.IndexOf(marker, from, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            return i < 0 ? -1 : i + marker.Length;
        }

        /// <summary>The decimal digits starting at <paramref name="i"/> (after spaces), or null.</summary>
        public static string? Digits(string text, int i)
        {
            if (i < 0) return null;
            while (i < text.Length && text[i] == ' ') i++;
            int start = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            return i > start && i - start <= 19 ? text.Substring(start, i - start) : null;
        }

        /// <summary>The digits after <paramref name="marker"/>, or null.</summary>
        public static string? DigitsAfter(string text, string marker, bool ignoreCase = false) => Digits(text, After(text, marker, ignoreCase));

        /// <summary>An address (hex digits, dots, colons) starting at <paramref name="i"/> after spaces, or null.</summary>
        public static string? Address(string text, int i)
        {
            if (i < 0) return null;
            while (i < text.Length && text[i] == ' ') i++;
            int start = i;
            while (i < text.Length && (Uri.IsHexDigit(text[i]) || text[i] == '.' || text[i] == ':')) i++;
            if (i - start < 2) return null;
            var a = text.Substring(start, i - start).TrimEnd('.', ':');
            int dots = 0, colons = 0;
            foreach (char c in a) { if (c == '.') dots++; else if (c == ':') colons++; }
            return dots == 3 || colons >= 2 ? a : null;
        }

        /// <summary>An <c>address:port</c> without its port (the part after the last colon), IPv4 or IPv6 alike.</summary>
        public static string WithoutPort(string addressAndPort)
        {
            int colon = addressAndPort.LastIndexOf(':');
            return colon > 0 ? addressAndPort.Substring(0, colon) : addressAndPort;
        }

        /// <summary>The address after <paramref name="marker"/>, or null.</summary>
        public static string? AddressAfter(string text, string marker, bool ignoreCase = false) => Address(text, After(text, marker, ignoreCase));

        /// <summary>A word (up to a space, comma, bracket or end) starting at <paramref name="i"/> after spaces, or null.</summary>
        public static string? Word(string text, int i)
        {
            if (i < 0) return null;
            while (i < text.Length && text[i] == ' ') i++;
            int start = i;
            while (i < text.Length && text[i] != ' ' && text[i] != ',' && text[i] != ')' && text[i] != ']' && text[i] != ';') i++;
            return i > start ? text.Substring(start, i - start) : null;
        }

        /// <summary>
        /// The first SPI written <c>SPI:0x…</c>, <c>SPI= 0x…</c>, <c>spi 0x…</c>, <c>sa_spi= 0x…</c> or <c>spi=0x…</c> (the word
        /// "spi" not preceded by a letter), normalised to <c>0x</c> and 8 upper-case digits; null when there is none.
        /// </summary>
        public static string? Spi(string text) => HexAfterWord(text, "spi");

        /// <summary>The 32-bit hex value written after <paramref name="word"/> and an optional ':' or '='.</summary>
        public static string? HexAfterWord(string text, string word)
        {
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return null;
                from = at + word.Length;
                if (at > 0 && char.IsLetter(text[at - 1])) continue;
                int i = from;
                while (i < text.Length && text[i] == ' ') i++;
                if (i < text.Length && (text[i] == ':' || text[i] == '=')) i++;
                while (i < text.Length && text[i] == ' ') i++;
                if (i + 2 >= text.Length || text[i] != '0' || (text[i + 1] != 'x' && text[i + 1] != 'X')) continue;
                int d = i + 2;
                while (d < text.Length && Uri.IsHexDigit(text[d])) d++;
                if (d - i - 2 < 1 || d - i - 2 > 8 || (d < text.Length && char.IsLetterOrDigit(text[d]))) continue;
                if (Hex32.TryParse(text.AsSpan(i, d - i), out uint v)) return Hex32.Format(v);
            }
        }

        /// <summary>The value of <c>key=value</c> / <c>key= value</c> (up to a comma or space), or null.</summary>
        public static string? KeyValue(string text, string key)
        {
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(key, from, StringComparison.Ordinal);
                if (at < 0) return null;
                from = at + key.Length;
                if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_')) continue;
                int i = from;
                while (i < text.Length && text[i] == ' ') i++;
                if (i >= text.Length || text[i] != '=') continue;
                return Word(text, i + 1);
            }
        }

        /// <summary>Runs of white space as one space.</summary>
        public static string CollapseSpaces(string text)
        {
            var sb = new System.Text.StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c)) { space = true; continue; }
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
