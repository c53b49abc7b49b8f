using System;
using System.Text;
using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>
    /// The read loop of every shell channel (SpiTools' own SSH.NET shell, and a Posh-SSH shell stream reached by
    /// reflection): waits for a shell stream's data in short slices, reads what has arrived, decodes it as UTF-8 across
    /// chunk boundaries, and tells an empty wait (<c>""</c>) from the far end's close (<c>null</c>), as
    /// <see cref="IDeviceChannel.Read"/> promises. The channel gives it the stream's members as delegates and calls
    /// <see cref="Arrived"/> from the stream's data notification and <see cref="Ended"/> from its close notification.
    /// </summary>
    /// <remarks>
    /// <para>
    /// SSH libraries queue whatever arrives, without bound: SSH.NET opens every channel with a window of 2 GiB and
    /// widens it again as data is received, not as it is read, so a device that sends faster than the session reads
    /// grows the queue until the session ends (about 400 MiB for one device flooding over loopback). The data
    /// notification is raised on the library's receiving thread once a packet is queued, so <see cref="Arrived"/> holds
    /// that thread while more than <see cref="QueueLimit"/> bytes wait unread: the library then takes nothing more from
    /// the socket, TCP's own flow control stops the device, and the queue stays under the limit plus one packet.
    /// Reading below the limit, closing the channel or disposing the reader lets the thread go at once.
    /// </para>
    /// <para>Reads come from one thread (the session's); <see cref="Arrived"/>, <see cref="Ended"/> and
    /// <see cref="Close"/> may come from any.</para>
    /// </remarks>
    public sealed class ShellReader : IDisposable
    {
        /// <summary>The most a shell stream may hold unread before its receiving thread is held: 1 MiB.</summary>
        public const int QueueLimit = 1024 * 1024;

        /// <summary>Bytes taken from the stream at a time.</summary>
        public const int ChunkBytes = 16 * 1024;

        private readonly Func<bool?> _dataAvailable;
        private readonly Func<byte[], int> _read;
        private readonly Func<bool> _farEndOpen;
        private readonly Func<long>? _queued;
        private readonly TimeSpan _slice;
        private readonly ManualResetEventSlim _arrived = new ManualResetEventSlim(false);
        private readonly ManualResetEventSlim _drained = new ManualResetEventSlim(false);
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly byte[] _buffer = new byte[ChunkBytes];
        private readonly object _readLock = new object();
        private volatile bool _closed;
        private int _disposed;

        /// <summary>A read loop over one shell stream.</summary>
        /// <param name="dataAvailable">Whether the stream holds unread data; <c>null</c> once the stream is gone (disposed, or its owner failed).</param>
        /// <param name="read">Reads into the buffer from its start, at most its length, without waiting; 0 or less once the stream is gone.</param>
        /// <param name="farEndOpen">False once the far end is known to be closed (the session dropped, the stream no longer writable).</param>
        /// <param name="queued">How many bytes the stream holds unread, for the hold of <see cref="Arrived"/>; <c>null</c> when the stream cannot say (nothing is then held).</param>
        /// <param name="slice">Longest wait between two looks at the stream, whatever the notifications say.</param>
        public ShellReader(Func<bool?> dataAvailable, Func<byte[], int> read, Func<bool> farEndOpen, Func<long>? queued, TimeSpan slice)
        {
            _dataAvailable = dataAvailable ?? throw new ArgumentNullException(nameof(dataAvailable));
            _read = read ?? throw new ArgumentNullException(nameof(read));
            _farEndOpen = farEndOpen ?? throw new ArgumentNullException(nameof(farEndOpen));
            _queued = queued;
            if (slice <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(slice), "A slice is longer than zero.");
            _slice = slice;
        }

        /// <summary>True once the far end closed or the channel was closed (data already queued may still be read).</summary>
        public bool IsClosed => _closed || _disposed != 0;

        /// <summary>
        /// Returns what has arrived, waiting at most <paramref name="timeout"/> for the first byte: an empty string when
        /// nothing came in time, <c>null</c> when the stream is closed and everything it held was read.
        /// </summary>
        public string? Read(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_disposed != 0) return null;
                Reset(_arrived);
                var available = Available();
                if (available is null) return null;
                if (available.Value)
                {
                    var text = ReadAvailable();
                    if (text is null) return null;
                    if (text.Length > 0) return text;
                }
                else if (_closed || !FarEndOpen())
                {
                    _closed = true;
                    // Data may have landed between the look and the close: one more look, then the end.
                    if (Available() != true) return null;
                    continue;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return "";
                try { _arrived.Wait(left < _slice ? left : _slice, cancellationToken); }
                catch (ObjectDisposedException) { return null; }
            }
        }

        /// <summary>
        /// The stream's data notification: wakes the reader, then holds the calling (receiving) thread while more than
        /// <see cref="QueueLimit"/> bytes wait unread, until the reader takes them or the channel closes.
        /// </summary>
        public void Arrived()
        {
            Set(_arrived);
            if (_queued is null) return;
            while (!IsClosed)
            {
                Reset(_drained);
                if (Queued() <= QueueLimit || IsClosed) return;
                try { _drained.Wait(_slice); }
                catch (ObjectDisposedException) { return; }
            }
        }

        /// <summary>The stream's close or error notification: the far end is gone; the reader drains what is left.</summary>
        public void Ended()
        {
            _closed = true;
            Set(_arrived);
            Set(_drained);
        }

        /// <summary>Stops reading: reads return <c>null</c> once what is queued is gone, and a held receiving thread goes.</summary>
        public void Close() => Ended();

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Ended();
            _arrived.Dispose();
            _drained.Dispose();
        }

        private string? ReadAvailable()
        {
            lock (_readLock)
            {
                int n;
                try { n = _read(_buffer); }
                catch (ObjectDisposedException) { n = -1; }
                Set(_drained);
                if (n <= 0)
                {
                    _closed = true;
                    return null;
                }
                var chars = new char[_decoder.GetCharCount(_buffer, 0, n)];
                int c = _decoder.GetChars(_buffer, 0, n, chars, 0);
                return new string(chars, 0, c);
            }
        }

        private bool? Available()
        {
            try { return _dataAvailable(); }
            catch (ObjectDisposedException) { return null; }
        }

        private bool FarEndOpen()
        {
            try { return _farEndOpen(); }
            catch (ObjectDisposedException) { return false; }
        }

        private long Queued()
        {
            try { return _queued!(); }
            catch (ObjectDisposedException) { return 0; }
        }

        private static void Set(ManualResetEventSlim signal)
        {
            try { signal.Set(); } catch (ObjectDisposedException) { }
        }

        private static void Reset(ManualResetEventSlim signal)
        {
            try { signal.Reset(); } catch (ObjectDisposedException) { }
        }
    }
}
