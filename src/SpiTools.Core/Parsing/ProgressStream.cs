using System;
using System.IO;

namespace SpiTools.Parsing
{
    /// <summary>A read-only pass-through stream that reports the bytes read so far after each read (for progress bars).</summary>
    internal sealed class ProgressStream : Stream
    {
        private readonly Stream _inner;
        private readonly Action<long> _bytesRead;
        private long _total;

        public ProgressStream(Stream inner, Action<long> bytesRead)
        {
            _inner = inner;
            _bytesRead = bytesRead;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            _total += n;
            _bytesRead(_total);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
