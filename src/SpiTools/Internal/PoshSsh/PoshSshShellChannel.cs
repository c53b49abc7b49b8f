using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Internal.PoshSsh
{
    /// <summary>
    /// An <see cref="IDeviceChannel"/> over a shell stream that belongs to another SSH.NET, of any version: the
    /// <c>ShellStream</c> Posh-SSH's <c>New-SSHShellStream</c> returns, or one opened here on the <c>SshClient</c> in
    /// the <c>SSH.SshSession</c> object <c>New-SSHSession</c> returns. Everything is reached by member name through
    /// reflection (<c>DataAvailable</c>, <c>Read(byte[], int, int)</c>, <c>Write(byte[], int, int)</c>, <c>Flush()</c>,
    /// the <c>DataReceived</c> and <c>Closed</c> events, <c>CreateShellStream(…)</c>, <c>IsConnected</c>), so SpiTools
    /// references neither Posh-SSH nor its SSH.NET (nor, here, the PowerShell engine: a PSObject is looked through by
    /// name). Read through the shared <see cref="ShellReader"/>, which holds the stream's receiving thread while 1 MiB
    /// waits unread (when the stream has a <c>Length</c>), as for SpiTools' own SSH. An object of the wrong shape is
    /// <see cref="ErrorIds.InvalidDeviceArgument"/>.
    /// </summary>
    internal sealed class PoshSshShellChannel : IDeviceChannel
    {
        /// <summary>Terminal asked for when a shell is opened on a session.</summary>
        public const string TerminalName = "vt100";

        /// <summary>Terminal width asked for when a shell is opened on a session.</summary>
        public const uint TerminalColumns = 512;

        private const uint TerminalRows = 24;
        private const int ShellBufferSize = 64 * 1024;
        private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

        private readonly object _stream;
        private readonly PropertyInfo _dataAvailable;
        private readonly MethodInfo _read;
        private readonly MethodInfo _write;
        private readonly MethodInfo? _flush;
        private readonly PropertyInfo? _canWrite;
        private readonly PropertyInfo? _length;
        private readonly Func<bool>? _sessionConnected;
        private readonly bool _leaveOpen;
        private readonly string _device;
        private readonly ShellReader _reader;
        private readonly (EventInfo Event, Delegate Handler)[] _subscriptions;
        private int _disposed;

        private PoshSshShellChannel(object stream, Func<bool>? sessionConnected, bool leaveOpen, string device)
        {
            var type = stream.GetType();
            _dataAvailable = Property(type, "DataAvailable", typeof(bool))
                ?? throw NotAShellStream(stream, "it has no DataAvailable property");
            _read = Method(type, "Read", typeof(int), typeof(byte[]), typeof(int), typeof(int))
                ?? throw NotAShellStream(stream, "it has no Read(byte[], int, int) method");
            _write = Method(type, "Write", typeof(void), typeof(byte[]), typeof(int), typeof(int))
                ?? throw NotAShellStream(stream, "it has no Write(byte[], int, int) method");
            _flush = Method(type, "Flush", typeof(void));
            _canWrite = Property(type, "CanWrite", typeof(bool));
            _length = Property(type, "Length", typeof(long));
            _stream = stream;
            _sessionConnected = sessionConnected;
            _leaveOpen = leaveOpen;
            _device = device;
            _reader = new ShellReader(DataAvailable, ReadInto, () => SessionConnected() && CanWrite(), _length is null ? null : Queued, Slice);
            _subscriptions = new[] { "DataReceived", "Closed", "ErrorOccurred" }
                .Select(name => Subscribe(type, name))
                .Where(s => s.Event != null)
                .Select(s => (s.Event!, s.Handler!))
                .ToArray();
        }

        /// <summary>
        /// Wraps a shell stream (Posh-SSH's <c>New-SSHShellStream</c>, or any SSH.NET <c>ShellStream</c>; a PowerShell
        /// wrapper is looked through). The stream stays the caller's: closing the channel stops reading and leaves the
        /// stream open, unless <paramref name="leaveOpen"/> is false (the channel then owns it and disposes it).
        /// </summary>
        /// <exception cref="DeviceException"><see cref="ErrorIds.InvalidDeviceArgument"/> when the object is not a shell stream.</exception>
        public static PoshSshShellChannel FromShellStream(object shellStream, bool leaveOpen = true)
        {
            var stream = Unwrap(shellStream);
            if (stream is null)
                throw DeviceException.InvalidArgument("ShellStream", "ShellStream: a shell stream is required (New-SSHShellStream's result).");
            return new PoshSshShellChannel(stream, null, leaveOpen, "device");
        }

        /// <summary>
        /// Opens a shell (<c>vt100</c>, 512 columns) on the SSH.NET client in a Posh-SSH session object
        /// (<c>New-SSHSession</c>'s <c>SSH.SshSession</c>: <c>SessionId</c>, <c>Host</c>, <c>Session</c>, <c>Connected</c>).
        /// The session stays Posh-SSH's: closing the channel closes the shell only.
        /// </summary>
        /// <exception cref="DeviceException"><see cref="ErrorIds.InvalidDeviceArgument"/> for another kind of object;
        /// <see cref="ErrorIds.DeviceDisconnected"/> when the session is no longer connected or refuses a shell.</exception>
        public static PoshSshShellChannel FromSshSession(object sshSession)
        {
            var session = Unwrap(sshSession);
            if (session is null)
                throw DeviceException.InvalidArgument("SshSession", "SshSession: a session is required (New-SSHSession's result).");
            var type = session.GetType();
            var clientProperty = type.GetProperty("Session", BindingFlags.Public | BindingFlags.Instance);
            if (clientProperty is null || clientProperty.GetIndexParameters().Length != 0)
                throw DeviceException.InvalidArgument("SshSession", $"SshSession: a {type.FullName} is not an SSH session (no Session property); pass what New-SSHSession returns.");
            var host = (type.GetProperty("Host", BindingFlags.Public | BindingFlags.Instance)?.GetValue(session) as string) ?? "device";
            host = DeviceArguments.Printable(host);
            var client = Unwrap(clientProperty.GetValue(session));
            if (client is null)
                throw DeviceException.InvalidArgument("SshSession", "SshSession: its Session property is empty.");
            var clientType = client.GetType();
            var create = clientType.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m =>
                m.Name == "CreateShellStream" &&
                m.GetParameters().Select(p => p.ParameterType).SequenceEqual(new[] { typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(uint), typeof(int) }));
            if (create is null)
                throw DeviceException.InvalidArgument("SshSession", $"SshSession: its Session is a {clientType.FullName}, not an SSH.NET SshClient (no CreateShellStream(string, uint, uint, uint, uint, int)).");
            var isConnected = Property(clientType, "IsConnected", typeof(bool));
            Func<bool> connected = () => isConnected is null || (bool)isConnected.GetValue(client)!;
            var flag = type.GetProperty("Connected", BindingFlags.Public | BindingFlags.Instance);
            bool sessionSaysConnected = !(flag?.PropertyType == typeof(bool)) || (bool)flag!.GetValue(session)!;
            if (!sessionSaysConnected || !connected())
                throw Disconnected(host, "the session is not connected (New-SSHSession again)", null);
            object? stream;
            try
            {
                stream = create.Invoke(client, new object[] { TerminalName, TerminalColumns, TerminalRows, 0u, 0u, ShellBufferSize });
            }
            catch (TargetInvocationException ex)
            {
                var inner = ex.InnerException ?? ex;
                throw Disconnected(host, $"the device refused or closed the interactive shell ({inner.GetType().Name})", inner);
            }
            if (stream is null) throw Disconnected(host, "no shell stream came back", null);
            return new PoshSshShellChannel(stream, connected, leaveOpen: false, host);
        }

        /// <inheritdoc />
        public bool IsConnected => !_reader.IsClosed && _disposed == 0 && SessionConnected() && CanWrite();

        /// <inheritdoc />
        public void Write(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (!IsConnected) throw Disconnected(_device, "the SSH session is closed; nothing more can be sent", null);
            var bytes = Encoding.UTF8.GetBytes(text);
            try
            {
                _write.Invoke(_stream, new object[] { bytes, 0, bytes.Length });
                _flush?.Invoke(_stream, null);
            }
            catch (TargetInvocationException ex)
            {
                _reader.Ended();
                throw Disconnected(_device, "the SSH session is closed; nothing more can be sent", ex.InnerException ?? ex);
            }
        }

        /// <inheritdoc />
        public string? Read(TimeSpan timeout, CancellationToken cancellationToken) => _reader.Read(timeout, cancellationToken);

        /// <inheritdoc />
        public void Close()
        {
            // A receiving thread the reader holds goes first: disposing the stream waits for it.
            _reader.Close();
            if (!_leaveOpen && _stream is IDisposable d)
            {
                try { d.Dispose(); } catch (Exception) { /* already gone */ }
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Close();
            foreach (var (evt, handler) in _subscriptions)
            {
                try { evt.RemoveEventHandler(_stream, handler); } catch (Exception) { /* the stream is gone */ }
            }
            _reader.Dispose();
        }

        private bool? DataAvailable()
        {
            try { return (bool)_dataAvailable.GetValue(_stream)!; }
            catch (TargetInvocationException) { _reader.Ended(); return null; }
        }

        private int ReadInto(byte[] buffer)
        {
            try { return (int)_read.Invoke(_stream, new object[] { buffer, 0, buffer.Length })!; }
            catch (TargetInvocationException) { return -1; }
        }

        private long Queued()
        {
            try { return (long)_length!.GetValue(_stream)!; }
            catch (TargetInvocationException) { return 0; }
        }

        private bool CanWrite()
        {
            if (_canWrite is null) return true;
            try { return (bool)_canWrite.GetValue(_stream)!; }
            catch (TargetInvocationException) { return false; }
        }

        private bool SessionConnected()
        {
            if (_sessionConnected is null) return true;
            try { return _sessionConnected(); }
            catch (TargetInvocationException) { return false; }
        }

        private void OnSignal(object? sender, EventArgs e) => _reader.Arrived();

        private void OnEnd(object? sender, EventArgs e) => _reader.Ended();

        private (EventInfo? Event, Delegate? Handler) Subscribe(Type type, string name)
        {
            var evt = type.GetEvent(name, BindingFlags.Public | BindingFlags.Instance);
            if (evt?.EventHandlerType is null) return (null, null);
            var method = typeof(PoshSshShellChannel).GetMethod(name == "DataReceived" ? nameof(OnSignal) : nameof(OnEnd),
                BindingFlags.NonPublic | BindingFlags.Instance)!;
            try
            {
                // (object, EventArgs) binds to any EventHandler<TArgs>: the arguments are reference types deriving from EventArgs.
                var handler = Delegate.CreateDelegate(evt.EventHandlerType, this, method, throwOnBindFailure: false);
                if (handler is null) return (null, null);
                evt.AddEventHandler(_stream, handler);
                return (evt, handler);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is TargetInvocationException || ex is MemberAccessException)
            {
                return (null, null); // polled instead, in short slices
            }
        }

        /// <summary>Looks through a PowerShell wrapper (PSObject.BaseObject) without referencing the engine.</summary>
        private static object? Unwrap(object? value)
        {
            for (int i = 0; i < 4 && value != null; i++)
            {
                var type = value.GetType();
                if (type.FullName != "System.Management.Automation.PSObject") return value;
                var inner = type.GetProperty("BaseObject", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value);
                if (inner is null || ReferenceEquals(inner, value) || inner.GetType().FullName == "System.Management.Automation.PSCustomObject") return null;
                value = inner;
            }
            return value;
        }

        private static PropertyInfo? Property(Type type, string name, Type propertyType)
        {
            var p = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(x => x.Name == name && x.PropertyType == propertyType && x.GetIndexParameters().Length == 0 && x.CanRead);
            return p;
        }

        private static MethodInfo? Method(Type type, string name, Type returnType, params Type[] parameters) =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m =>
                m.Name == name && m.ReturnType == returnType && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));

        private static DeviceException NotAShellStream(object value, string why) =>
            DeviceException.InvalidArgument("ShellStream",
                $"ShellStream: a {value.GetType().FullName} is not an SSH shell stream ({why}); pass what New-SSHShellStream returns.");

        private static DeviceException Disconnected(string device, string why, Exception? inner) =>
            new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError, $"{device}: {why}.", inner) { Device = device };
    }
}
