using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Recognises an echoed <c>show</c> command whose first word was mistyped by one character
    /// (<c>cshow</c>, <c>shwo</c>, <c>sow</c>): a device rejects it, so the text after such an echo came from
    /// somewhere else and is read by its content rather than taken for the output of an unknown command.
    /// </summary>
    internal static class CommandTypo
    {
        private const string Show = "show";

        /// <summary>
        /// True when the first word of <paramref name="command"/> is one edit (insertion, deletion, substitution or
        /// swap of two neighbours) away from <c>show</c>; <paramref name="corrected"/> is the command with <c>show</c> in its place.
        /// </summary>
        public static bool TryCorrectShow(ReadOnlySpan<char> command, out string corrected)
        {
            corrected = "";
            var text = command.Trim();
            int sp = text.IndexOf(' ');
            if (sp <= 0) return false;
            var first = text.Slice(0, sp);
            if (first.Length < 3 || first.Length > 5) return false;
            // A prefix of "show" is a command already, not a typo.
            if (first.Length <= Show.Length && Show.AsSpan().StartsWith(first, StringComparison.OrdinalIgnoreCase)) return false;
            if (!WithinOneEdit(first, Show.AsSpan())) return false;
            corrected = Show + text.Slice(sp).ToString();
            return true;
        }

        /// <summary>Optimal string alignment distance of at most one (ASCII case ignored).</summary>
        internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        {
            if (Math.Abs(a.Length - b.Length) > 1) return false;
            int i = 0;
            while (i < a.Length && i < b.Length && Same(a[i], b[i])) i++;
            if (i == a.Length && i == b.Length) return true;
            if (a.Length == b.Length)
            {
                // One substitution, or two neighbours swapped.
                if (Equal(a.Slice(i + 1), b.Slice(i + 1))) return true;
                return i + 1 < a.Length && Same(a[i], b[i + 1]) && Same(a[i + 1], b[i]) && Equal(a.Slice(i + 2), b.Slice(i + 2));
            }
            // One character more in the longer word.
            return a.Length > b.Length ? Equal(a.Slice(i + 1), b.Slice(i)) : Equal(a.Slice(i), b.Slice(i + 1));
        }

        private static bool Equal(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

        private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
    }
}
