using System;
using System.Globalization;

namespace SpiTools.Parsing
{
    /// <summary>Small readers shared by the far-end parsers: durations, numbers before a word, <c>addr[port]</c>.</summary>
    internal static class FarEndText
    {
        /// <summary>
        /// <c>62 seconds</c>, <c>9 minutes</c>, <c>2 hours</c>, <c>175 days</c>, <c>1939s</c>: seconds (the units stroke
        /// prints are rounded, so is the value).
        /// </summary>
        public static long? Seconds(string text)
        {
            text = text.Trim();
            int i = 0;
            while (i < text.Length && char.IsDigit(text[i])) i++;
            if (i == 0 || !long.TryParse(text.Substring(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return null;
            var unit = text.Substring(i).Trim();
            if (unit.Length == 0 || unit == "s" || unit.StartsWith("second", StringComparison.Ordinal)) return n;
            if (unit.StartsWith("minute", StringComparison.Ordinal) || unit == "m") return n * 60;
            if (unit.StartsWith("hour", StringComparison.Ordinal) || unit == "h") return n * 3600;
            if (unit.StartsWith("day", StringComparison.Ordinal) || unit == "d") return n * 86400;
            return null;
        }

        /// <summary>The duration after <paramref name="key"/> (<c>rekeying in 1380s</c>), up to a comma; null when absent.</summary>
        public static long? SecondsAfter(string text, string key)
        {
            int at = text.IndexOf(key, StringComparison.Ordinal);
            if (at < 0) return null;
            var rest = text.Substring(at + key.Length);
            int comma = rest.IndexOf(',');
            if (comma >= 0) rest = rest.Substring(0, comma);
            int paren = rest.IndexOf(')');
            if (paren >= 0) rest = rest.Substring(0, paren);
            int ago = rest.IndexOf(" ago", StringComparison.Ordinal);
            if (ago >= 0) rest = rest.Substring(0, ago);
            return Seconds(rest);
        }

        /// <summary>The number just before <paramref name="word"/> (<c>95928 bytes</c>); null when absent.</summary>
        public static long? NumberBefore(string text, string word)
        {
            int at = text.IndexOf(word, StringComparison.Ordinal);
            if (at <= 0) return null;
            int end = at;
            while (end > 0 && text[end - 1] == ' ') end--;
            int start = end;
            while (start > 0 && char.IsDigit(text[start - 1])) start--;
            if (start == end) return null;
            return long.TryParse(text.Substring(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : (long?)null;
        }

        /// <summary><c>192.168.0.1[500]</c> or <c>10.0.0.1:4500</c> or a bare address: the address and the port.</summary>
        public static (string Address, int? Port) Endpoint(string text)
        {
            text = text.Trim();
            int b = text.IndexOf('[');
            if (b > 0)
            {
                int e = text.IndexOf(']', b);
                var inner = e > b ? text.Substring(b + 1, e - b - 1) : "";
                return (text.Substring(0, b), int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : (int?)null);
            }
            int colon = text.LastIndexOf(':');
            if (colon > 0 && text.IndexOf(':') == colon &&
                int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                return (text.Substring(0, colon), port);
            return (text, null);
        }
    }
}
