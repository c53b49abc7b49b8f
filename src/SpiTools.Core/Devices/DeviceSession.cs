using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    /// <summary>
    /// The Cisco CLI dialogue over one <see cref="IDeviceChannel"/>: finds the prompt, enters privileged mode, turns
    /// paging off (and pages through <c>&lt;--- More ---&gt;</c> / <c>--More--</c> when it stays on), changes context,
    /// runs allowed commands and returns each output complete up to the next prompt, or a typed
    /// <see cref="DeviceException"/>. Never enters configuration mode. Owns the channel. What differs by platform
    /// (the bare prompt, <c>show version</c>'s texts, the paging commands, error lines) is read from
    /// <see cref="PlatformProfile"/>. The parts: this file (the public calls), <c>DeviceSession.Login.cs</c> (prompt at
    /// login, enable, platform, paging), <c>DeviceSession.Commands.cs</c> (one command and its output, the pager),
    /// <c>DeviceSession.Prompts.cs</c> (which prompt a line is), <c>DeviceSession.Channel.cs</c> (writing, typed failures,
    /// the secret's mask, deadlines).
    /// </summary>
    public sealed partial class DeviceSession : IDisposable
    {
        /// <summary>Longest single wait on the channel, so cancellation is seen within this time.</summary>
        internal static readonly TimeSpan ReadSlice = TimeSpan.FromMilliseconds(200);

        private readonly IDeviceChannel _channel;
        private readonly DeviceSessionOptions _options;
        private readonly Stopwatch _sessionClock = new Stopwatch();
        private readonly List<DeviceWarning> _warnings = new List<DeviceWarning>();
        private bool _promptKnown;
        private string? _promptHost;
        private Action? _afterWrite;
        private bool _ftdPrompt;
        private bool _disposed;
        private bool _maskEnableSecret;

        /// <summary>Creates a session over an open channel; nothing is sent before <see cref="Open"/>.</summary>
        public DeviceSession(IDeviceChannel channel, DeviceSessionOptions? options = null)
        {
            _channel = channel ?? throw new ArgumentNullException(nameof(channel));
            _options = options ?? new DeviceSessionOptions();
            Platform = _options.Platform;
        }

        /// <summary>The host name from the prompt (null on FTD's bare <c>&gt;</c>).</summary>
        public string? Hostname { get; private set; }

        /// <summary>The name used in messages and captures: the identity when given, else the host name, else the name the device was reached by.</summary>
        public string Device => _options.Identity ?? Hostname ?? _options.DeviceName ?? "device";

        /// <summary>The device's identity, when given (<see cref="DeviceSessionOptions.Identity"/>).</summary>
        public string? Identity => _options.Identity;

        /// <summary>The current prompt (<c>fw-edge1#</c>).</summary>
        public string? Prompt { get; private set; }

        /// <summary>The security context changed to, if any.</summary>
        public string? Context { get; private set; }

        /// <summary>The platform (given, or found out by <see cref="Open"/>).</summary>
        public DevicePlatform Platform { get; private set; }

        /// <summary>True once the session is at a privileged prompt (or FTD's, which has no enable).</summary>
        public bool IsPrivileged { get; private set; }

        /// <summary>True after a successful <see cref="Open"/>.</summary>
        public bool IsOpen { get; private set; }

        /// <summary>True once the session sent <c>show version</c> to find the platform out.</summary>
        internal bool AskedVersion { get; private set; }

        /// <summary>Setup commands the device refused (paging, width) and what the session did instead.</summary>
        public IReadOnlyList<DeviceWarning> Warnings => _warnings;

        /// <summary>
        /// Finds the prompt, enters privileged mode and turns paging off. Throws <see cref="DeviceException"/>
        /// (<see cref="ErrorIds.PromptNotFound"/>, <see cref="ErrorIds.ConfigurationModeRefused"/>, <see cref="ErrorIds.UnexpectedDevicePrompt"/>, <see cref="ErrorIds.EnableFailed"/>,
        /// <see cref="ErrorIds.DeviceDisconnected"/>) or <see cref="OperationCanceledException"/>.
        /// </summary>
        public void Open(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            if (IsOpen) return;
            _sessionClock.Restart();
            FindPrompt(cancellationToken);
            _maskEnableSecret = true; // the enable exchange: the one place a device may echo the secret
            try { EnterEnable(cancellationToken); }
            finally { _maskEnableSecret = false; }
            if (Platform == DevicePlatform.Auto) DetectPlatform(cancellationToken);
            DisablePaging(cancellationToken);
            IsOpen = true;
        }

        /// <summary>
        /// Runs a <c>show</c>, <c>packet-tracer</c> or <c>changeto context</c> command and returns its output.
        /// The command text is checked against <see cref="CommandPolicy"/> first: anything else, and every
        /// state-changing command, is refused (<see cref="ErrorIds.CommandNotAllowed"/>) before anything is sent.
        /// A device error line is <see cref="ErrorIds.CommandRejected"/>; output that never reaches the prompt is
        /// <see cref="ErrorIds.OutputIncomplete"/>; a closed channel is <see cref="ErrorIds.DeviceDisconnected"/>.
        /// </summary>
        public CommandOutput Execute(DeviceCommand command, CancellationToken cancellationToken = default)
        {
            if (command is null) throw new ArgumentNullException(nameof(command));
            ThrowIfDisposed();
            if (command.Kind != DeviceCommandKind.Show && command.Kind != DeviceCommandKind.Trace && command.Kind != DeviceCommandKind.ContextChange)
                throw NotAllowed(command, $"{CommandPolicy.KindName(command.Kind)} commands are not sent on this path");
            if (!CommandPolicy.IsAllowed(command.Text, command.Kind, out var reason))
                throw NotAllowed(command, reason);
            if (!IsOpen)
                throw new InvalidOperationException("Open the session before running commands.");
            if (command.Kind == DeviceCommandKind.ContextChange)
                return ChangeContextCore(command, cancellationToken);
            return Run(command, _options.CommandTimeout, cancellationToken);
        }

        /// <summary>
        /// Sends a state-changing command the caller has the user's explicit confirmation for and returns the device's
        /// response. Only <see cref="DeviceCommandKind.StateChange"/> commands whose text is, word for word, one of
        /// <see cref="CommandPolicy"/>'s state-changing forms (<c>clear crypto ipsec sa inactive</c>) are sent; anything
        /// else is refused (<see cref="ErrorIds.CommandNotAllowed"/>) before anything is sent. Device errors are typed
        /// as in <see cref="Execute"/>.
        /// </summary>
        /// <param name="command">The state-changing command.</param>
        /// <param name="cancellationToken">Cancels the wait for the answer.</param>
        /// <param name="written">Runs the moment the command's line has been written to the device, before its answer is
        /// read, so a caller never loses the fact that a state change went out when the answer is cut short (disconnect,
        /// timeout, cancellation, a question).</param>
        public CommandOutput ExecuteConfirmed(DeviceCommand command, CancellationToken cancellationToken = default, Action? written = null)
        {
            if (command is null) throw new ArgumentNullException(nameof(command));
            ThrowIfDisposed();
            if (command.Kind != DeviceCommandKind.StateChange)
                throw NotAllowed(command, $"{CommandPolicy.KindName(command.Kind)} commands are not sent on the confirmed path");
            if (!CommandPolicy.IsAllowed(command.Text, command.Kind, out var reason))
                throw NotAllowed(command, reason);
            if (!IsOpen)
                throw new InvalidOperationException("Open the session before running commands.");
            _afterWrite = written;
            try { return Run(command, _options.CommandTimeout, cancellationToken); }
            finally { _afterWrite = null; }
        }

        /// <summary>Runs <c>changeto context NAME</c> (multi-context ASA) and checks the prompt now names the context.</summary>
        public CommandOutput ChangeContext(string context, CancellationToken cancellationToken = default) =>
            Execute(DeviceCommand.ChangeToContext(context), cancellationToken);

        /// <summary>Closes the channel.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try { _channel.Close(); }
            finally { _channel.Dispose(); }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(DeviceSession));
        }
    }
}
