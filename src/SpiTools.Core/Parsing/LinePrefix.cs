using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A prefix read at the start of one line. A prefix alone proves nothing (a device line may start with a number);
    /// <see cref="LinePrefixBlock"/> decides from the lines around it.
    /// </summary>
    internal readonly struct LinePrefix
    {
        public LinePrefix(LinePrefixKind kind, int length, long number, char mark, bool bare)
        {
            Kind = kind;
            Length = length;
            Number = number;
            Mark = mark;
            Bare = bare;
        }

        public LinePrefixKind Kind { get; }

        /// <summary>Characters of the prefix, including the one space that separates it from the line.</summary>
        public int Length { get; }

        /// <summary>The line number (<see cref="LinePrefixKind.Number"/>).</summary>
        public long Number { get; }

        /// <summary>The separator after a number (<c>.</c>, <c>:</c>, <c>|</c>, tab or space), or the marker character.</summary>
        public char Mark { get; }

        /// <summary>Nothing but white space after the prefix: a numbered or quoted blank line.</summary>
        public bool Bare { get; }

        private const int MaxIndent = 8;

        /// <summary>Cheap test, for a line whose leading spaces are counted already: its first character after them can start a prefix (what <see cref="TryRead"/> looks at first).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static bool MayStartAt(ReadOnlySpan<char> line, int indent)
        {
            if (indent > MaxIndent || indent >= line.Length) return false;
            char c = line[indent];
            return (uint)(c - '0') <= 9 || c == '>' || c == '|' || c == '[';
        }

        /// <summary>Reads a prefix shape at the start of <paramref name="line"/>.</summary>
        public static bool TryRead(ReadOnlySpan<char> line, out LinePrefix prefix)
        {
            prefix = default;
            int i = 0;
            while (i < line.Length && i <= MaxIndent && line[i] == ' ') i++;
            if (i >= line.Length) return false;
            char c = line[i];
            if (c == '>' || c == '|') return TryMarker(line, i, c, out prefix);
            if (c == '[') return TryBracketedTime(line, i, out prefix);
            if ((uint)(c - '0') > 9) return false;
            int end = TimeEnd(line, i);
            if (end > 0) return Finish(line, LinePrefixKind.Timestamp, end, 0, '\0', out prefix);
            return TryNumber(line, i, out prefix);
        }

        private static bool TryMarker(ReadOnlySpan<char> line, int i, char mark, out LinePrefix prefix)
        {
            while (i < line.Length && line[i] == mark)
            {
                i++;
                if (i + 1 < line.Length && line[i] == ' ' && line[i + 1] == mark) i++;
            }
            if (i < line.Length && line[i] == ' ') i++;
            return Finish(line, LinePrefixKind.Marker, i, 0, mark, out prefix);
        }

        private static bool TryNumber(ReadOnlySpan<char> line, int i, out LinePrefix prefix)
        {
            prefix = default;
            int start = i;
            long number = 0;
            while (i < line.Length && (uint)(line[i] - '0') <= 9 && i - start < 7)
            {
                number = number * 10 + (line[i] - '0');
                i++;
            }
            if (i < line.Length && (uint)(line[i] - '0') <= 9) return false;
            if (i >= line.Length) return Finish(line, LinePrefixKind.Number, i, number, '\0', out prefix);
            char c = line[i];
            switch (c)
            {
                case '.':
                case '|':
                    i++;
                    break;
                case ':':
                    // "10:11" is a time, "fe80::1" an address: the separator is followed by neither.
                    if (i + 1 < line.Length && ((uint)(line[i + 1] - '0') <= 9 || line[i + 1] == ':')) return false;
                    i++;
                    break;
                case '\t':
                    return Finish(line, LinePrefixKind.Number, i + 1, number, c, out prefix);
                case '\r':
                    return Finish(line, LinePrefixKind.Number, i, number, '\0', out prefix);
                case ' ':
                    {
                        int k = i;
                        while (k < line.Length && line[k] == ' ') k++;
                        if (k < line.Length && line[k] == '|')
                        {
                            c = '|';
                            i = k + 1;
                            break;
                        }
                        return Finish(line, LinePrefixKind.Number, i + 1, number, ' ', out prefix);
                    }
                default:
                    return false;
            }
            if (i < line.Length && line[i] == ' ') i++;
            return Finish(line, LinePrefixKind.Number, i, number, c, out prefix);
        }

        /// <summary>
        /// End (after one space) of <c>2024-05-01 10:11:12</c>, <c>2024-05-01T10:11:12.123Z</c>, <c>10:11:12</c> or
        /// <c>10:11:12,123</c> at <paramref name="i"/>, followed by a space or the end of the line; 0 when there is none.
        /// </summary>
        private static int TimeEnd(ReadOnlySpan<char> line, int i)
        {
            int j = i;
            if (Digits(line, j, 4) && At(line, j + 4, '-') && Digits(line, j + 5, 2) && At(line, j + 7, '-') && Digits(line, j + 8, 2)
                && (At(line, j + 10, ' ') || At(line, j + 10, 'T')))
                j += 11;
            if (!(Digits(line, j, 2) && At(line, j + 2, ':') && Digits(line, j + 3, 2) && At(line, j + 5, ':') && Digits(line, j + 6, 2))) return 0;
            j += 8;
            if ((At(line, j, '.') || At(line, j, ',')) && j + 1 < line.Length && (uint)(line[j + 1] - '0') <= 9)
            {
                j++;
                while (j < line.Length && (uint)(line[j] - '0') <= 9) j++;
            }
            if (At(line, j, 'Z')) j++;
            else if ((At(line, j, '+') || At(line, j, '-')) && Digits(line, j + 1, 2))
            {
                j += 3;
                if (At(line, j, ':')) j++;
                if (Digits(line, j, 2)) j += 2;
            }
            if (j == line.Length || line[j] == '\r') return j;
            return line[j] == ' ' ? j + 1 : 0;
        }

        /// <summary><c>[…]</c> holding a time <c>hh:mm:ss</c> and only date and time characters (letters for day and month names).</summary>
        private static bool TryBracketedTime(ReadOnlySpan<char> line, int i, out LinePrefix prefix)
        {
            prefix = default;
            int close = -1;
            bool time = false;
            for (int j = i + 1; j < line.Length && j - i <= 40; j++)
            {
                char c = line[j];
                if (c == ']')
                {
                    close = j;
                    break;
                }
                if (!((uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == ':' || c == '.' || c == '-' || c == '/' || c == ' ' || c == ',' || c == '+'))
                    return false;
                if (!time && Digits(line, j, 2) && At(line, j + 2, ':') && Digits(line, j + 3, 2) && At(line, j + 5, ':') && Digits(line, j + 6, 2)) time = true;
            }
            if (close < 0 || !time) return false;
            int end = close + 1;
            if (end < line.Length)
            {
                if (line[end] == ' ') end++;
                else if (line[end] != '\r') return false;
            }
            return Finish(line, LinePrefixKind.Timestamp, end, 0, '\0', out prefix);
        }

        private static bool Finish(ReadOnlySpan<char> line, LinePrefixKind kind, int length, long number, char mark, out LinePrefix prefix)
        {
            bool bare = line.Slice(length).TrimWhiteSpace().IsEmpty;
            prefix = new LinePrefix(kind, length, number, mark, bare);
            return true;
        }

        private static bool At(ReadOnlySpan<char> s, int i, char c) => i < s.Length && s[i] == c;

        private static bool Digits(ReadOnlySpan<char> s, int i, int count)
        {
            if (i + count > s.Length) return false;
            for (int k = i; k < i + count; k++)
                if ((uint)(s[k] - '0') > 9) return false;
            return true;
        }

        /// <summary>The shape of a timestamp: digits as 9, letters as a, the rest as printed.</summary>
        internal static char ShapeOf(char c) =>
            (uint)(c - '0') <= 9 ? '9' : (uint)((c | 0x20) - 'a') <= 'z' - 'a' ? 'a' : c;
    }
}
