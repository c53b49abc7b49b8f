using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The output filter of an echoed command: <c>show crypto ipsec sa | include spi|pkts|peer</c>. ASA knows
    /// <c>include</c>, <c>exclude</c>, <c>begin</c> and <c>grep [-v]</c>; IOS and IOS-XE <c>include</c>,
    /// <c>exclude</c>, <c>begin</c>, <c>section</c> and <c>count</c>; each keyword may be abbreviated
    /// (<c>| i</c>, <c>| inc</c>, <c>| b</c>, <c>| sec</c>). Filters that only copy the output
    /// (<c>| tee</c>, <c>| redirect</c>, <c>| append</c>) are not filters of what was printed.
    /// </summary>
    internal sealed class OutputFilter
    {
        private OutputFilter(OutputFilterKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        /// <summary>What the filter did to the output.</summary>
        public OutputFilterKind Kind { get; }

        /// <summary>The filter as typed, from its <c>|</c> on (<c>| include spi|pkts|peer</c>).</summary>
        public string Text { get; }

        /// <summary>The filter of <paramref name="command"/>, or null when it has none (or one that does not remove lines).</summary>
        public static OutputFilter? Parse(string? command)
        {
            if (command == null) return null;
            int bar = command.IndexOf('|');
            if (bar < 0) return null;
            var rest = command.AsSpan(bar + 1).TrimStart();
            int end = 0;
            while (end < rest.Length && rest[end] != ' ') end++;
            var keyword = rest.Slice(0, end);
            if (keyword.IsEmpty) return null;
            OutputFilterKind kind;
            if (IsPrefix(keyword, "include") || IsPrefix(keyword, "exclude") || IsPrefix(keyword, "section") || IsPrefix(keyword, "grep")) kind = OutputFilterKind.Subset;
            else if (IsPrefix(keyword, "begin")) kind = OutputFilterKind.Begin;
            else if (IsPrefix(keyword, "count")) kind = OutputFilterKind.Count;
            else return null;
            return new OutputFilter(kind, command.Substring(bar).TrimEnd());
        }

        /// <summary>
        /// True for the one line <c>| count</c> prints: <c>Number of lines which match regexp = 12</c>.
        /// </summary>
        public static bool IsCountLine(ReadOnlySpan<char> t) => t.StartsWithIgnoreCase("Number of lines which match regexp");

        private static bool IsPrefix(ReadOnlySpan<char> token, string keyword) =>
            token.Length <= keyword.Length && keyword.AsSpan().StartsWith(token, StringComparison.OrdinalIgnoreCase);
    }
}
