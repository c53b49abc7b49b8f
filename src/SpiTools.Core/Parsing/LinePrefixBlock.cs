using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A block of lines that all carry the same kind of prefix: numbers counting up by one, the same quote marker, or
    /// timestamps of one shape. A block is made by <see cref="Window"/> lines in a row (blank lines aside); it goes on
    /// across one line without the prefix (a wrapped line) and ends at the second.
    /// </summary>
    internal sealed class LinePrefixBlock
    {
        /// <summary>Lines in a row that make a block.</summary>
        public const int Window = 3;

        private long _next;
        private char _mark;
        private char[] _shape = new char[48];
        private int _shapeLength;
        private int _misses;

        /// <summary>The kind of the block; <see cref="LinePrefixKind.None"/> outside a block.</summary>
        public LinePrefixKind Kind { get; private set; }

        /// <summary>The prefixes are the log's own header (a syslog file's times, IOS sequence numbers): lines pass unchanged.</summary>
        public bool IsLog { get; private set; }

        public bool Active => Kind != LinePrefixKind.None;

        /// <summary>Starts a block at a line carrying <paramref name="first"/>.</summary>
        public void Start(ReadOnlySpan<char> line, in LinePrefix first, bool isLog)
        {
            Kind = first.Kind;
            IsLog = isLog;
            _mark = first.Mark;
            _next = first.Number + 1;
            _misses = 0;
            var shape = ShapeText(line, first);
            if (_shape.Length < shape.Length) _shape = new char[shape.Length];
            for (int i = 0; i < shape.Length; i++) _shape[i] = LinePrefix.ShapeOf(shape[i]);
            _shapeLength = shape.Length;
        }

        /// <summary>The line's prefix continues the block.</summary>
        public bool Matches(ReadOnlySpan<char> line, in LinePrefix p)
        {
            if (p.Kind != Kind) return false;
            switch (Kind)
            {
                case LinePrefixKind.Number:
                    // After a line without a number, the next number or the one after: that line was a wrapped part of
                    // the line before it, or a line that lost its number.
                    return (p.Number == _next || (_misses > 0 && p.Number == _next + 1)) && (p.Bare || p.Mark == _mark || _mark == '\0');
                case LinePrefixKind.Marker:
                    // A quote holds deeper quotes (the mail it answered): every depth belongs to the block.
                    return p.Mark == _mark;
                case LinePrefixKind.Timestamp:
                    {
                        var shape = ShapeText(line, p);
                        if (shape.Length != _shapeLength) return false;
                        for (int i = 0; i < shape.Length; i++)
                            if (LinePrefix.ShapeOf(shape[i]) != _shape[i]) return false;
                        return true;
                    }
                default:
                    return false;
            }
        }

        /// <summary>A line that matched: the next number is expected, and the run of misses is over.</summary>
        public void Advance(in LinePrefix p)
        {
            if (Kind == LinePrefixKind.Number) _next = p.Number + 1;
            if (_mark == '\0' && !p.Bare) _mark = p.Mark;
            _misses = 0;
        }

        /// <summary>A line without the prefix: the second in a row ends the block.</summary>
        public void Miss()
        {
            if (++_misses < 2) return;
            Kind = LinePrefixKind.None;
            IsLog = false;
        }

        /// <summary>
        /// True when the line, prefix included, is what the event reader takes for a log line (a time or sequence number
        /// followed by a syslog code or a debug facility): its prefix is the log's own, not an editor's or a logger's.
        /// </summary>
        public static bool IsLogLine(ReadOnlySpan<char> line, LinePrefixKind kind)
        {
            if (kind == LinePrefixKind.Marker) return false;
            return LogLinePrefix.IsLogMessage(line);
        }

        private static ReadOnlySpan<char> ShapeText(ReadOnlySpan<char> line, in LinePrefix p)
        {
            var text = line.Slice(0, p.Length);
            int end = text.Length;
            while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\r')) end--;
            return text.Slice(0, end);
        }
    }
}
