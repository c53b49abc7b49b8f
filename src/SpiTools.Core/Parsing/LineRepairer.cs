using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Repairs the damage that is the same for every output: what a terminal would have shown for carriage
    /// returns and backspaces, pager prompts (<c>&lt;--- More ---&gt;</c>, <c> --More-- </c>), control characters,
    /// non-breaking and other Unicode spaces, <c>×</c> typed for the <c>x</c> of <c>0x</c>, markdown bold markers
    /// (a <c>*</c> becomes a space, since it often marks where two lines were joined) and backslash escapes,
    /// <c>- </c> list prefixes, and HTML tags and character references (see <see cref="HtmlMarkup"/>). A line with nothing
    /// suspicious is not copied.
    /// </summary>
    internal sealed class LineRepairer
    {
        private char[] _buf = new char[256];
        private char[] _screen = new char[256];
        private char[] _html = new char[256];

        /// <summary>Repairs <paramref name="raw"/>; returns the repaired line (untrimmed) and what was repaired.</summary>
        public ReadOnlySpan<char> Repair(ReadOnlySpan<char> raw, out LineDamage damage)
        {
            damage = LineDamage.None;
            return NeedsRepair(raw) ? RepairCore(raw, out damage) : raw;
        }

        /// <summary>The repair itself, for a line <see cref="NeedsRepair"/> picked (tests run it on any line).</summary>
        internal ReadOnlySpan<char> RepairCore(ReadOnlySpan<char> raw, out LineDamage damage)
        {
            damage = LineDamage.None;
            var text = raw;
            if (HtmlMarkup.MayHold(text))
            {
                // Markup is the outermost layer (put around the text last): removed first, so an escaped pager prompt
                // (&lt;--- More ---&gt;) is then read as one.
                if (_html.Length < text.Length) _html = new char[Math.Max(text.Length, _html.Length * 2)];
                int length = HtmlMarkup.Strip(text, _html, out bool changed, out bool preEnds);
                if (changed)
                {
                    damage |= LineDamage.HtmlMarkup;
                    if (preEnds) damage |= LineDamage.HtmlBlockEnd;
                    text = new ReadOnlySpan<char>(_html, 0, length);
                    if (text.IndexOf('\n') >= 0) damage |= LineDamage.HtmlLineBreak;
                }
            }
            if (text.IndexOf('\r') >= 0 || text.IndexOf('\b') >= 0)
            {
                int width = EmulateTerminal(text, ref damage);
                text = new ReadOnlySpan<char>(_screen, 0, width);
            }

            EnsureCapacity(text.Length);
            var buf = _buf;
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '\t':
                        buf[n++] = ' ';
                        break;
                    case '\n':
                        buf[n++] = c; // only from an HTML line break: a line read never holds one
                        break;
                    case '*':
                        if (IsClockMarker(text, i) || IsIkeSpiMarker(text, i))
                        {
                            buf[n++] = c; // IOS "*Mar  1 00:01:02.345:": the clock is not synchronised; strongSwan "…_i*": the local IKE SPI; not markdown
                            break;
                        }
                        damage |= LineDamage.MarkdownMarkup;
                        buf[n++] = ' ';
                        break;
                    case '\\':
                        if (i + 1 < text.Length && IsMarkdownEscapable(text[i + 1]))
                        {
                            damage |= LineDamage.MarkdownMarkup;
                            break; // drop the backslash, keep the next character
                        }
                        buf[n++] = c;
                        break;
                    case '\u00D7': // multiplication sign typed for the x of 0x
                        if (n > 0 && buf[n - 1] == '0' && (i + 1 >= text.Length || Hex32.HexDigit(text[i + 1]) >= 0))
                        {
                            damage |= LineDamage.TypographicCharacter;
                            buf[n++] = 'x';
                        }
                        else
                        {
                            buf[n++] = c;
                        }
                        break;
                    case '\u00A0':
                    case '\u2007':
                    case '\u202F':
                    case '\u3000':
                        damage |= LineDamage.NonBreakingSpace;
                        buf[n++] = ' ';
                        break;
                    case '\uFEFF':
                    case '\u200B':
                        damage |= LineDamage.NonBreakingSpace;
                        break;
                    default:
                        if (c < ' ' || c == '\u007F')
                        {
                            damage |= LineDamage.ControlCharacters;
                        }
                        else if (c >= '\u2000' && c <= '\u200A')
                        {
                            damage |= LineDamage.NonBreakingSpace;
                            buf[n++] = ' ';
                        }
                        else
                        {
                            buf[n++] = c;
                        }
                        break;
                }
            }

            var result = new Span<char>(buf, 0, n);
            n = RemovePagerPrompts(result, ref damage);
            n = RemoveListPrefix(new Span<char>(buf, 0, n), ref damage);
            return new ReadOnlySpan<char>(buf, 0, n);
        }

        private static readonly string[] MonthNames = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>
        /// True for the '*' IOS puts before a log line's time when its clock is not synchronised: at the start of the line
        /// (after spaces and an optional sequence number <c>000123: </c>) and followed by a month name and a space.
        /// </summary>
        /// <summary>
        /// strongSwan marks the IKE SPI of its own end with a star: <c>43cc5f77aa48bbc1_i* 9748fb98f4d0ba94_r</c>
        /// (<c>ipsec statusall</c>, <c>swanctl --list-sas</c>): a hex digit, <c>_i</c> or <c>_r</c>, then the star at a word's end.
        /// </summary>
        internal static bool IsIkeSpiMarker(ReadOnlySpan<char> text, int at) =>
            at >= 3 && (text[at - 1] == 'i' || text[at - 1] == 'r') && text[at - 2] == '_' && Hex32.HexDigit(text[at - 3]) >= 0 &&
            (at + 1 == text.Length || text[at + 1] == ' ' || text[at + 1] == ',');

        internal static bool IsClockMarker(ReadOnlySpan<char> text, int at)
        {
            if (at + 4 >= text.Length || text[at + 4] != ' ') return false;
            int i = 0;
            while (i < at && text[i] == ' ') i++;
            if (i < at)
            {
                int d = i;
                while (d < at && (uint)(text[d] - '0') <= 9) d++;
                if (d == i || d + 2 != at || text[d] != ':' || text[d + 1] != ' ') return false;
            }
            var month = text.Slice(at + 1, 3);
            foreach (var m in MonthNames)
                if (month.Equals(m.AsSpan(), StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>Leading spaces of a repaired line.</summary>
        public static int IndentOf(ReadOnlySpan<char> text)
        {
            int i = 0;
            while (i < text.Length && text[i] == ' ') i++;
            return i;
        }

#if NET8_0_OR_GREATER
        // Everything outside printable ASCII, plus the markers of markdown, pagers and HTML.
        private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create(
            " !\"#$%'()+,./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");
#endif

        /// <summary>Quick test, true for every line the repair would change (and for some it would not).</summary>
        internal static bool NeedsRepair(ReadOnlySpan<char> raw)
        {
#if NET8_0_OR_GREATER
            // Vectorised: find the first character that is not plain printable ASCII (or is '*', '\\', '-', '<', '&').
            int at = raw.IndexOfAnyExcept(Plain);
            while (at >= 0)
            {
                char c = raw[at];
                if (c != '-' && c != '<' && c != '&') return true;
                if (c != '&' && at + 1 < raw.Length && raw[at + 1] == '-') return true; // " --More-- ", "<--- More --->"
                // "- " list prefix: the search stops at its '-' too.
                if (c == '-' && at + 1 < raw.Length && raw[at + 1] == ' ' && IndentOf(raw) == at) return true;
                if (c == '&' ? IsMarkupAt(raw, at) : c == '<' && at + 1 < raw.Length && HtmlMarkup.MayBeginTag(raw[at + 1]) && IsMarkupAt(raw, at)) return true;
                var rest = raw.Slice(at + 1);
                int next = rest.IndexOfAnyExcept(Plain);
                at = next < 0 ? -1 : at + 1 + next;
            }
            return false;
#else
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c < ' ' || c > '~' || c == '*' || c == '\\') return true;
                if (c == '-' && i + 1 < raw.Length && raw[i + 1] == '-') return true; // " --More-- "
                if (c == '<' && i + 1 < raw.Length && raw[i + 1] == '-') return true; // "<--- More --->"
                if ((c == '<' || c == '&') && IsMarkupAt(raw, i)) return true;
            }
            // "- " list prefix
            int j = 0;
            while (j < raw.Length && raw[j] == ' ') j++;
            return j + 1 < raw.Length && raw[j] == '-' && raw[j + 1] == ' ';
#endif
        }

        /// <summary>A known HTML tag or character reference starts at <paramref name="at"/> (kept out of the quick test's loop: rare).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static bool IsMarkupAt(ReadOnlySpan<char> raw, int at) =>
            raw[at] == '<' ? HtmlMarkup.TagAt(raw, at, out _) != HtmlMarkup.TagKind.None : HtmlMarkup.EntityAt(raw, at, out _, out _);

        private static bool IsMarkdownEscapable(char c) =>
            c == '_' || c == '*' || c == '#' || c == '[' || c == ']' || c == '(' || c == ')' || c == '<' || c == '>' ||
            c == '`' || c == '!' || c == '-' || c == '.' || c == '+' || c == '|' || c == '{' || c == '}' || c == '\\';

        /// <summary>What a terminal shows: <c>\r</c> returns to column 0, <c>\b</c> moves one column left, text overwrites.</summary>
        private int EmulateTerminal(ReadOnlySpan<char> text, ref LineDamage damage)
        {
            if (_screen.Length < text.Length) _screen = new char[Math.Max(text.Length, _screen.Length * 2)];
            var screen = _screen;
            int col = 0, width = 0;
            bool crOnlyAtEdges = true;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r')
                {
                    damage |= LineDamage.CarriageReturn;
                    if (i != 0 && i != text.Length - 1 && !(i == text.Length - 2 && text[i + 1] == '\r')) crOnlyAtEdges = false;
                    col = 0;
                }
                else if (c == '\b')
                {
                    damage |= LineDamage.PagerResidue;
                    if (col > 0) col--;
                }
                else
                {
                    screen[col++] = c;
                    if (col > width) width = col;
                }
            }
            // A carriage return inside the line overwrote text: what was erased is pager residue.
            if (!crOnlyAtEdges) damage |= LineDamage.PagerResidue;
            return width;
        }

        private static int RemovePagerPrompts(Span<char> text, ref LineDamage damage)
        {
            int n = text.Length;
            n = RemoveToken(text, n, "<--- More --->".AsSpan(), ref damage);
            n = RemoveToken(text, n, "--More--".AsSpan(), ref damage);
            return n;
        }

        private static int RemoveToken(Span<char> text, int n, ReadOnlySpan<char> token, ref LineDamage damage)
        {
            while (true)
            {
                int at = ((ReadOnlySpan<char>)text.Slice(0, n)).IndexOf(token, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return n;
                damage |= LineDamage.PagerResidue;
                int after = at + token.Length;
                text.Slice(after, n - after).CopyTo(text.Slice(at));
                n -= token.Length;
            }
        }

        private static int RemoveListPrefix(Span<char> text, ref LineDamage damage)
        {
            int j = 0;
            while (j < text.Length && text[j] == ' ') j++;
            if (j + 1 < text.Length && text[j] == '-' && text[j + 1] == ' ')
            {
                damage |= LineDamage.ListPrefix;
                text[j] = ' ';
            }
            return text.Length;
        }

        private void EnsureCapacity(int length)
        {
            if (_buf.Length < length) _buf = new char[Math.Max(length, _buf.Length * 2)];
        }
    }
}
