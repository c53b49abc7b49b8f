using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>The lines of one output that show session keys, reported once as <see cref="DiagnosticCodes.KeyMaterial"/>.</summary>
    internal sealed class KeyLines
    {
        private readonly List<int> _lines = new List<int>();

        /// <summary>Notes a line that shows a key.</summary>
        public void Add(int line)
        {
            if (_lines.Count < 10000) _lines.Add(line);
        }

        /// <summary>One diagnostic naming the lines (never quoting them), then forgets them.</summary>
        public void Report(ParseContext ctx, string output)
        {
            if (_lines.Count == 0) return;
            var list = new StringBuilder();
            for (int i = 0; i < _lines.Count && i < 50; i++) list.Append(i == 0 ? "" : ", ").Append(_lines[i]);
            if (_lines.Count > 50) list.Append(", …");
            ctx.Report(DiagnosticCodes.KeyMaterial, DiagnosticSeverity.Warning, _lines[0], KeyMaterial.Placeholder.AsSpan(),
                $"{_lines.Count} line(s) of {output} show IPsec session keys (lines {list}); no record keeps them and no output repeats them. " +
                "Remove these lines before the capture is shared.", _lines[_lines.Count - 1], _lines.Count);
            _lines.Clear();
        }
    }
}
