using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Lines from strings, as PowerShell pipes them: each string may itself hold several lines
    /// (a whole capture in one string), which are split on <c>\n</c>.
    /// </summary>
    internal sealed class StringsLineSource : LineSource
    {
        private readonly IEnumerator<string?> _lines;
        private string? _current;
        private int _pos;
        private bool _done;

        public StringsLineSource(IEnumerable<string?> lines, int maxLineLength)
            : base(maxLineLength)
        {
            _lines = (lines ?? throw new ArgumentNullException(nameof(lines))).GetEnumerator();
        }

        public override bool TryReadLine(out ReadOnlySpan<char> line)
        {
            LastLineTruncated = false;
            LastLineInvalidEncoding = false;
            while (true)
            {
                if (_current != null)
                {
                    if (_pos <= _current.Length)
                    {
                        int nl = _current.IndexOf('\n', _pos);
                        int end = nl >= 0 ? nl : _current.Length;
                        // A string's trailing newline does not start another line.
                        if (nl < 0 && _pos == _current.Length && _pos > 0)
                        {
                            _current = null;
                            continue;
                        }
                        int len = end - _pos;
                        LastLineFullLength = len;
                        if (len > MaxLineLength)
                        {
                            len = MaxLineLength;
                            LastLineTruncated = true;
                        }
                        line = _current.AsSpan(_pos, len);
                        _pos = end + 1;
                        if (nl < 0) _pos = _current.Length + 1;
                        return true;
                    }
                    _current = null;
                }
                if (_done || !_lines.MoveNext())
                {
                    _done = true;
                    line = default;
                    return false;
                }
                _current = _lines.Current ?? string.Empty;
                _pos = 0;
            }
        }

        public override void Dispose() => _lines.Dispose();
    }
}
