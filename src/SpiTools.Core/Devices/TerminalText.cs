using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>
    /// Turns what a device writes to a terminal into plain lines, chunk by chunk (a sequence may be split across
    /// chunks): <c>\r\n</c>, <c>\n\r</c>, <c>\r\r\n</c> and <c>\r\n\r</c> end a line; a lone <c>\r</c> returns to
    /// the line's start (what follows overwrites a line that holds only blanks, else starts a new line, so no
    /// printed text is lost); backspaces move left and what follows overwrites; <c>ESC [ … K</c> erases; other
    /// escape sequences (colours, cursor keys, title strings) and control characters are dropped.
    /// Committed lines end with <c>\n</c>; the line being written (a prompt, a pager) is <see cref="CurrentLine"/>.
    /// <para>
    /// Bounded whatever the device sends: cursor movement stops at the right margin of the terminal the session
    /// asked for (<see cref="Width"/> columns), a line longer than <see cref="MaxLineLength"/> is cut there (counted
    /// in <see cref="CutLines"/>), and the work per character is bounded by the width, so the time is linear in
    /// the input. Memory grows only with the text committed, which the caller bounds.
    /// </para>
    /// </summary>
    internal sealed class TerminalText
    {
        /// <summary>The terminal width the sessions ask for (the SSH pseudo-terminal's columns).</summary>
        public const int DefaultWidth = 512;

        /// <summary>Longest line kept; the rest of a longer line is dropped and the line counted as cut.</summary>
        public const int DefaultMaxLineLength = 16 * 1024;

        /// <summary>Longest line <see cref="ShortCurrentLine"/> returns: prompts, pagers and password prompts are far shorter.</summary>
        public const int PromptScanLength = 1024;

        /// <summary>Characters fed between two looks at the caller's deadline and cancellation.</summary>
        internal const int CheckEvery = 4096;

        private enum State { Text, Escape, Csi, Osc, OscEscape, Charset }

        private readonly StringBuilder _committed = new StringBuilder();
        private readonly StringBuilder _line = new StringBuilder();
        private readonly StringBuilder _csi = new StringBuilder();
        private readonly List<int> _lineStarts = new List<int>();
        private int _cursor;
        private bool _overwritten;
        private bool _pendingReturn;
        private bool _lineCut;
        private int _nonBlank;   // characters of _line other than ' ' and '\t'
        private int _blankBelow; // every position of _line below this is blank
        private int _version;
        private int _cachedVersion = -1;
        private string _cachedLine = "";
        private State _state;

        /// <summary>A terminal of <see cref="DefaultWidth"/> columns.</summary>
        public TerminalText() : this(DefaultWidth, DefaultMaxLineLength) { }

        /// <summary>A terminal of <paramref name="width"/> columns whose lines are cut at <paramref name="maxLineLength"/> characters.</summary>
        public TerminalText(int width, int maxLineLength = DefaultMaxLineLength)
        {
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(width));
            if (maxLineLength < width) throw new ArgumentOutOfRangeException(nameof(maxLineLength));
            Width = width;
            MaxLineLength = maxLineLength;
        }

        /// <summary>Columns: the cursor never moves past the right margin (it still follows text written beyond it).</summary>
        public int Width { get; }

        /// <summary>Longest line kept.</summary>
        public int MaxLineLength { get; }

        /// <summary>Lines that were longer than <see cref="MaxLineLength"/> and were cut there.</summary>
        public int CutLines { get; private set; }

        /// <summary>Committed lines, each ending with <c>\n</c>.</summary>
        public string Committed => _committed.ToString();

        /// <summary>Length of the committed text.</summary>
        public int CommittedLength => _committed.Length;

        /// <summary>Number of committed lines.</summary>
        public int LineCount { get; private set; }

        /// <summary>The line being written (not yet ended by a newline).</summary>
        public string CurrentLine
        {
            get
            {
                if (_cachedVersion != _version)
                {
                    _cachedLine = _line.ToString();
                    _cachedVersion = _version;
                }
                return _cachedLine;
            }
        }

        /// <summary>
        /// The line being written when it is at most <see cref="PromptScanLength"/> characters long (what a prompt,
        /// a pager or a password prompt can be), else an empty string: a cheap look after every chunk.
        /// </summary>
        public string ShortCurrentLine => _line.Length <= PromptScanLength ? CurrentLine : "";

        /// <summary>Characters held in all (committed and current).</summary>
        public int Length => _committed.Length + _line.Length;

        /// <summary>Drops the line being written (a pager prompt once answered).</summary>
        public void ClearCurrentLine()
        {
            ResetLine();
            _pendingReturn = false;
        }

        /// <summary>Committed lines and the current line, as text.</summary>
        public override string ToString() => _line.Length == 0 ? Committed : Committed + CurrentLine;

        /// <summary>The first <paramref name="max"/> characters of the committed text (an excerpt of a cut output).</summary>
        public string Head(int max) => _committed.ToString(0, Math.Min(Math.Max(0, max), _committed.Length));

        /// <summary>The first <paramref name="count"/> committed lines (fewer when there are fewer), without their <c>\n</c>.</summary>
        public List<string> FirstLines(int count)
        {
            var lines = new List<string>();
            for (int i = 0; i < count && i < _lineStarts.Count; i++)
            {
                int start = _lineStarts[i];
                int end = i + 1 < _lineStarts.Count ? _lineStarts[i + 1] : _committed.Length;
                lines.Add(_committed.ToString(start, end - start - 1));
            }
            return lines;
        }

        /// <summary>The committed text from line <paramref name="line"/> on (0: all of it), in one copy.</summary>
        public string CommittedFrom(int line)
        {
            if (line <= 0) return Committed;
            if (line >= LineCount) return "";
            if (line >= IndexedLines) throw new ArgumentOutOfRangeException(nameof(line), "only the first lines are indexed");
            return _committed.ToString(_lineStarts[line], _committed.Length - _lineStarts[line]);
        }

        /// <summary>Feeds a chunk as it arrived.</summary>
        public void Append(string chunk) => Append(chunk, CancellationToken.None, null);

        /// <summary>
        /// Feeds a chunk as it arrived, looking at <paramref name="cancellationToken"/> and <paramref name="stop"/> every
        /// <see cref="CheckEvery"/> characters: cancellation throws, and <paramref name="stop"/> returning true (a deadline
        /// passed, the output grew past its budget) drops the rest of the chunk and returns false.
        /// </summary>
        public bool Append(string chunk, CancellationToken cancellationToken, Func<bool>? stop)
        {
            if (chunk is null) throw new ArgumentNullException(nameof(chunk));
            for (int i = 0; i < chunk.Length; i++)
            {
                if (i % CheckEvery == CheckEvery - 1)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (stop != null && stop()) return false;
                }
                Feed(chunk[i]);
            }
            return true;
        }

        private void Feed(char c)
        {
            switch (_state)
            {
                case State.Escape:
                    if (c == '[') { _state = State.Csi; _csi.Length = 0; }
                    else if (c == ']') _state = State.Osc;
                    else if (c == '(' || c == ')' || c == '#') _state = State.Charset;
                    else _state = State.Text; // ESC 7, ESC 8, ESC =, ESC >, ESC c …: dropped
                    return;
                case State.Charset:
                    _state = State.Text;
                    return;
                case State.Osc:
                    if (c == '\a') _state = State.Text;
                    else if (c == '\x1b') _state = State.OscEscape;
                    return;
                case State.OscEscape:
                    _state = c == '\\' ? State.Text : State.Osc;
                    return;
                case State.Csi:
                    if (c >= '@' && c <= '~') { _state = State.Text; ApplyCsi(c); }
                    else if (_csi.Length < 32) _csi.Append(c);
                    return;
            }

            switch (c)
            {
                case '\n':
                    Commit();
                    return;
                case '\r':
                    _pendingReturn = true;
                    if (_line.Length > 0 && _nonBlank == 0) _overwritten = true; // blanks written to erase, then returned over
                    return;
                case '\x1b':
                    _state = State.Escape;
                    return;
                case '\b':
                    if (_pendingReturn) return;
                    if (_cursor > 0) _cursor--;
                    _overwritten = true;
                    return;
                case '\t':
                    Put(c);
                    return;
            }
            if (c < ' ' || c == '\x7f' || (c >= '\x80' && c < '\xa0')) return; // other control characters
            Put(c);
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t';

        private void Put(char c)
        {
            if (_pendingReturn)
            {
                _pendingReturn = false;
                if (_nonBlank == 0) { bool had = _line.Length > 0; _cursor = 0; _overwritten = had; }
                else Commit();
            }
            if (_cursor >= MaxLineLength)
            {
                _lineCut = true; // the rest of an over-long line is dropped
                return;
            }
            bool blank = IsBlank(c);
            if (_cursor < _line.Length)
            {
                if (!IsBlank(_line[_cursor])) _nonBlank--;
                _line[_cursor] = c;
                _overwritten = true;
            }
            else
            {
                // Padding is at most the width: the cursor passes the text only by cursor movement, which stops at the margin.
                if (_cursor > _line.Length) _line.Append(' ', _cursor - _line.Length);
                _line.Append(c);
            }
            if (!blank)
            {
                _nonBlank++;
                if (_cursor < _blankBelow) _blankBelow = _cursor;
            }
            _cursor++;
            _version++;
        }

        private void ApplyCsi(char final)
        {
            int n = 0;
            bool hasN = false;
            for (int i = 0; i < _csi.Length; i++)
            {
                char p = _csi[i];
                if (p >= '0' && p <= '9') { if (n < 10000) n = n * 10 + (p - '0'); hasN = true; }
                else break;
            }
            int margin = Width - 1;
            switch (final)
            {
                case 'K':
                    if (_pendingReturn) { _pendingReturn = false; ResetLine(); _overwritten = true; return; }
                    if (n == 0) Truncate(_cursor);
                    else if (n == 1) EraseLeft();
                    else { ResetLine(); }
                    _overwritten = true;
                    _version++;
                    return;
                case 'D':
                    _cursor = Math.Max(0, _cursor - (hasN ? Math.Max(n, 1) : 1));
                    _overwritten = true;
                    return;
                case 'C':
                    // Stops at the right margin; a cursor already past it (text written beyond the width) stays.
                    if (_cursor < margin) _cursor = Math.Min(margin, _cursor + (hasN ? Math.Max(n, 1) : 1));
                    return;
                case 'G':
                    _cursor = Math.Min(margin, Math.Max(0, (hasN ? n : 1) - 1));
                    _overwritten = true;
                    return;
                default:
                    return; // colours (m), clear screen (J), cursor position (H) and the rest: no text
            }
        }

        /// <summary>Erase to the end of the line: what is removed was written (or padded up to the width) first.</summary>
        private void Truncate(int at)
        {
            if (at >= _line.Length) return;
            for (int i = at; i < _line.Length; i++)
                if (!IsBlank(_line[i])) _nonBlank--;
            _line.Length = at;
        }

        /// <summary>Erase from the start of the line to the cursor: only what is past the known blank prefix is looked at.</summary>
        private void EraseLeft()
        {
            int end = Math.Min(_cursor, _line.Length);
            for (int i = _blankBelow; i < end; i++)
            {
                if (!IsBlank(_line[i])) _nonBlank--;
                _line[i] = ' ';
            }
            if (end > _blankBelow) _blankBelow = end;
        }

        private void ResetLine()
        {
            _line.Length = 0;
            _cursor = 0;
            _overwritten = false;
            _nonBlank = 0;
            _blankBelow = 0;
            _lineCut = false;
            _version++;
        }

        private void Commit()
        {
            _pendingReturn = false;
            if (_overwritten)
            {
                int end = _line.Length;
                while (end > 0 && _line[end - 1] == ' ') end--;
                _line.Length = end;
            }
            if (_lineCut) CutLines++;
            if (_lineStarts.Count < IndexedLines) _lineStarts.Add(_committed.Length);
            _committed.Append(_line).Append('\n');
            LineCount++;
            ResetLine();
        }

        /// <summary>Committed lines whose start is remembered (the echo and error lines at the head of an output).</summary>
        private const int IndexedLines = 8;
    }
}
