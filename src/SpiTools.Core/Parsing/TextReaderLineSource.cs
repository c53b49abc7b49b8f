using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>Lines from a <see cref="TextReader"/>, read in blocks (never one unbounded string).</summary>
    internal sealed class TextReaderLineSource : LineSource
    {
        private readonly TextReader _reader;
        private readonly bool _ownsReader;
        private char[] _buf = new char[16 * 1024];
        private int _start;
        private int _end;
        private bool _eof;

        public TextReaderLineSource(TextReader reader, int maxLineLength, bool ownsReader)
            : base(maxLineLength)
        {
            _reader = reader ?? throw new ArgumentNullException(nameof(reader));
            _ownsReader = ownsReader;
        }

        public override bool TryReadLine(out ReadOnlySpan<char> line)
        {
            LastLineTruncated = false;
            LastLineInvalidEncoding = false;
            int scanFrom = _start;
            while (true)
            {
                int nl = _end > scanFrom ? new ReadOnlySpan<char>(_buf, scanFrom, _end - scanFrom).IndexOf('\n') : -1;
                if (nl >= 0)
                {
                    int lineEnd = scanFrom + nl;
                    line = new ReadOnlySpan<char>(_buf, _start, lineEnd - _start);
                    LastLineFullLength = line.Length;
                    _start = lineEnd + 1;
                    return true;
                }
                int pending = _end - _start;
                if (pending >= MaxLineLength)
                {
                    line = new ReadOnlySpan<char>(_buf, _start, MaxLineLength);
                    LastLineTruncated = true;
                    // Copy the kept part aside: skipping reuses the buffer.
                    var kept = line.ToArray();
                    LastLineFullLength = SkipRestOfLine(pending);
                    line = kept;
                    return true;
                }
                if (_eof)
                {
                    if (pending == 0)
                    {
                        line = default;
                        return false;
                    }
                    line = new ReadOnlySpan<char>(_buf, _start, pending);
                    LastLineFullLength = pending;
                    _start = _end;
                    return true;
                }
                Fill();
                scanFrom = _start + pending;
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                int pending = _end - _start;
                if (pending > 0) Array.Copy(_buf, _start, _buf, 0, pending);
                _start = 0;
                _end = pending;
            }
            if (_end == _buf.Length)
            {
                int size = Math.Min(_buf.Length * 2, MaxLineLength + 1);
                if (size <= _buf.Length) size = _buf.Length + 4096;
                Array.Resize(ref _buf, size);
            }
            int read = _reader.Read(_buf, _end, _buf.Length - _end);
            if (read <= 0) _eof = true;
            else _end += read;
        }

        private long SkipRestOfLine(int alreadyBuffered)
        {
            long length = alreadyBuffered;
            _start = _end = 0;
            while (!_eof)
            {
                int read = _reader.Read(_buf, 0, _buf.Length);
                if (read <= 0)
                {
                    _eof = true;
                    break;
                }
                int nl = new ReadOnlySpan<char>(_buf, 0, read).IndexOf('\n');
                if (nl >= 0)
                {
                    length += nl;
                    _start = nl + 1;
                    _end = read;
                    return length;
                }
                length += read;
            }
            return length;
        }

        public override void Dispose()
        {
            if (_ownsReader) _reader.Dispose();
        }
    }
}
