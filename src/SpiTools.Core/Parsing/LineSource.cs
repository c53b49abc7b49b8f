using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Splits input into lines on <c>\n</c> through reused buffers. A line longer than the limit is cut at the
    /// limit and the rest of it skipped without being buffered, so one huge line costs bounded memory.
    /// Carriage returns are left in the line for <see cref="LineRepairer"/> to interpret.
    /// </summary>
    internal abstract class LineSource : IDisposable
    {
        protected LineSource(int maxLineLength)
        {
            MaxLineLength = Math.Max(16, maxLineLength);
        }

        /// <summary>Longest line kept, in characters (bytes for a stream).</summary>
        public int MaxLineLength { get; }

        /// <summary>True when the last line read was cut at <see cref="MaxLineLength"/>.</summary>
        public bool LastLineTruncated { get; protected set; }

        /// <summary>Length of the last line before it was cut (at least <see cref="MaxLineLength"/> when truncated).</summary>
        public long LastLineFullLength { get; protected set; }

        /// <summary>True when the last line held bytes that are not valid UTF-8 (replaced with U+FFFD).</summary>
        public bool LastLineInvalidEncoding { get; protected set; }

        /// <summary>Reads the next line; false at the end of input. The span is valid until the next call.</summary>
        public abstract bool TryReadLine(out ReadOnlySpan<char> line);

        public virtual void Dispose()
        {
        }
    }
}
