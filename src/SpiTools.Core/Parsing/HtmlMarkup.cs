using System;
using System.Linq;

namespace SpiTools.Parsing
{
    /// <summary>
    /// HTML markup in a line copied from a web page or the source of an HTML mail: tags by name from a fixed set
    /// (<c>&lt;b&gt;</c>, <c>&lt;/strong&gt;</c>, <c>&lt;br/&gt;</c>, <c>&lt;span class="…"&gt;</c>, <c>&lt;pre&gt;</c>, …) and
    /// character references (<c>&amp;gt;</c>, <c>&amp;nbsp;</c>, <c>&amp;#35;</c>, <c>&amp;#x23;</c>). Anything else with
    /// <c>&lt;</c> or <c>&amp;</c> is device text and stays: <c>&lt;none&gt;</c>, <c>&lt;--- More ---&gt;</c>, <c>&lt;166&gt;</c>, <c>R&amp;D</c>.
    /// </summary>
    internal static class HtmlMarkup
    {
        /// <summary>What a tag does to the text around it.</summary>
        internal enum TagKind
        {
            /// <summary>Not a tag SpiTools knows.</summary>
            None,

            /// <summary>Inline formatting (<c>b</c>, <c>span</c>, <c>font</c>, <c>code</c>, …): removed.</summary>
            Inline,

            /// <summary>A table cell (<c>td</c>, <c>th</c>): a space between the texts of two cells.</summary>
            Cell,

            /// <summary>A line break or block (<c>br</c>, <c>p</c>, <c>div</c>, <c>pre</c>, <c>li</c>, <c>tr</c>, …): a new line between two texts.</summary>
            Block,
        }

        private static readonly string[] InlineTags =
        {
            "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s",
            "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var", "wbr",
        };

        private static readonly string[] BlockTags =
        {
            "article", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hr", "html", "li", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
        };

        private static readonly string[] CellTags = { "td", "th" };

        // The names by their first letter, so a word in angle brackets that is no tag (<none>) is rejected at once.
        private static readonly (string Name, TagKind Kind)[][] ByFirstLetter = IndexByFirstLetter();

        /// <summary>Longest tag read (attributes included): a longer one is taken for text.</summary>
        private const int MaxTagLength = 512;

        // Bit n set: some tag's name starts with the letter 'a' + n. ASA's "<none>" is rejected on its 'n'.
        private static readonly int FirstLetters = ByFirstLetter.Select((names, i) => names.Length > 0 ? 1 << i : 0).Aggregate(0, (a, b) => a | b);

        /// <summary>Quick test: the character after a '&lt;' can begin a known tag (a '/' or a tag's first letter).</summary>
        public static bool MayBeginTag(char next)
        {
            if (next == '/') return true;
            uint letter = (uint)((next | 0x20) - 'a');
            return letter <= 'z' - 'a' && (FirstLetters & (1 << (int)letter)) != 0;
        }

        /// <summary>True when the line holds a character that can start markup, so <see cref="Strip"/> may change it.</summary>
        public static bool MayHold(ReadOnlySpan<char> text) => text.IndexOfAny('<', '&') >= 0;

        /// <summary>
        /// A known tag starts at <paramref name="at"/> (<c>&lt;name</c> or <c>&lt;/name</c>, then <c>&gt;</c>, <c>/&gt;</c>, or white space
        /// and attributes up to <c>&gt;</c>, quoted values may hold <c>&gt;</c>); <paramref name="length"/> is its length.
        /// </summary>
        public static TagKind TagAt(ReadOnlySpan<char> text, int at, out int length)
        {
            length = 0;
            int i = at + 1;
            if (i < text.Length && text[i] == '/') i++;
            int nameStart = i;
            while (i < text.Length && i - nameStart <= 10 && IsAsciiLetterOrDigit(text[i])) i++;
            if (i == nameStart || i >= text.Length || !IsAsciiLetter(text[nameStart])) return TagKind.None;
            var kind = KindOf(text.Slice(nameStart, i - nameStart));
            if (kind == TagKind.None) return TagKind.None;
            char c = text[i];
            if (c == '>')
            {
                length = i + 1 - at;
                return kind;
            }
            if (c == '/')
            {
                if (i + 1 < text.Length && text[i + 1] == '>')
                {
                    length = i + 2 - at;
                    return kind;
                }
                return TagKind.None;
            }
            if (c != ' ' && c != '\t') return TagKind.None;
            // Attributes: up to the '>' outside quotes; a '<' before it means this was no tag.
            char quote = '\0';
            int limit = Math.Min(text.Length, at + MaxTagLength);
            for (; i < limit; i++)
            {
                c = text[i];
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0';
                }
                else if (c == '"' || c == '\'') quote = c;
                else if (c == '<') return TagKind.None;
                else if (c == '>')
                {
                    length = i + 1 - at;
                    return kind;
                }
            }
            return TagKind.None;
        }

        /// <summary>
        /// A character reference starts at <paramref name="at"/>: <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>, <c>&amp;quot;</c>,
        /// <c>&amp;apos;</c>, <c>&amp;nbsp;</c> and other spaces, or a decimal or hex number of a printable character.
        /// Gives the character it stands for (spaces of every kind as a plain space) and its length.
        /// </summary>
        public static bool EntityAt(ReadOnlySpan<char> text, int at, out char value, out int length)
        {
            value = '\0';
            length = 0;
            int semi = -1;
            int limit = Math.Min(text.Length, at + 10);
            for (int i = at + 1; i < limit; i++)
            {
                if (text[i] == ';')
                {
                    semi = i;
                    break;
                }
            }
            if (semi < at + 2) return false;
            var name = text.Slice(at + 1, semi - at - 1);
            if (name[0] == '#')
            {
                if (!TryNumber(name.Slice(1), out int code)) return false;
                if (code == 9 || code == 0xA0) value = ' ';
                else if (code >= 0x20 && code < 0xD800 && code != 0x7F) value = (char)code;
                else if (code >= 0xE000 && code <= 0xFFFD) value = (char)code;
                else return false;
            }
            else if (name.EqualsIgnoreCase("amp")) value = '&';
            else if (name.EqualsIgnoreCase("lt")) value = '<';
            else if (name.EqualsIgnoreCase("gt")) value = '>';
            else if (name.EqualsIgnoreCase("quot")) value = '"';
            else if (name.EqualsIgnoreCase("apos")) value = '\'';
            else if (name.EqualsIgnoreCase("nbsp") || name.EqualsIgnoreCase("ensp") || name.EqualsIgnoreCase("emsp") || name.EqualsIgnoreCase("thinsp")) value = ' ';
            else return false;
            length = semi + 1 - at;
            return true;
        }

        /// <summary>
        /// Copies <paramref name="text"/> to <paramref name="output"/> (at least as long) without its tags and with its
        /// character references decoded. A block tag between two texts becomes <c>\n</c> (a run of them one <c>\n</c>), a
        /// cell tag a space; at either end of the line they leave nothing. Returns the length written.
        /// <paramref name="preEnds"/> says a closing <c>&lt;/pre&gt;</c> was among the tags: a preformatted block ends here.
        /// </summary>
        public static int Strip(ReadOnlySpan<char> text, Span<char> output, out bool changed, out bool preEnds)
        {
            changed = false;
            preEnds = false;
            int n = 0;
            bool textSinceBreak = false, pendingBreak = false, pendingSpace = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '<')
                {
                    var kind = TagAt(text, i, out int length);
                    if (kind != TagKind.None)
                    {
                        changed = true;
                        if (kind == TagKind.Block && length >= 6 && text.Slice(i + 1, 4).EqualsIgnoreCase("/pre")) preEnds = true;
                        if (kind == TagKind.Block && textSinceBreak) pendingBreak = true;
                        else if (kind == TagKind.Cell && textSinceBreak) pendingSpace = true;
                        i += length - 1;
                        continue;
                    }
                }
                else if (c == '&' && EntityAt(text, i, out char value, out int length))
                {
                    changed = true;
                    c = value;
                    i += length - 1;
                }
                if (pendingBreak)
                {
                    output[n++] = '\n';
                    textSinceBreak = pendingBreak = pendingSpace = false;
                }
                else if (pendingSpace)
                {
                    output[n++] = ' ';
                    pendingSpace = false;
                }
                output[n++] = c;
                if (c != ' ' && c != '\t' && c != '\r') textSinceBreak = true;
            }
            return n;
        }

        private static TagKind KindOf(ReadOnlySpan<char> name)
        {
            foreach (var (tag, kind) in ByFirstLetter[(name[0] | 0x20) - 'a'])
                if (name.EqualsIgnoreCase(tag)) return kind;
            return TagKind.None;
        }

        private static (string, TagKind)[][] IndexByFirstLetter()
        {
            var all = InlineTags.Select(t => (t, TagKind.Inline)).Concat(BlockTags.Select(t => (t, TagKind.Block))).Concat(CellTags.Select(t => (t, TagKind.Cell)));
            return Enumerable.Range(0, 26).Select(i => all.Where(t => t.t[0] == 'a' + i).ToArray()).ToArray();
        }

        private static bool TryNumber(ReadOnlySpan<char> digits, out int code)
        {
            code = 0;
            bool hex = digits.Length > 1 && (digits[0] == 'x' || digits[0] == 'X');
            if (hex) digits = digits.Slice(1);
            if (digits.IsEmpty || digits.Length > (hex ? 6 : 7)) return false;
            foreach (char d in digits)
            {
                int v = hex ? Hex32.HexDigit(d) : (d >= '0' && d <= '9' ? d - '0' : -1);
                if (v < 0) return false;
                code = code * (hex ? 16 : 10) + v;
            }
            return true;
        }

        private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

        private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (uint)(c - '0') <= 9;
    }
}
