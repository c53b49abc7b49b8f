using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Ssh
{
    /// <summary>
    /// Opens an interactive shell on a Cisco ASA, FTD or IOS-XE device over SSH.NET: a pseudo-terminal
    /// (<c>vt100</c>, 512 columns) wrapped as an <see cref="IDeviceChannel"/> for <see cref="DeviceSession"/>.
    /// Logs in with a password (password and keyboard-interactive: every password-like prompt gets the password, as
    /// Cisco AAA setups often ask through keyboard-interactive) and/or a private key file (with its passphrase).
    /// The host key is checked while the connection is set up, against <see cref="DeviceConnectOptions.HostKeyFingerprint"/>
    /// or the known_hosts file, never by asking anyone. Keeps SSH.NET's algorithm defaults, which include what
    /// old ASAs offer (diffie-hellman-group14-sha1, ssh-rsa, aes128/256-cbc and -ctr, hmac-sha1).
    /// Every failure is a <see cref="DeviceException"/> with its ErrorId; no secret is ever in a message.
    /// </summary>
    public sealed class SshDeviceConnector : IDeviceConnector
    {
        /// <summary>The terminal type asked for.</summary>
        public const string TerminalName = "vt100";

        /// <summary>Terminal width: wide enough that no device output line is wrapped by the terminal.</summary>
        public const uint TerminalColumns = 512;

        /// <summary>Terminal height.</summary>
        public const uint TerminalRows = 24;

        private const int ShellBufferSize = 64 * 1024;
        private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);
        private static readonly Regex PasswordPrompt = new Regex(@"pass(word|code|phrase)?|secret|\bpin\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex UserPrompt = new Regex(@"user(name)?\s*:|login\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            Validate(options);
            cancellationToken.ThrowIfCancellationRequested();
            var device = options.Port == 22 ? options.Host : $"{options.Host}:{options.Port}";

            var methods = new List<AuthenticationMethod>();
            PrivateKeyFile? keyFile = null;
            SshClient? client = null;
            bool handedOver = false;
            try
            {
                if (options.KeyFilePath != null)
                {
                    keyFile = OpenKey(options, device);
                    methods.Add(new PrivateKeyAuthenticationMethod(options.UserName, keyFile));
                }
                if (options.Password != null)
                {
                    var password = options.Password.Reveal();
                    methods.Add(new PasswordAuthenticationMethod(options.UserName, password));
                    var keyboard = new KeyboardInteractiveAuthenticationMethod(options.UserName);
                    var user = options.UserName;
                    keyboard.AuthenticationPrompt += (_, e) =>
                    {
                        foreach (var prompt in e.Prompts)
                        {
                            var text = prompt.Request ?? "";
                            prompt.Response = PasswordPrompt.IsMatch(text) ? password : UserPrompt.IsMatch(text) ? user : "";
                        }
                    };
                    methods.Add(keyboard);
                }

                var info = new ConnectionInfo(options.Host, options.Port, options.UserName, methods.ToArray())
                {
                    Timeout = options.ConnectTimeout,
                };
                PreferRecordedHostKey(info, options);
                client = new SshClient(info);
                var verifier = new HostKeyVerifier(options);
                client.HostKeyReceived += verifier.OnHostKeyReceived;

                ConnectBounded(client, info, verifier, options, device, cancellationToken);

                ShellStream shell;
                try
                {
                    shell = client.CreateShellStream(TerminalName, TerminalColumns, TerminalRows, 0, 0, ShellBufferSize);
                }
                catch (Exception ex) when (ex is SshException || ex is SocketException || ex is InvalidOperationException || ex is ObjectDisposedException)
                {
                    throw new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                        $"{device}: logged in, but the device refused or closed the interactive shell ({ex.GetType().Name}).", ex) { Device = device };
                }
                var channel = new SshShellChannel(shell, client, device);
                handedOver = true;
                return channel;
            }
            finally
            {
                if (!handedOver)
                {
                    try { client?.Dispose(); } catch (Exception) { /* closing a failed connection */ }
                }
                keyFile?.Dispose();
            }
        }

        /// <summary>
        /// Asks first for the host-key algorithms whose key type known_hosts records for the host (as OpenSSH does), so a
        /// device with several host keys presents the one on record. An unreadable file changes nothing here: the check
        /// reports it.
        /// </summary>
        private static void PreferRecordedHostKey(ConnectionInfo info, DeviceConnectOptions options)
        {
            if (options.HostKeyFingerprint != null) return;
            IReadOnlyList<string> recorded;
            try { recorded = new KnownHostsFile(options.KnownHostsPath ?? DeviceConnectOptions.DefaultKnownHostsPath).RecordedKeyTypes(options.Host, options.Port); }
            catch (DeviceException) { return; }
            if (recorded.Count == 0) return;
            var order = HostKeyAlgorithmPreference.Order(info.HostKeyAlgorithms.Keys.ToList(), recorded.ToList());
            for (int i = 0; i < order.Count; i++) info.HostKeyAlgorithms.SetPosition(order[i], i);
        }

        private static void ConnectBounded(SshClient client, ConnectionInfo info, HostKeyVerifier verifier, DeviceConnectOptions options, string device, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(options.ConnectTimeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Task task;
            try
            {
                task = client.ConnectAsync(linked.Token);
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);
            }
            var handle = ((IAsyncResult)task).AsyncWaitHandle;
            while (!task.IsCompleted)
            {
                if (cancellationToken.IsCancellationRequested || clock.Elapsed >= options.ConnectTimeout)
                    break;
                var left = options.ConnectTimeout - clock.Elapsed;
                // Never a negative wait: under load the deadline can pass between the check above and here.
                var wait = left < TimeSpan.Zero ? TimeSpan.Zero : left < WaitSlice ? left : WaitSlice;
                WaitHandle.WaitAny(new[] { handle, cancellationToken.WaitHandle }, wait);
            }
            if (!task.IsCompleted)
            {
                // SSH.NET did not stop in time on its own: dropping the client closes the socket under it.
                Observe(task);
                try { client.Dispose(); } catch (Exception) { }
                cancellationToken.ThrowIfCancellationRequested();
                throw DeviceException.ConnectionTimeout(device, options.ConnectTimeout);
            }
            if (task.Status == TaskStatus.RanToCompletion) return;

            var error = task.Exception?.InnerException ?? task.Exception;
            verifier.ThrowIfRejected();
            if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
            // The connect timeout ran out (ours or SSH.NET's, whichever noticed first, in whatever words).
            if ((timeout.IsCancellationRequested || clock.Elapsed >= options.ConnectTimeout) && Find<SshAuthenticationException>(error) is null)
                throw DeviceException.ConnectionTimeout(device, options.ConnectTimeout, error);
            throw Map(error, info, verifier, options, device, clock, cancellationToken);
        }

        private static Exception Map(Exception? error, ConnectionInfo info, HostKeyVerifier verifier, DeviceConnectOptions options, string device, Stopwatch clock, CancellationToken cancellationToken)
        {
            if (Find<SshAuthenticationException>(error) != null)
                return DeviceException.AuthenticationFailed(device);
            if (Find<SshOperationTimeoutException>(error) != null || Find<OperationCanceledException>(error) != null || Find<TimeoutException>(error) != null)
                return DeviceException.ConnectionTimeout(device, options.ConnectTimeout, error);
            var socket = Find<SocketException>(error);
            if (socket != null)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return DeviceException.ConnectionRefused(device, socket);
                    case SocketError.TimedOut:
                        return DeviceException.ConnectionTimeout(device, options.ConnectTimeout, socket);
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return new DeviceException(ErrorIds.ConnectionRefused, SpiErrorCategory.ConnectionError,
                            $"{device}: the host name could not be resolved.", socket) { Device = device };
                    case SocketError.HostUnreachable:
                    case SocketError.NetworkUnreachable:
                        return new DeviceException(ErrorIds.ConnectionRefused, SpiErrorCategory.ConnectionError,
                            $"{device}: no route to the host ({socket.SocketErrorCode}).", socket) { Device = device };
                }
            }
            if (error is SshConnectionException sce && sce.DisconnectReason == Renci.SshNet.Messages.Transport.DisconnectReason.KeyExchangeFailed
                && (sce.Message ?? "").IndexOf("No matching", StringComparison.OrdinalIgnoreCase) >= 0)
                return DeviceException.AlgorithmNegotiationFailed(device, Clean(sce.Message!), sce);

            // The handshake broke before the host key was seen: most often the device found no algorithm in common
            // and closed the connection. Ask the device what it offers and say which list has no match.
            if (!verifier.Seen && (error is SshException || error is IOException || socket != null))
            {
                var left = options.ConnectTimeout - clock.Elapsed;
                var offer = KexInitOffer.Read(options.Host, options.Port, left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), cancellationToken);
                var mismatch = offer?.Mismatch(info.KeyExchangeAlgorithms.Keys, info.HostKeyAlgorithms.Keys, info.Encryptions.Keys,
                    info.HmacAlgorithms.Keys, info.CompressionAlgorithms.Keys);
                if (mismatch != null) return DeviceException.AlgorithmNegotiationFailed(device, mismatch, error);
                if (error is SshConnectionException kex && kex.DisconnectReason == Renci.SshNet.Messages.Transport.DisconnectReason.KeyExchangeFailed)
                    return DeviceException.AlgorithmNegotiationFailed(device, Clean(kex.Message ?? "key exchange failed"), kex);
                return new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                    $"{device}: the device closed the connection during the SSH handshake ({Describe(error)}).", error) { Device = device };
            }
            return new DeviceException(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                $"{device}: the SSH connection failed ({Describe(error)}).", error) { Device = device };
        }

        private static string Describe(Exception? error) => error is null ? "no reason given" : Clean(error.GetType().Name + ": " + error.Message);

        /// <summary>SSH library text (which can carry what the server sent) on one line, its control characters shown visibly.</summary>
        private static string Clean(string text) => UntrustedText.Visible(text.Replace("\r", " ").Replace("\n", " ").Trim().TrimEnd('.'))!;

        private static T? Find<T>(Exception? error) where T : Exception
        {
            for (var e = error; e != null; e = e.InnerException)
                if (e is T t) return t;
            return null;
        }

        private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        private static PrivateKeyFile OpenKey(DeviceConnectOptions options, string device)
        {
            var path = options.KeyFilePath!;
            if (!File.Exists(path))
                throw new DeviceException(ErrorIds.InvalidDeviceArgument, SpiErrorCategory.InvalidArgument,
                    $"KeyFilePath: '{path}' does not exist.") { Device = device, ArgumentName = "KeyFilePath" };
            try
            {
                return options.KeyPassphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, options.KeyPassphrase.Reveal());
            }
            catch (SshPassPhraseNullOrEmptyException ex)
            {
                throw new DeviceException(ErrorIds.AuthenticationFailed, SpiErrorCategory.PermissionDenied,
                    $"{device}: the key file '{path}' is protected by a passphrase and none was given.", ex) { Device = device };
            }
            catch (Exception ex) when (ex is SshException || ex is System.Security.Cryptography.CryptographicException || ex is FormatException
                                       || ex is InvalidOperationException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new DeviceException(ErrorIds.AuthenticationFailed, SpiErrorCategory.PermissionDenied,
                    $"{device}: the key file '{path}' could not be opened (wrong passphrase, or a format SpiTools cannot read).") { Device = device };
            }
            catch (IOException ex)
            {
                throw new DeviceException(ErrorIds.InvalidDeviceArgument, SpiErrorCategory.InvalidArgument,
                    $"KeyFilePath: '{path}' cannot be read ({ex.Message}).", ex) { Device = device, ArgumentName = "KeyFilePath" };
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new DeviceException(ErrorIds.InvalidDeviceArgument, SpiErrorCategory.InvalidArgument,
                    $"KeyFilePath: '{path}' cannot be read ({ex.Message}).", ex) { Device = device, ArgumentName = "KeyFilePath" };
            }
        }

        private static void Validate(DeviceConnectOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
                throw Invalid("Host", "Host: a host name or address is required.");
            foreach (char c in options.Host)
                if (!(char.IsLetterOrDigit(c) && c < 128) && c != '.' && c != '-' && c != ':' && c != '_')
                    throw Invalid("Host", $"Host: '{DeviceArguments.Printable(options.Host)}' is not a host name or address.");
            if (options.Port < 1 || options.Port > 65535)
                throw Invalid("Port", $"Port: {options.Port} is not a port (1-65535).");
            if (string.IsNullOrEmpty(options.UserName) || options.UserName.Any(c => c < ' ' || c == '\x7f'))
                throw Invalid("UserName", "UserName: a user name without control characters is required.");
            if (options.Password is null && options.KeyFilePath is null)
                throw Invalid("Password", "Password: give a password or a key file to log in with.");
            if (options.ConnectTimeout <= TimeSpan.Zero)
                throw Invalid("ConnectTimeout", "ConnectTimeout: must be more than zero.");
        }

        private static DeviceException Invalid(string argument, string message) =>
            new DeviceException(ErrorIds.InvalidDeviceArgument, SpiErrorCategory.InvalidArgument, message) { ArgumentName = argument };

        /// <summary>Checks the host key in SSH.NET's HostKeyReceived event and keeps what it found for the error.</summary>
        private sealed class HostKeyVerifier
        {
            private readonly DeviceConnectOptions _options;
            private HostKeyResult? _result;
            private Exception? _error;

            public HostKeyVerifier(DeviceConnectOptions options) => _options = options;

            /// <summary>True once the device presented a host key (the key exchange got that far).</summary>
            public bool Seen { get; private set; }

            public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
            {
                Seen = true;
                try
                {
                    var key = new HostKey(e.HostKey);
                    if (_options.HostKeyFingerprint != null)
                        _result = HostKeyFingerprint.Verify(_options.Host, _options.Port, key, _options.HostKeyFingerprint);
                    else
                    {
                        var file = new KnownHostsFile(_options.KnownHostsPath ?? DeviceConnectOptions.DefaultKnownHostsPath);
                        _result = _options.AcceptNewHostKey ? file.CheckOrAdd(_options.Host, _options.Port, key) : file.Check(_options.Host, _options.Port, key);
                    }
                    e.CanTrust = _result.Status == HostKeyStatus.Known;
                }
                catch (Exception ex)
                {
                    _error = ex;
                    e.CanTrust = false;
                }
            }

            /// <summary>Throws what the host-key check found when it refused the key (or could not check it).</summary>
            public void ThrowIfRejected()
            {
                if (_error is DeviceException de) throw de;
                if (_error != null)
                    throw new DeviceException(ErrorIds.HostKeyUnknown, SpiErrorCategory.PermissionDenied,
                        $"{_options.Host}: the host key could not be checked ({_error.GetType().Name}: {_error.Message}).", _error) { Device = _options.Host };
                if (_result != null && _result.Status != HostKeyStatus.Known) _result.ThrowIfNotKnown();
            }
        }
    }
}
