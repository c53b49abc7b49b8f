namespace SpiTools
{
    /// <summary>
    /// A line (or range of lines) the parsers could not use, or damage they repaired.
    /// Together with the parsed records, diagnostics account for every input line.
    /// </summary>
    public sealed class ParseDiagnostic : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "ParseDiagnostic";

        /// <summary>Stable code from <see cref="Parsing.DiagnosticCodes"/>.</summary>
        public string Code { get; set; } = "";

        /// <summary>How much it matters.</summary>
        public string Severity { get; set; } = DiagnosticSeverity.Warning;

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>How many times it occurred when one diagnostic stands for several lines (cosmetic damage is reported once per capture).</summary>
        public int Occurrences { get; set; } = 1;

        /// <summary>The input line as read (shortened to 200 characters).</summary>
        public string Text { get; set; } = "";

        /// <summary>What was wrong and what the parser did about it.</summary>
        public string Message { get; set; } = "";

        /// <summary>The kind of output being parsed when it was found (<c>ipsec-sa</c>, <c>vpn-context</c>, ...), if known.</summary>
        public string? Kind { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Source}:{Line}: {Code}: {Message}";
    }
}
