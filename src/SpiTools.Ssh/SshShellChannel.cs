using System;
using System.Text;
using System.Threading;
using Renci.SshNet;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Ssh
{
    /// <summary>
    /// An SSH.NET <see cref="ShellStream"/> (a shell channel with a pseudo-terminal) as an <see cref="IDeviceChannel"/>.
    /// Reads never block longer than asked: they wait on the stream's data and close notifications, in slices short
    /// enough that a cancelled token is seen at once. Owns the stream and, when given, the client it came from.
    /// </summary>
    internal sealed class SshShellChannel : IDeviceChannel
    {
        /// <summary>Longest wait between two looks at the stream, whatever the notifications say.</summary>
        private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

        private readonly ShellStream _stream;
        private readonly SshClient? _client;
        private readonly string _device;
        private readonly ManualResetEventSlim _signal = new ManualResetEventSlim(false);
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly byte[] _buffer = new byte[16 * 1024];
        private readonly object _readLock = new object();
        private volatile bool _closed;
        private int _disposed;

        public SshShellChannel(ShellStream stream, SshClient? client, string device)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _client = client;
            _device = device;
            _stream.DataReceived += OnData;
            _stream.Closed += OnClosed;
            _stream.ErrorOccurred += OnClosed;
            if (_client != null) _client.ErrorOccurred += OnClosed;
        }

        /// <inheritdoc />
        public bool IsConnected => !_closed && _disposed == 0 && (_client == null || _client.IsConnected) && _stream.CanWrite;

        /// <inheritdoc />
        public void Write(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (!IsConnected) throw Disconnected(null);
            try
            {
                _stream.Write(text);
                _stream.Flush();
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException || ex is System.IO.IOException
                                       || ex is Renci.SshNet.Common.SshException || ex is System.Net.Sockets.SocketException)
            {
                _closed = true;
                throw Disconnected(ex);
            }
        }

        /// <inheritdoc />
        public string? Read(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_disposed != 0) return null;
                _signal.Reset();
                bool available;
                try { available = _stream.DataAvailable; }
                catch (ObjectDisposedException) { return null; }
                if (available)
                {
                    var text = ReadAvailable();
                    if (text is null) return null;
                    if (text.Length > 0) return text;
                }
                else if (_closed || (_client != null && !_client.IsConnected))
                {
                    _closed = true;
                    // Data may have landed between the look and the close: one more look, then the end.
                    bool late;
                    try { late = _stream.DataAvailable; }
                    catch (ObjectDisposedException) { return null; }
                    if (!late) return null;
                    continue;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return "";
                _signal.Wait(left < Slice ? left : Slice, cancellationToken);
            }
        }

        private string? ReadAvailable()
        {
            lock (_readLock)
            {
                int n;
                try { n = _stream.Read(_buffer, 0, _buffer.Length); }
                catch (ObjectDisposedException) { return null; }
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

        /// <inheritdoc />
        public void Close()
        {
            _closed = true;
            _signal.Set();
            try { _stream.Close(); } catch (Exception) { /* already gone */ }
            try { if (_client != null && _client.IsConnected) _client.Disconnect(); } catch (Exception) { /* already gone */ }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Close();
            _stream.DataReceived -= OnData;
            _stream.Closed -= OnClosed;
            _stream.ErrorOccurred -= OnClosed;
            if (_client != null) _client.ErrorOccurred -= OnClosed;
            _stream.Dispose();
            _client?.Dispose();
            _signal.Dispose();
        }

        private void OnData(object? sender, EventArgs e)
        {
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

        private void OnClosed(object? sender, EventArgs e)
        {
            _closed = true;
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

        private DeviceException Disconnected(Exception? inner) =>
            new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                $"{_device}: the SSH session is closed; nothing more can be sent.", inner) { Device = _device };
    }
}
