using System.Globalization;
using System.Text;

namespace SpiTools.Devices
{
    /// <summary>
    /// Text from a device or from a server not yet authenticated (a banner, a prompt, an error line, key-exchange
    /// names, an SSH library's error text) made harmless before it reaches a console, an error message or the report:
    /// every control character is shown as text instead of acting on the terminal. <c>ESC</c> becomes <c>\e</c>, a line
    /// break <c>\n</c> / <c>\r</c>, a tab <c>\t</c>, any other C0 or C1 control and <c>DEL</c> <c>\xNN</c>, and the
    /// Unicode direction overrides and isolates (which reorder what a reader sees) <c>\u202E</c> and the like.
    /// Everything else is kept as it is.
    /// </summary>
    public static class UntrustedText
    {
        /// <summary>The text with every control character shown visibly; null stays null.</summary>
        public static string? Visible(string? text)
        {
            if (text is null) return null;
            int i = 0;
            while (i < text.Length && Escape(text[i]) is null) i++;
            if (i == text.Length) return text;
            var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                var escaped = Escape(text[i]);
                if (escaped is null) sb.Append(text[i]);
                else sb.Append(escaped);
            }
            return sb.ToString();
        }

        /// <summary>The visible form of one character, or null when it is shown as it is.</summary>
        public static string? Escape(char c)
        {
            switch (c)
            {
                case '\x1b': return "\\e";
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\t': return "\\t";
            }
            if (c < ' ' || c == '\x7f' || (c >= '\x80' && c < '\xa0'))
                return "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture);
            if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c')
                return "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            return null;
        }
    }
}
