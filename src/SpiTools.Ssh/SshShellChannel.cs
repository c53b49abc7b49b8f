using System;
using System.Threading;
using Renci.SshNet;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Ssh
{
    /// <summary>
    /// An SSH.NET <see cref="ShellStream"/> (a shell channel with a pseudo-terminal) as an <see cref="IDeviceChannel"/>,
    /// read through the shared <see cref="ShellReader"/>: reads never block longer than asked, and a device that sends
    /// faster than the session reads is held by TCP once 1 MiB waits unread (<see cref="ShellReader.QueueLimit"/>).
    /// Owns the stream and, when given, the client it came from.
    /// </summary>
    internal sealed class SshShellChannel : IDeviceChannel
    {
        /// <summary>Longest wait between two looks at the stream, whatever the notifications say.</summary>
        private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

        private readonly ShellStream _stream;
        private readonly SshClient? _client;
        private readonly string _device;
        private readonly ShellReader _reader;
        private int _disposed;
        private readonly object _closing = new object();
        private bool _closed;

        public SshShellChannel(ShellStream stream, SshClient? client, string device)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _client = client;
            _device = device;
            _reader = new ShellReader(
                () => _stream.DataAvailable,
                buffer => _stream.Read(buffer, 0, buffer.Length),
                () => _client == null || _client.IsConnected,
                () => _stream.Length,
                Slice);
            _stream.DataReceived += OnData;
            _stream.Closed += OnClosed;
            _stream.ErrorOccurred += OnClosed;
            if (_client != null) _client.ErrorOccurred += OnClosed;
        }

        /// <inheritdoc />
        public bool IsConnected => !_reader.IsClosed && _disposed == 0 && (_client == null || _client.IsConnected) && _stream.CanWrite;

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
                _reader.Ended();
                throw Disconnected(ex);
            }
        }

        /// <inheritdoc />
        public string? Read(TimeSpan timeout, CancellationToken cancellationToken) => _reader.Read(timeout, cancellationToken);

        /// <inheritdoc />
        public void Close()
        {
            // First let go of SSH.NET's receiving thread if the reader holds it: closing the channel and disconnecting
            // wait for that thread.
            _reader.Close();
            // One close at a time: a deadline or Ctrl+C closes the channel from a pool thread while the reading thread
            // may be disposing it; the second caller waits for the first close and then has nothing left to do.
            lock (_closing)
            {
                if (_closed) return;
                try { _stream.Close(); } catch (Exception) { /* already gone */ }
                try { if (_client != null && _client.IsConnected) _client.Disconnect(); } catch (Exception) { /* already gone */ }
                _closed = true;
            }
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
            _reader.Dispose();
        }

        private void OnData(object? sender, EventArgs e) => _reader.Arrived();

        private void OnClosed(object? sender, EventArgs e) => _reader.Ended();

        private DeviceException Disconnected(Exception? inner) =>
            new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                $"{_device}: the SSH session is closed; nothing more can be sent.", inner) { Device = _device };
    }
}
