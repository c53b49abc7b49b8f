using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Parses the lines of one command's output (a section) into records, streaming: it is offered the
    /// section's non-blank lines one at a time and emits each record through the <see cref="ParseContext"/>
    /// as soon as it is complete, so memory does not grow with the input.
    /// </summary>
    public interface ISectionParser
    {
        /// <summary>
        /// Offers one non-blank, repaired line. Returns true when the line was used (it belongs to a record or
        /// is a structural line of the output), false when the parser cannot use it: the caller then reports it
        /// as <see cref="DiagnosticCodes.UnrecognizedLine"/>, so no line disappears silently.
        /// A parser that repairs damage itself (joined or wrapped lines) reports it through the context and returns true.
        /// </summary>
        bool Accept(in CaptureLine line, ParseContext context);

        /// <summary>
        /// Called when the section ends (next command, end of input). Emits any record still open; one that
        /// was cut short is emitted with <c>Incomplete = true</c> and a <see cref="DiagnosticCodes.TruncatedRecord"/> diagnostic.
        /// </summary>
        void Complete(ParseContext context);
    }

    /// <summary>
    /// A kind of device output SpiTools can parse: how it is recognised and which parser reads it.
    /// </summary>
    public interface ICaptureFormat
    {
        /// <summary>Stable kind name used by <c>--kind</c> and in diagnostics (<c>ipsec-sa</c>, <c>vpn-context</c>, <c>packet-tracer</c>).</summary>
        string Name { get; }

        /// <summary>True when an echoed command (without its prompt; possibly abbreviated, e.g. <c>sh cry ips sa peer 1.2.3.4</c>) produces this output.</summary>
        bool MatchesCommand(ReadOnlySpan<char> command);

        /// <summary>True when a repaired line is a strong sign that this output starts here (used when no command was echoed).</summary>
        bool IsSectionStart(in CaptureLine line);

        /// <summary>
        /// Where this output's first line starts inside an echoed command that it was joined onto (a pasted
        /// <c>show asp table vpn-context detail | begin X VPN CTX = X</c>), or -1 when it was not.
        /// </summary>
        int FindOutputStart(ReadOnlySpan<char> command);

        /// <summary>Creates a parser for one section.</summary>
        ISectionParser CreateParser();
    }
}
