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
}
