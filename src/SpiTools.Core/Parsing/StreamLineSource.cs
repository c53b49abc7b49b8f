using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Lines from a byte stream (UTF-8; invalid bytes become U+FFFD and are flagged). ASCII text is widened to
    /// characters a block at a time as it is read; a line holding other bytes is decoded on its own.
    /// </summary>
    internal sealed class StreamLineSource : LineSource
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);
        private static readonly byte[] ReplacementCharacterUtf8 = { 0xEF, 0xBF, 0xBD };
        private readonly Stream _stream;
        private readonly bool _ownsStream;
        private byte[] _bytes;
        private char[] _chars;
        private int _start;
        private int _end;
        private bool _eof;
        private bool _first = true;

        // _wide[i] holds _bytes[i] widened, for _start <= i < _wideEnd: ASCII bytes read since the last other byte.
        private char[] _wide;
        private int _wideEnd;
        private bool _wideStale;

        public StreamLineSource(Stream stream, int maxLineLength, bool ownsStream)
            : base(maxLineLength)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _ownsStream = ownsStream;
            _bytes = new byte[64 * 1024];
            _chars = new char[1024];
#if NET8_0_OR_GREATER
            _wide = new char[_bytes.Length];
#else
            _wide = Array.Empty<char>();
#endif
        }

        public override bool TryReadLine(out ReadOnlySpan<char> line)
        {
            LastLineTruncated = false;
            LastLineInvalidEncoding = false;
            if (_wideStale || _wideEnd < _start)
            {
                // Past a line that held other bytes, or a skipped long line: widen afresh from here.
                _wideStale = false;
                _wideEnd = _start;
                Widen();
            }
            int scanFrom = _start;
            while (true)
            {
                int nl = _end > scanFrom ? new ReadOnlySpan<byte>(_bytes, scanFrom, _end - scanFrom).IndexOf((byte)'\n') : -1;
                if (nl >= 0)
                {
                    int lineEnd = scanFrom + nl;
                    line = Line(_start, lineEnd - _start);
                    LastLineFullLength = lineEnd - _start;
                    _start = lineEnd + 1;
                    return true;
                }

                int pending = _end - _start;
                if (pending >= MaxLineLength)
                {
                    // Decoded into _chars: skipping reuses the byte buffer, and the widened copy is left alone until the next call.
                    line = Decode(_start, MaxLineLength);
                    LastLineTruncated = true;
                    LastLineFullLength = SkipRestOfLine(pending);
                    _wideStale = true;
                    return true;
                }

                if (_eof)
                {
                    if (pending == 0)
                    {
                        line = default;
                        return false;
                    }
                    line = Line(_start, pending);
                    LastLineFullLength = pending;
                    _start = _end;
                    return true;
                }

                Fill(); // compacts the buffer: the pending bytes now start at _start
                scanFrom = _start + pending;
            }
        }

        private ReadOnlySpan<char> Line(int offset, int count)
        {
#if NET8_0_OR_GREATER
            if (offset + count <= _wideEnd)
            {
                _first = false; // a byte order mark is not ASCII: this line has none
                return new ReadOnlySpan<char>(_wide, offset, count);
            }
#endif
            return Decode(offset, count);
        }

        /// <summary>Widens the ASCII bytes from <see cref="_wideEnd"/> on, up to the first other byte.</summary>
        private void Widen()
        {
#if NET8_0_OR_GREATER
            if (_wideEnd >= _end) return;
            System.Text.Ascii.ToUtf16(new ReadOnlySpan<byte>(_bytes, _wideEnd, _end - _wideEnd), new Span<char>(_wide, _wideEnd, _end - _wideEnd), out int widened);
            _wideEnd += widened;
#endif
        }

        private void Fill()
        {
            if (_start > 0)
            {
                int pending = _end - _start;
                if (pending > 0) Buffer.BlockCopy(_bytes, _start, _bytes, 0, pending);
                int widePending = _wideEnd - _start;
                if (widePending > 0) Array.Copy(_wide, _start, _wide, 0, widePending);
                _wideEnd = Math.Max(0, widePending);
                _start = 0;
                _end = pending;
            }
            if (_end == _bytes.Length)
            {
                int size = Math.Min(Math.Max(_bytes.Length * 2, 1024), MaxLineLength + 1);
                if (size <= _bytes.Length) size = _bytes.Length + 4096;
                Array.Resize(ref _bytes, size);
#if NET8_0_OR_GREATER
                Array.Resize(ref _wide, size);
#endif
            }
            int before = _end;
            int read = _stream.Read(_bytes, _end, _bytes.Length - _end);
            if (read <= 0) _eof = true;
            else _end += read;
            if (_wideEnd == before) Widen(); // everything there before was widened: go on into the new bytes
        }

        /// <summary>Skips to the byte after the next <c>\n</c>, reading the stream in chunks; returns the line's full length.</summary>
        private long SkipRestOfLine(int alreadyBuffered)
        {
            long length = alreadyBuffered;
            _start = _end;
            while (true)
            {
                if (_start == _end)
                {
                    _start = _end = 0;
                    if (_eof) return length;
                    int read = _stream.Read(_bytes, 0, _bytes.Length);
                    if (read <= 0)
                    {
                        _eof = true;
                        return length;
                    }
                    _end = read;
                }
                int nl = new ReadOnlySpan<byte>(_bytes, _start, _end - _start).IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    length += nl;
                    _start += nl + 1;
                    return length;
                }
                length += _end - _start;
                _start = _end;
            }
        }

        private ReadOnlySpan<char> Decode(int offset, int count)
        {
            if (_first)
            {
                _first = false;
                // A UTF-8 byte order mark is not part of the text.
                if (count >= 3 && _bytes[offset] == 0xEF && _bytes[offset + 1] == 0xBB && _bytes[offset + 2] == 0xBF)
                {
                    offset += 3;
                    count -= 3;
                }
            }
            if (_chars.Length < count) _chars = new char[Math.Max(count, _chars.Length * 2)];

            // The runtime's UTF-8 decoder is vectorised; invalid bytes become U+FFFD.
            int n = Utf8.GetChars(_bytes, offset, count, _chars, 0);
            var chars = new ReadOnlySpan<char>(_chars, 0, n);
            if (chars.IndexOf('\uFFFD') >= 0 && new ReadOnlySpan<byte>(_bytes, offset, count).IndexOf(ReplacementCharacterUtf8) < 0)
                LastLineInvalidEncoding = true;
            return chars;
        }

        public override void Dispose()
        {
            if (_ownsStream) _stream.Dispose();
        }
    }
}
