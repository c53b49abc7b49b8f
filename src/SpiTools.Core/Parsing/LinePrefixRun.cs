using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The line prefixes of one block (line numbers, quote markers, a terminal logger's times): one diagnostic per block.
    /// </summary>
    internal sealed class LinePrefixRun
    {
        private int _block;
        private int _start;
        private int _last;
        private int _count;
        private LinePrefixKind _kind;
        private string _text = "";

        /// <summary>Counts line <paramref name="n"/>, whose prefix belongs to block <paramref name="block"/>; a new block reports the one before.</summary>
        public void Track(ParseContext ctx, int n, ReadOnlySpan<char> raw, int block, LinePrefixKind kind)
        {
            if (block != _block)
            {
                Flush(ctx);
                _block = block;
                _start = n;
                _kind = kind;
                _text = ParseContext.Shorten(raw);
            }
            _last = n;
            _count++;
        }

        /// <summary>Reports the block counted so far, if any.</summary>
        public void Flush(ParseContext ctx)
        {
            if (_count == 0) return;
            string what = _kind switch
            {
                LinePrefixKind.Number => "line numbers",
                LinePrefixKind.Marker => "quote markers",
                _ => "timestamps of a terminal logger",
            };
            ctx.Report(DiagnosticCodes.LinePrefix, DiagnosticSeverity.Info, _start, _text.AsSpan(),
                $"{what} in front of {_count} line(s) were removed (lines {_start}-{_last})", _last, _count);
            _count = 0;
        }
    }
}
