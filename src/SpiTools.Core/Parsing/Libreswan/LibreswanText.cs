using System;
using System.Globalization;

namespace SpiTools.Parsing
{
    /// <summary>What libreswan's outputs share: the <c>000 </c> / <c>006 </c> status prefix, state lines <c>#2: "conn"…</c>, byte counts.</summary>
    internal static class LibreswanText
    {
        /// <summary>The line without a leading three-digit whack status code (<c>000 </c>, <c>006 </c>); <paramref name="prefixed"/> says whether it had one.</summary>
        public static ReadOnlySpan<char> Unprefixed(ReadOnlySpan<char> t, out bool prefixed)
        {
            prefixed = t.Length >= 3 && IsDigit(t[0]) && IsDigit(t[1]) && IsDigit(t[2]) && (t.Length == 3 || t[3] == ' ');
            return prefixed ? t.Slice(3).TrimWhiteSpace() : t;
        }

        private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

        /// <summary><c>#12: "name"…</c>: a state's line.</summary>
        public static bool IsStateLine(ReadOnlySpan<char> t)
        {
            if (t.Length < 5 || t[0] != '#') return false;
            int i = 1;
            while (i < t.Length && IsDigit(t[i])) i++;
            return i > 1 && i + 2 < t.Length && t[i] == ':' && t[i + 1] == ' ' && t[i + 2] == '"';
        }

        /// <summary><c>336B</c>, <c>2KB</c>, <c>84</c>: bytes (a trailing <c>!</c> is ignored).</summary>
        public static long? Bytes(string text)
        {
            text = text.TrimEnd('!', ',', ';');
            long mult = 1;
            if (text.EndsWith("KB", StringComparison.Ordinal)) { mult = 1024; text = text.Substring(0, text.Length - 2); }
            else if (text.EndsWith("MB", StringComparison.Ordinal)) { mult = 1024 * 1024; text = text.Substring(0, text.Length - 2); }
            else if (text.EndsWith("GB", StringComparison.Ordinal)) { mult = 1024L * 1024 * 1024; text = text.Substring(0, text.Length - 2); }
            else if (text.EndsWith("B", StringComparison.Ordinal)) text = text.Substring(0, text.Length - 1);
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n * mult : (long?)null;
        }
    }
}
