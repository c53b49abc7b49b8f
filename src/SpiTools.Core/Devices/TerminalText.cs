using System;
using System.Text;

namespace SpiTools.Devices
{
    /// <summary>
    /// Turns what a device writes to a terminal into plain lines, chunk by chunk (a sequence may be split across
    /// chunks): <c>\r\n</c>, <c>\n\r</c>, <c>\r\r\n</c> and <c>\r\n\r</c> end a line; a lone <c>\r</c> returns to
    /// the line's start (what follows overwrites a line that holds only blanks, else starts a new line, so no
    /// printed text is lost); backspaces move left and what follows overwrites; <c>ESC [ … K</c> erases; other
    /// escape sequences (colours, cursor keys, title strings) and control characters are dropped.
    /// Committed lines end with <c>\n</c>; the line being written (a prompt, a pager) is <see cref="CurrentLine"/>.
    /// </summary>
    internal sealed class TerminalText
    {
        private enum State { Text, Escape, Csi, Osc, OscEscape, Charset }

        private readonly StringBuilder _committed = new StringBuilder();
        private readonly StringBuilder _line = new StringBuilder();
        private readonly StringBuilder _csi = new StringBuilder();
        private int _cursor;
        private bool _overwritten;
        private bool _pendingReturn;
        private State _state;

        /// <summary>Committed lines, each ending with <c>\n</c>.</summary>
        public string Committed => _committed.ToString();

        /// <summary>Length of the committed text.</summary>
        public int CommittedLength => _committed.Length;

        /// <summary>Number of committed lines.</summary>
        public int LineCount { get; private set; }

        /// <summary>The line being written (not yet ended by a newline).</summary>
        public string CurrentLine => _line.ToString();

        /// <summary>Characters held in all (committed and current).</summary>
        public int Length => _committed.Length + _line.Length;

        /// <summary>Drops the line being written (a pager prompt once answered).</summary>
        public void ClearCurrentLine()
        {
            _line.Length = 0;
            _cursor = 0;
            _overwritten = false;
            _pendingReturn = false;
        }

        /// <summary>Committed lines and the current line, as text.</summary>
        public override string ToString() => _line.Length == 0 ? Committed : Committed + _line.ToString();

        /// <summary>Feeds a chunk as it arrived.</summary>
        public void Append(string chunk)
        {
            foreach (char c in chunk)
                Feed(c);
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
                    if (c >= '@' && c <= '~') { _state = State.Text; ApplyCsi(c, _csi.ToString()); }
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
                    if (_line.Length > 0 && IsBlank(_line)) _overwritten = true; // blanks written to erase, then returned over
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

        private void Put(char c)
        {
            if (_pendingReturn)
            {
                _pendingReturn = false;
                if (IsBlank(_line)) { _cursor = 0; _overwritten = _line.Length > 0; }
                else Commit();
            }
            if (_cursor < _line.Length) { _line[_cursor] = c; _overwritten = true; }
            else
            {
                while (_line.Length < _cursor) _line.Append(' ');
                _line.Append(c);
            }
            _cursor++;
        }

        private void ApplyCsi(char final, string parameters)
        {
            int n = 0;
            bool hasN = false;
            foreach (char p in parameters)
            {
                if (p >= '0' && p <= '9') { if (n < 10000) n = n * 10 + (p - '0'); hasN = true; }
                else break;
            }
            switch (final)
            {
                case 'K':
                    if (_pendingReturn) { _pendingReturn = false; _line.Length = 0; _cursor = 0; _overwritten = true; return; }
                    if (n == 0) { if (_cursor < _line.Length) _line.Length = _cursor; }
                    else if (n == 1) { for (int i = 0; i < _cursor && i < _line.Length; i++) _line[i] = ' '; }
                    else { _line.Length = 0; _cursor = 0; }
                    _overwritten = true;
                    return;
                case 'D':
                    _cursor = Math.Max(0, _cursor - (hasN ? Math.Max(n, 1) : 1));
                    _overwritten = true;
                    return;
                case 'C':
                    _cursor += hasN ? Math.Max(n, 1) : 1;
                    return;
                case 'G':
                    _cursor = Math.Max(0, (hasN ? n : 1) - 1);
                    _overwritten = true;
                    return;
                default:
                    return; // colours (m), clear screen (J), cursor position (H) and the rest: no text
            }
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
            _committed.Append(_line).Append('\n');
            LineCount++;
            _line.Length = 0;
            _cursor = 0;
            _overwritten = false;
        }

        private static bool IsBlank(StringBuilder sb)
        {
            for (int i = 0; i < sb.Length; i++)
                if (sb[i] != ' ' && sb[i] != '\t') return false;
            return true;
        }
    }
}
