using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Lines from another source, with the prefixes an editor, viewer or terminal logger put in front of every line of a
    /// block found (<see cref="LinePrefixBlock"/>): the line is handed on whole, and <see cref="PrefixLength"/> says how
    /// much of it is prefix. A line that could start a block makes it read a few lines ahead (copied aside); other lines
    /// pass through untouched.
    /// </summary>
    internal sealed class PrefixedLineSource : LineSource
    {
        private const int MaxLookahead = 8;
        private readonly LineSource _inner;
        private readonly LinePrefixBlock _block = new LinePrefixBlock();
        private readonly LinePrefixBlock _trial = new LinePrefixBlock();

        // Lines read ahead, oldest first, in a ring one longer than the look-ahead: the slot just handed out is never
        // refilled before the next call.
        private readonly Slot[] _ring = new Slot[MaxLookahead + 2];
        private int _head;
        private int _count;
        private Slot _current = new Slot();
        private bool _engaged;

        public PrefixedLineSource(LineSource inner)
            : base(inner.MaxLineLength)
        {
            _inner = inner;
            for (int i = 0; i < _ring.Length; i++) _ring[i] = new Slot();
        }

        /// <summary>Characters at the start of the last line that are a prefix (0 for none).</summary>
        public int PrefixLength { get; private set; }

        /// <summary>The kind of the last line's prefix.</summary>
        public LinePrefixKind PrefixKind { get; private set; }

        /// <summary>Counts the blocks found; the last line's prefix belongs to block number <see cref="BlockNumber"/>.</summary>
        public int BlockNumber { get; private set; }

        /// <summary>
        /// True while lines read ahead wait or a block is open: the next line must come through <see cref="TryReadLine"/>.
        /// Otherwise a reader may take lines from <see cref="Inner"/> and call <see cref="TryStart"/> for those that
        /// <see cref="LinePrefix.MayStartAt"/>.
        /// </summary>
        public bool Engaged => _engaged;

        /// <summary>The source this one reads from.</summary>
        public LineSource Inner => _inner;

        /// <summary>
        /// For a line taken from <see cref="Inner"/> while not <see cref="Engaged"/>: starts a block there when the lines
        /// after it make one (and sets <see cref="PrefixLength"/>). Takes over the line's flags; <paramref name="line"/>
        /// then points at a copy, since reading ahead reuses the inner source's buffer.
        /// </summary>
        public bool TryStart(ref ReadOnlySpan<char> line, bool truncated, long fullLength, bool invalidEncoding)
        {
            PrefixLength = 0;
            PrefixKind = LinePrefixKind.None;
            LastLineTruncated = truncated;
            LastLineFullLength = fullLength;
            LastLineInvalidEncoding = invalidEncoding;
            bool started = TryStartBlock(ref line, buffered: false);
            _engaged = _count > 0 || _block.Active;
            return started;
        }

        public override bool TryReadLine(out ReadOnlySpan<char> line)
        {
            bool read = ReadLine(out line);
            _engaged = _count > 0 || _block.Active;
            return read;
        }

        private bool ReadLine(out ReadOnlySpan<char> line)
        {
            PrefixLength = 0;
            PrefixKind = LinePrefixKind.None;
            bool buffered = _count > 0;
            if (buffered)
            {
                var slot = _ring[_head];
                _head = (_head + 1) % _ring.Length;
                _count--;
                line = slot.Line;
                LastLineTruncated = slot.Truncated;
                LastLineFullLength = slot.FullLength;
                LastLineInvalidEncoding = slot.InvalidEncoding;
            }
            else
            {
                if (!_inner.TryReadLine(out line)) return false;
                LastLineTruncated = _inner.LastLineTruncated;
                LastLineFullLength = _inner.LastLineFullLength;
                LastLineInvalidEncoding = _inner.LastLineInvalidEncoding;
            }

            if (_block.Active)
            {
                if (LinePrefix.TryRead(line, out var p) && _block.Matches(line, p))
                {
                    _block.Advance(p);
                    if (!_block.IsLog && !LinePrefixBlock.IsLogLine(line, p.Kind)) Strip(line, p.Length);
                    return true;
                }
                if (IsBlank(line)) return true;
                // A line without the block's prefix: another block may start here, or this one goes on past a wrapped line.
                if (TryStartBlock(ref line, buffered)) return true;
                _block.Miss();
                return true;
            }

            TryStartBlock(ref line, buffered);
            return true;
        }

        /// <summary>Starts a block at this line when it and the lines after it carry the same prefix; strips this line's.</summary>
        private bool TryStartBlock(ref ReadOnlySpan<char> line, bool buffered)
        {
            if (!LinePrefix.TryRead(line, out var first)) return false;
            if (!buffered)
            {
                // Reading ahead reuses the inner source's buffer: keep this line aside first.
                _current.Set(line, LastLineTruncated, LastLineFullLength, LastLineInvalidEncoding);
                line = _current.Line;
            }
            _trial.Start(line, first, isLog: false);
            int matched = 1, seen = 0;
            for (int k = 0; k < MaxLookahead && matched < LinePrefixBlock.Window; k++)
            {
                if (!Peek(k, out var next)) break;
                seen = k + 1;
                if (IsBlank(next)) continue;
                if (!LinePrefix.TryRead(next, out var p) || !_trial.Matches(next, p)) return false;
                _trial.Advance(p);
                matched++;
            }
            if (matched < LinePrefixBlock.Window) return false;
            // Prefixes the event reader reads as the log's own times or sequence numbers are left alone.
            bool isLog = LinePrefixBlock.IsLogLine(line, first.Kind);
            for (int k = 0; k < seen && !isLog; k++)
            {
                Peek(k, out var next);
                if (!IsBlank(next)) isLog = LinePrefixBlock.IsLogLine(next, first.Kind);
            }
            _block.Start(line, first, isLog);
            BlockNumber++;
            if (!isLog) Strip(line, first.Length);
            return true;
        }

        private void Strip(ReadOnlySpan<char> line, int length)
        {
            PrefixLength = Math.Min(length, line.Length);
            PrefixKind = _block.Kind;
        }

        /// <summary>The line <paramref name="k"/> places after the current one, read ahead if need be.</summary>
        private bool Peek(int k, out ReadOnlySpan<char> line)
        {
            while (_count <= k)
            {
                if (!_inner.TryReadLine(out var read))
                {
                    line = default;
                    return false;
                }
                _ring[(_head + _count) % _ring.Length].Set(read, _inner.LastLineTruncated, _inner.LastLineFullLength, _inner.LastLineInvalidEncoding);
                _count++;
            }
            line = _ring[(_head + k) % _ring.Length].Line;
            return true;
        }

        private static bool IsBlank(ReadOnlySpan<char> line) => line.TrimWhiteSpace().IsEmpty;

        public override void Dispose() => _inner.Dispose();

        /// <summary>A line copied aside with what the source said about it.</summary>
        private sealed class Slot
        {
            private char[] _chars = new char[128];
            private int _length;

            public bool Truncated;
            public long FullLength;
            public bool InvalidEncoding;

            public ReadOnlySpan<char> Line => new ReadOnlySpan<char>(_chars, 0, _length);

            public void Set(ReadOnlySpan<char> line, bool truncated, long fullLength, bool invalidEncoding)
            {
                if (_chars.Length < line.Length) _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
                line.CopyTo(_chars);
                _length = line.Length;
                Truncated = truncated;
                FullLength = fullLength;
                InvalidEncoding = invalidEncoding;
            }
        }
    }
}
