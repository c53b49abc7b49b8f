using System;

namespace SpiTools.Parsing
{
    /// <summary>A run of lines of an output SpiTools does not read: gathered, then reported in one diagnostic for its whole range.</summary>
    internal sealed class UnsupportedOutputRun
    {
        private int _start;
        private int _last;
        private int _count;
        private string _text = "";
        private string? _command;

        /// <summary>Adds a line; <paramref name="command"/> is the echoed command the run is the output of, if any.</summary>
        public void Add(in CaptureLine line, string? command)
        {
            if (_start == 0)
            {
                _start = line.Number;
                _text = ParseContext.Shorten(line.Raw);
                _command = command;
            }
            else if (line.Number == _last)
            {
                return; // another part of a divided line
            }
            _last = line.Number;
            _count++;
        }

        /// <summary>Reports the run gathered so far, if any, and starts a new one.</summary>
        public void Flush(ParseContext ctx)
        {
            if (_start == 0) return;
            string what = _command != null
                ? $"output of '{_command}', which SpiTools does not read"
                : "text that is not the output of a command SpiTools reads";
            ctx.Kind = null;
            ctx.Report(DiagnosticCodes.UnsupportedOutput, DiagnosticSeverity.Info, _start, _text.AsSpan(),
                $"{_count} line(s) of {what} (lines {_start}-{_last})", _last, _count);
            _start = _last = _count = 0;
            _command = null;
        }
    }
}
