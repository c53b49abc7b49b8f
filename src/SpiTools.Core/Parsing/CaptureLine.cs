using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// One input line as a section parser sees it: repaired of tolerated damage (markdown, HTML markup, pager residue,
    /// non-breaking spaces, <c>×</c> for <c>x</c>, list prefixes, a block's line prefixes, carriage returns) and trimmed.
    /// A line that HTML breaks divide gives several, each with the physical line's number.
    /// The text lives in a reused buffer: copy what you keep (<c>ToString()</c> on a slice).
    /// </summary>
    public readonly ref struct CaptureLine
    {
        /// <summary>Creates a line.</summary>
        public CaptureLine(int number, ReadOnlySpan<char> text, int indent, ReadOnlySpan<char> raw)
        {
            Number = number;
            Text = text;
            Indent = indent;
            Raw = raw;
        }

        /// <summary>1-based line number in the source.</summary>
        public int Number { get; }

        /// <summary>The repaired line without leading or trailing white space.</summary>
        public ReadOnlySpan<char> Text { get; }

        /// <summary>Leading spaces before <see cref="Text"/> (after repair; tabs count as one).</summary>
        public int Indent { get; }

        /// <summary>The line exactly as read, without its line terminator (for diagnostics).</summary>
        public ReadOnlySpan<char> Raw { get; }

        /// <summary>Convenience for tests: a line from a string, trimmed, indent counted.</summary>
        public static CaptureLine FromString(int number, string line)
        {
            var span = line.AsSpan();
            int indent = 0;
            while (indent < span.Length && char.IsWhiteSpace(span[indent])) indent++;
            return new CaptureLine(number, span.Trim(), indent, span);
        }
    }
}
