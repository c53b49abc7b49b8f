using System;

namespace SpiTools.Parsing
{
    /// <summary>The diagnostics that say what <see cref="LineRepairer"/> repaired on a line.</summary>
    internal static class LineDamageReports
    {
        /// <summary>Reports each kind of damage in <paramref name="damage"/> at line <paramref name="n"/>.</summary>
        public static void Report(ParseContext ctx, LineDamage damage, int n, ReadOnlySpan<char> raw)
        {
            if ((damage & LineDamage.CarriageReturn) != 0)
                ctx.ReportOnce(DiagnosticCodes.LineEndings, DiagnosticSeverity.Info, n, raw, "carriage returns in line ends (CR LF or \\r\\n\\r) were removed");
            if ((damage & LineDamage.NonBreakingSpace) != 0)
                ctx.ReportOnce(DiagnosticCodes.NonBreakingSpace, DiagnosticSeverity.Info, n, raw, "non-breaking or other Unicode spaces were read as spaces");
            if ((damage & LineDamage.PagerResidue) != 0)
                ctx.Report(DiagnosticCodes.PagerResidue, DiagnosticSeverity.Warning, n, raw, "pager prompt residue (More, backspaces) was removed");
            if ((damage & LineDamage.ControlCharacters) != 0)
                ctx.Report(DiagnosticCodes.ControlCharacters, DiagnosticSeverity.Warning, n, raw, "control characters (NUL and similar) were removed");
            if ((damage & LineDamage.TypographicCharacter) != 0)
                ctx.Report(DiagnosticCodes.TypographicCharacter, DiagnosticSeverity.Warning, n, raw, "'×' typed for the x of a hex number (0×0) was read as 'x'");
            if ((damage & LineDamage.MarkdownMarkup) != 0)
                ctx.Report(DiagnosticCodes.MarkdownMarkup, DiagnosticSeverity.Warning, n, raw, "markdown markup (bold '*', backslash escapes) was removed");
            if ((damage & LineDamage.HtmlMarkup) != 0)
                ctx.ReportOnce(DiagnosticCodes.HtmlMarkup, DiagnosticSeverity.Info, n, raw,
                    (damage & LineDamage.HtmlLineBreak) != 0
                        ? "HTML markup was removed and its line breaks (<br>, <div>, <p>) read as new lines"
                        : "HTML markup (tags such as <b>, <span>, <pre>, and character references such as &gt;) was removed");
            if ((damage & LineDamage.ListPrefix) != 0)
                ctx.Report(DiagnosticCodes.ListPrefix, DiagnosticSeverity.Warning, n, raw, "a '- ' list prefix was removed");
        }
    }
}
