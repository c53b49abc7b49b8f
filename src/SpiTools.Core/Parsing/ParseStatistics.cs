namespace SpiTools.Parsing
{
    /// <summary>
    /// Line accounting: every line read is blank, used by a record, or reported by a diagnostic.
    /// <c>Lines == BlankLines + UsedLines + ReportedLines</c> always holds.
    /// </summary>
    public sealed class ParseStatistics
    {
        /// <summary>Lines read.</summary>
        public long Lines { get; internal set; }

        /// <summary>Lines holding nothing but white space (after repair).</summary>
        public long BlankLines { get; internal set; }

        /// <summary>Lines a parser used (including echoed prompts and commands).</summary>
        public long UsedLines { get; internal set; }

        /// <summary>Lines reported as unrecognised or unsupported.</summary>
        public long ReportedLines { get; internal set; }

        /// <summary>Records emitted (diagnostics excluded).</summary>
        public long Records { get; internal set; }

        /// <summary>Diagnostics emitted.</summary>
        public long Diagnostics { get; internal set; }

        /// <summary>Sources (files, streams) read.</summary>
        public int Sources { get; internal set; }

        /// <summary>True when every line is accounted for.</summary>
        public bool IsBalanced => Lines == BlankLines + UsedLines + ReportedLines;

        /// <inheritdoc />
        public override string ToString() =>
            $"{Lines} lines: {UsedLines} used, {BlankLines} blank, {ReportedLines} reported; {Records} records, {Diagnostics} diagnostics";
    }
}
