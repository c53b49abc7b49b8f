using System;

namespace SpiTools.Parsing
{
    /// <summary>Double spacing: non-blank lines each separated by exactly one blank line, reported once.</summary>
    internal sealed class DoubleSpacingDetector
    {
        private int _blankRun;
        private int _alternations;
        private bool _reported;

        /// <summary>A blank line was read.</summary>
        public void Blank() => _blankRun++;

        /// <summary>A non-blank line <paramref name="n"/> was read; the sixth alternation in a row is reported.</summary>
        public void Text(ParseContext ctx, int n, ReadOnlySpan<char> raw)
        {
            if (_blankRun == 1) _alternations++;
            else _alternations = 0;
            _blankRun = 0;
            if (_alternations >= 6 && !_reported)
            {
                _reported = true;
                ctx.ReportOnce(DiagnosticCodes.DoubleSpacing, DiagnosticSeverity.Info, n, raw,
                    "blank lines were inserted between the output's lines (double spacing)");
            }
        }
    }
}
