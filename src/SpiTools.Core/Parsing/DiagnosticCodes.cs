namespace SpiTools.Parsing
{
    /// <summary>
    /// The stable codes of <see cref="ParseDiagnostic"/>. These are a public contract: scripts filter on them.
    /// </summary>
    public static class DiagnosticCodes
    {
        // ---- lines that could not be used ----
        /// <summary>A line inside a recognised output that the parser could not use.</summary>
        public const string UnrecognizedLine = "UnrecognizedLine";
        /// <summary>Lines of an output SpiTools does not parse (unknown command, or text before any recognised output). One diagnostic spans the range.</summary>
        public const string UnsupportedOutput = "UnsupportedOutput";
        /// <summary>A record was cut short (end of capture or of an excerpt); it is kept and marked incomplete.</summary>
        public const string TruncatedRecord = "TruncatedRecord";
        /// <summary>A line longer than the parser's limit; the rest of it was not read.</summary>
        public const string LineTooLong = "LineTooLong";
        /// <summary>A parser failed on a line (a defect in SpiTools); the line is reported and parsing goes on with a fresh section.</summary>
        public const string ParserFault = "ParserFault";
        /// <summary>A value that should be a number or address is malformed or out of range; the field is left empty.</summary>
        public const string InvalidValue = "InvalidValue";
        /// <summary>
        /// The command's output was filtered (<c>| include</c>, <c>| exclude</c>, <c>| section</c>, <c>| grep</c>,
        /// <c>| begin</c>, <c>| count</c>): records hold only what the filter let through and are marked incomplete.
        /// </summary>
        public const string FilteredOutput = "FilteredOutput";
        /// <summary>An echoed command that is not a command as typed (<c>cshow crypto ipsec sa</c>); the lines after it are read by their content.</summary>
        public const string MistypedCommand = "MistypedCommand";

        // ---- damage repaired (content) ----
        /// <summary>Two lines of output were joined on one line (<c>A19EC57E*inbound esp sas:</c>); they were split.</summary>
        public const string JoinedLine = "JoinedLine";
        /// <summary>One line of output was wrapped onto the next (a long crypto ACL); the parts were rejoined.</summary>
        public const string WrappedLine = "WrappedLine";
        /// <summary>Markdown bold markers or backslash escapes (<c>*…*</c>, <c>user\_data</c>) were removed.</summary>
        public const string MarkdownMarkup = "MarkdownMarkup";
        /// <summary>A typographic character stood for ASCII (<c>0×0</c> for <c>0x0</c>); it was replaced.</summary>
        public const string TypographicCharacter = "TypographicCharacter";
        /// <summary>An address or name was redacted (<c>X.X.X.X</c>, <c>LOCAL-ADDR-…</c>); it is kept as printed.</summary>
        public const string RedactedValue = "RedactedValue";
        /// <summary>Pager residue (<c>&lt;--- More ---&gt;</c>, <c> --More-- </c>, backspaces) was removed.</summary>
        public const string PagerResidue = "PagerResidue";
        /// <summary>A <c>- </c> list prefix from a pasted document was removed.</summary>
        public const string ListPrefix = "ListPrefix";
        /// <summary>
        /// Every line of a block carried the same prefix from an editor, viewer or terminal logger (line numbers <c>12: </c>,
        /// quote markers <c>&gt; </c>, timestamps <c>[2024-05-01 10:11:12] </c>); it was removed. One diagnostic spans the block.
        /// </summary>
        public const string LinePrefix = "LinePrefix";
        /// <summary>The hex and the decimal printed for one SPI disagree; the hex is kept.</summary>
        public const string SpiDecimalMismatch = "SpiDecimalMismatch";
        /// <summary>
        /// The capture shows session keys (FortiOS prints the ESP keys beside its SAs). No record keeps them and no diagnostic
        /// quotes them; the diagnostic names the lines, so they can be removed before the capture is shared.
        /// </summary>
        public const string KeyMaterial = "KeyMaterial";
        /// <summary>Bytes that are not valid UTF-8 were replaced with U+FFFD.</summary>
        public const string InvalidEncoding = "InvalidEncoding";
        /// <summary>NUL or other control characters were removed.</summary>
        public const string ControlCharacters = "ControlCharacters";

        // ---- cosmetic damage (reported once per capture with a count) ----
        /// <summary>CR LF, <c>\r\n\r</c> or stray carriage returns.</summary>
        public const string LineEndings = "LineEndings";
        /// <summary>Non-breaking or other Unicode spaces were read as spaces.</summary>
        public const string NonBreakingSpace = "NonBreakingSpace";
        /// <summary>The output lost its indentation (flush-left); structure was read from keywords.</summary>
        public const string IndentationLost = "IndentationLost";
        /// <summary>
        /// HTML tags (<c>&lt;b&gt;</c>, <c>&lt;span …&gt;</c>, <c>&lt;pre&gt;</c>) or character references (<c>&amp;gt;</c>, <c>&amp;nbsp;</c>)
        /// were removed or decoded; a line break or block tag between two texts (<c>&lt;br&gt;</c>, <c>&lt;div&gt;</c>) began a new line.
        /// </summary>
        public const string HtmlMarkup = "HtmlMarkup";
        /// <summary>Blank lines were inserted between the output's lines.</summary>
        public const string DoubleSpacing = "DoubleSpacing";
    }
}
