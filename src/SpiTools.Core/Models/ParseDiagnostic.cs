namespace SpiTools
{
    /// <summary>
    /// A line (or range of lines) the parsers could not use, or damage they repaired.
    /// Together with the parsed records, diagnostics account for every input line.
    /// </summary>
    public sealed class ParseDiagnostic : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "ParseDiagnostic";

        /// <summary>Stable code from <see cref="Parsing.DiagnosticCodes"/>.</summary>
        public string Code { get; internal set; } = "";

        /// <summary>How much it matters.</summary>
        public string Severity { get; internal set; } = DiagnosticSeverity.Warning;

        /// <inheritdoc />
        public string? Device { get; internal set; }

        /// <inheritdoc />
        public string? Source { get; internal set; }

        /// <inheritdoc />
        public int Line { get; internal set; }

        /// <inheritdoc />
        public int LastLine { get; internal set; }

        string? IStampableRecord.Device { get => Device; set => Device = value; }
        string? IStampableRecord.Source { get => Source; set => Source = value; }
        int IStampableRecord.Line { get => Line; set => Line = value; }
        int IStampableRecord.LastLine { get => LastLine; set => LastLine = value; }

        /// <summary>How many times it occurred when one diagnostic stands for several lines (cosmetic damage is reported once per capture).</summary>
        public int Occurrences { get; internal set; } = 1;

        /// <summary>The input line as read (shortened to 200 characters).</summary>
        public string Text { get; internal set; } = "";

        /// <summary>What was wrong and what the parser did about it.</summary>
        public string Message { get; internal set; } = "";

        /// <summary>The kind of output being parsed when it was found (<c>ipsec-sa</c>, <c>vpn-context</c>, ...), if known.</summary>
        public string? Kind { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Source}:{Line}: {Code}: {Message}";
    }
}
