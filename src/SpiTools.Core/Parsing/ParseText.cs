using System;

namespace SpiTools.Parsing
{
    /// <summary>Small span helpers shared by the section parsers.</summary>
    internal static class ParseText
    {
        /// <summary>
        /// ASCII case-insensitive "starts with": the keywords are ASCII, and a mismatch is usually found within the
        /// first characters, so a scalar loop beats a general ignore-case comparison here.
        /// </summary>
        public static bool StartsWithIgnoreCase(this ReadOnlySpan<char> text, string prefix)
        {
            if (text.Length < prefix.Length) return false;
            if (prefix.Length == 0) return true;
            // Reject on the first character here, inlined: parsers try many prefixes per line.
            return SameLetter(text[0], prefix[0]) && EqualsAsciiIgnoreCase(text, prefix);
        }

        /// <summary>ASCII case-insensitive equality with a keyword.</summary>
        public static bool EqualsIgnoreCase(this ReadOnlySpan<char> text, string value) =>
            text.Length == value.Length && EqualsAsciiIgnoreCase(text, value);

        // The first value.Length characters of text equal value, ASCII letters compared without case.
        private static bool EqualsAsciiIgnoreCase(ReadOnlySpan<char> text, string value)
        {
            for (int i = 0; i < value.Length; i++)
                if (!SameLetter(text[i], value[i])) return false;
            return true;
        }

        // a is b, or both are the same ASCII letter in either case (b is the keyword's character).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool SameLetter(char a, char b) =>
            a == b || ((a | 0x20) == (b | 0x20) && (uint)((b | 0x20) - 'a') <= 'z' - 'a');

        /// <summary>
        /// What <c>Trim()</c> gives (every kind of white space removed from both ends), found quicker in the usual case
        /// where only spaces surround the text: the runtime's trim takes a slow path whenever an end is white space.
        /// </summary>
        public static ReadOnlySpan<char> TrimWhiteSpace(this ReadOnlySpan<char> text)
        {
            int start = 0, end = text.Length;
            while (start < end && text[start] == ' ') start++;
            while (end > start && text[end - 1] == ' ') end--;
            var rest = text.Slice(start, end - start);
            // Tabs, control characters and Unicode spaces at an end: the general trim decides.
            if (rest.Length > 0 && (IsOutsidePrintableAscii(rest[0]) || IsOutsidePrintableAscii(rest[rest.Length - 1]))) return rest.Trim();
            return rest;
        }

        private static bool IsOutsidePrintableAscii(char c) => c < '!' || c > '~';

        /// <summary>
        /// The next <paramref name="separator"/>-delimited field of <paramref name="rest"/>, trimmed; <paramref name="rest"/>
        /// moves past it (empty after the last field).
        /// </summary>
        public static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest, char separator)
        {
            int at = rest.IndexOf(separator);
            var field = (at >= 0 ? rest.Slice(0, at) : rest).TrimWhiteSpace();
            rest = at >= 0 ? rest.Slice(at + 1) : default;
            return field;
        }

        /// <summary>
        /// ASCII case-insensitive index of <paramref name="value"/>: a vectorised search for the first character in
        /// either case, then a comparison (the runtime's ignore-case search is not vectorised in invariant mode).
        /// Only ASCII letters are compared without case.
        /// </summary>
        public static int IndexOfIgnoreCase(this ReadOnlySpan<char> text, string value)
        {
            if (value.Length == 0) return 0;
            char first = value[0];
            char lower = first >= 'A' && first <= 'Z' ? (char)(first | 0x20) : first;
            char upper = first >= 'a' && first <= 'z' ? (char)(first & ~0x20) : first;
            int offset = 0;
            while (true)
            {
                var rest = text.Slice(offset);
                int i = lower == upper ? rest.IndexOf(lower) : rest.IndexOfAny(lower, upper);
                if (i < 0) return -1;
                i += offset;
                if (text.Length - i < value.Length) return -1;
                if (EqualsAsciiIgnoreCase(text.Slice(i), value)) return i;
                offset = i + 1;
            }
        }

        /// <summary>True when the value looks redacted (<c>X.X.X.X</c>, <c>Y.Y.Y.Y</c>, <c>LOCAL-ADDR-…</c>, <c>x.x.x.x</c>).</summary>
        public static bool LooksRedacted(ReadOnlySpan<char> value)
        {
            if (value.IsEmpty) return false;
            // A dotted-decimal address, the usual value, holds nothing a redaction is made of.
            int plain = 0;
            while (plain < value.Length && (value[plain] == '.' || (uint)(value[plain] - '0') <= 9)) plain++;
            if (plain == value.Length) return false;
            if (value.IndexOfIgnoreCase("-ADDR") >= 0 || value.IndexOf("xxx".AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0) return true;
            // Dotted quads of letters: X.X.X.X, a.b.c.d
            int dots = 0, letters = 0, digits = 0;
            foreach (char c in value)
            {
                if (c == '.') dots++;
                else if (char.IsLetter(c)) letters++;
                else if (char.IsDigit(c)) digits++;
                else return false;
            }
            return dots == 3 && letters == 4 && digits == 0;
        }

        /// <summary>Parses a decimal number into a nullable field, reporting a malformed one.</summary>
        public static long? Int64OrReport(ReadOnlySpan<char> value, ParseContext ctx, in CaptureLine line, string field)
        {
            if (SpanNumber.TryParseInt64(value, out long v)) return v;
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"{field}: '{value.ToString()}' is not a number; the field is left empty");
            return null;
        }

        /// <summary>Parses a decimal number that fits an int, reporting a malformed one.</summary>
        public static int? Int32OrReport(ReadOnlySpan<char> value, ParseContext ctx, in CaptureLine line, string field)
        {
            if (SpanNumber.TryParseInt32(value, out int v)) return v;
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"{field}: '{value.ToString()}' is not a number; the field is left empty");
            return null;
        }

        /// <summary>Normalises a 32-bit hex value, reporting a malformed one.</summary>
        public static string? HexOrReport(ReadOnlySpan<char> value, ParseContext ctx, in CaptureLine line, string field, out long? number)
        {
            if (Hex32.TryParse(value, out uint v))
            {
                number = v;
                return Hex32.Format(v);
            }
            number = null;
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"{field}: '{value.ToString()}' is not a 32-bit hex value; the field is left empty");
            return null;
        }
    }
}
