using System;
using System.Globalization;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// Escaping for text that came from a device or a file: every value written into the page goes through here, so a
    /// hostile device name or evidence string is shown as text and never becomes markup.
    /// </summary>
    internal static class Html
    {
        /// <summary>
        /// The text safe in element content and in quoted attribute values (HTML and SVG alike): <c>&amp; &lt; &gt; " '</c>
        /// become references; control characters (other than tab and line breaks), lone surrogates and non-characters
        /// become U+FFFD, so the page stays well-formed.
        /// </summary>
        public static string Escape(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            StringBuilder? sb = null;
            for (int i = 0; i < text!.Length; i++)
            {
                char c = text[i];
                string? replacement = null;
                switch (c)
                {
                    case '&': replacement = "&amp;"; break;
                    case '<': replacement = "&lt;"; break;
                    case '>': replacement = "&gt;"; break;
                    case '"': replacement = "&quot;"; break;
                    case '\'': replacement = "&#39;"; break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            if (sb != null) sb.Append(c).Append(text[i + 1]);
                            i++;
                            continue;
                        }
                        // Control characters are shown as text (\e, \x07…), never passed on; a lone surrogate is replaced.
                        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F))
                            replacement = SpiTools.Devices.UntrustedText.Escape(c);
                        else if (char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                            replacement = "\uFFFD";
                        break;
                }
                if (replacement == null)
                {
                    sb?.Append(c);
                    continue;
                }
                if (sb == null) sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
                sb.Append(replacement);
            }
            return sb?.ToString() ?? text;
        }

        /// <summary>A whole number with thousands separators (<c>4,608,000</c>), culture-free.</summary>
        public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

        /// <summary>A number for display, at most <paramref name="decimals"/> decimals, culture-free.</summary>
        public static string Number(double value, int decimals = 1) =>
            value.ToString("#,0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);

        /// <summary>A coordinate for SVG: at most two decimals, invariant.</summary>
        public static string Coord(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>A time as UTC (<c>2026-11-29 12:31:57 UTC</c>): the same text wherever and however the record travelled.</summary>
        public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

        /// <summary>A duration for people: <c>45 s</c>, <c>12 min 5 s</c>, <c>2 h 3 min</c>.</summary>
        public static string Duration(double seconds)
        {
            if (double.IsNaN(seconds) || seconds < 0) return "";
            if (seconds < 60) return Number(seconds, 1) + " s";
            long s = (long)Math.Round(seconds);
            if (s < 3600) return $"{s / 60} min {s % 60} s";
            return $"{s / 3600} h {s % 3600 / 60} min";
        }
    }
}
