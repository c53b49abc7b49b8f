namespace SpiTools.Parsing
{
    /// <summary>What an output filter (<c>| include</c>, <c>| begin</c>) left of a section, said once at its command's echo.</summary>
    internal static class OutputFilterReports
    {
        /// <summary>Says once, at the echo, that the section's output was filtered and what that leaves.</summary>
        public static void ReportAtEcho(ParseContext ctx, in CaptureLine line, ICaptureFormat format)
        {
            var filter = ctx.Filter;
            if (filter == null) return;
            switch (filter.Kind)
            {
                case OutputFilterKind.Subset when format is SaEventFormat:
                    // A log is a list of messages, a syslog message whole on its line: a filter leaves fewer messages, none cut.
                    // Of a multi-line debug message (an IKEv2 packet, IPSEC(create_sa)) it leaves the lines it names.
                    ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, line.Number, line.Raw,
                        $"the log was filtered ('{filter.Text}'): only the lines the filter let through were read; each syslog message is whole, and of a multi-line debug message the lines the filter names");
                    break;
                case OutputFilterKind.Subset:
                    ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"the output was filtered ('{filter.Text}'): only the lines the filter let through were read; each record holds what they printed, the rest is empty, and it is marked incomplete");
                    break;
                case OutputFilterKind.Begin:
                    ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, line.Number, line.Raw,
                        $"the output was filtered ('{filter.Text}'): it starts at the first matching line, so what the device printed before that line is not in the capture");
                    break;
                // "| count" is reported at the one line it prints.
            }
        }
    }
}
