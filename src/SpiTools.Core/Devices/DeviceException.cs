using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    /// <summary>
    /// A failure while collecting from a device, with a stable <see cref="ErrorId"/> (one of <see cref="ErrorIds"/>)
    /// and a <see cref="Category"/> a front end maps to its own error categories. Never carries a secret: every
    /// text in it comes from output that already went through the session's redaction. The message, the device name and
    /// the device's error line show control characters visibly (<see cref="UntrustedText"/>): a device or an
    /// unauthenticated server cannot reach the terminal through them.
    /// </summary>
    public sealed class DeviceException : Exception
    {
        private string? _device;
        private string? _deviceErrorLine;
        private string? _message;

        /// <summary>Creates the exception.</summary>
        public DeviceException(string errorId, SpiErrorCategory category, string message, Exception? inner = null)
            : base(UntrustedText.Visible(message), inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Category = category;
        }

        /// <inheritdoc />
        public override string Message => _message ?? base.Message;

        /// <summary>The stable error id (<see cref="ErrorIds"/>).</summary>
        public string ErrorId { get; }

        /// <summary>The error category.</summary>
        public SpiErrorCategory Category { get; }

        /// <summary>The device's identity (the inventory's name, else <c>host[:port][/context]</c>), or the name it was reached by until the front end names it.</summary>
        public string? Device { get => _device; internal set => _device = UntrustedText.Visible(value); }

        /// <summary>The command being run, when the failure belongs to one.</summary>
        public string? Command { get; internal set; }

        /// <summary>
        /// True when the session raised this because the device's own time (<see cref="DeviceSessionOptions.DeviceTimeout"/>)
        /// had run out: a collection reports every such failure as the device's timeout, whichever timer noticed it first.
        /// </summary>
        internal bool DeviceTimeRanOut { get; set; }

        /// <summary>The device's own error line (<c>% Invalid input detected at '^' marker.</c>), for <see cref="ErrorIds.CommandRejected"/> and <see cref="ErrorIds.EnableFailed"/>.</summary>
        public string? DeviceErrorLine { get => _deviceErrorLine; internal set => _deviceErrorLine = UntrustedText.Visible(value); }

        /// <summary>
        /// What had arrived before an <see cref="ErrorIds.OutputIncomplete"/>, <see cref="ErrorIds.DeviceDisconnected"/> or
        /// <see cref="ErrorIds.UnexpectedDevicePrompt"/>: partial, never to be read as the whole output. A bounded excerpt
        /// (its first <see cref="PartialOutputHead"/> and last <see cref="PartialOutputTail"/> characters, with how many
        /// were left out between), so an error kept in <c>$Error</c> never holds a whole runaway output.
        /// </summary>
        public string? PartialOutput
        {
            get => _partialOutput;
            internal set => _partialOutput = Excerpt(value);
        }

        private string? _partialOutput;

        /// <summary>Characters kept from the start of a partial output.</summary>
        public const int PartialOutputHead = 2048;

        /// <summary>Characters kept from the end of a partial output (where the device stopped).</summary>
        public const int PartialOutputTail = 6144;

        internal static string? Excerpt(string? text)
        {
            if (text is null || text.Length <= PartialOutputHead + PartialOutputTail) return text;
            int omitted = text.Length - PartialOutputHead - PartialOutputTail;
            return text.Substring(0, PartialOutputHead) + $"\n[... {omitted} characters left out ...]\n" + text.Substring(text.Length - PartialOutputTail);
        }

        /// <summary>The host key's fingerprint (<c>SHA256:…</c>) for the host-key failures.</summary>
        public string? Fingerprint { get; internal set; }

        /// <summary>The argument name, for <see cref="ErrorIds.InvalidDeviceArgument"/>.</summary>
        public string? ArgumentName { get; internal set; }

        /// <summary>
        /// Names the device as the run knows it: a message that begins with another name of the device (one of
        /// <paramref name="otherNames"/>: the host, <c>host:port</c> or <c>[host]:port</c> the connection was made to, the
        /// identity) begins with <paramref name="label"/> instead, and one that names none gets it in front;
        /// <see cref="Device"/> becomes <paramref name="identity"/>. The rest of the message is left as it was.
        /// </summary>
        internal DeviceException NameDevice(string identity, string label, IEnumerable<string?> otherNames)
        {
            string text = Message;
            if (!text.StartsWith(label + ": ", StringComparison.Ordinal))
            {
                // The longest first: "10.0.0.1:2222: …" is not taken for "10.0.0.1" followed by a colon.
                foreach (var name in otherNames.Where(n => !string.IsNullOrEmpty(n)).OrderByDescending(n => n!.Length))
                {
                    if (!text.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase)) continue;
                    text = text.Substring(name!.Length + 2);
                    break;
                }
                _message = UntrustedText.Visible(label + ": " + text);
            }
            Device = identity;
            return this;
        }

        internal static DeviceException InvalidArgument(string argumentName, string message) =>
            new DeviceException(ErrorIds.InvalidDeviceArgument, SpiErrorCategory.InvalidArgument, message) { ArgumentName = argumentName };

        /// <summary>For a channel implementation: the device refused the credentials.</summary>
        public static DeviceException AuthenticationFailed(string device, Exception? inner = null) =>
            new DeviceException(ErrorIds.AuthenticationFailed, SpiErrorCategory.PermissionDenied,
                $"{device}: authentication failed (user name, password or key refused).", inner) { Device = device };

        /// <summary>For a channel implementation: the TCP connection was refused.</summary>
        public static DeviceException ConnectionRefused(string device, Exception? inner = null) =>
            new DeviceException(ErrorIds.ConnectionRefused, SpiErrorCategory.ConnectionError,
                $"{device}: connection refused (is SSH enabled for this address and interface?).", inner) { Device = device };

        /// <summary>For a channel implementation: connecting or logging in took too long.</summary>
        public static DeviceException ConnectionTimeout(string device, TimeSpan timeout, Exception? inner = null) =>
            new DeviceException(ErrorIds.ConnectionTimeout, SpiErrorCategory.ConnectionError,
                $"{device}: no SSH connection within {timeout.TotalSeconds:0.#} s.", inner) { Device = device };

        /// <summary>For a channel implementation: no common key exchange, host key, cipher or MAC algorithm.</summary>
        public static DeviceException AlgorithmNegotiationFailed(string device, string detail, Exception? inner = null) =>
            new DeviceException(ErrorIds.AlgorithmNegotiationFailed, SpiErrorCategory.ConnectionError,
                $"{device}: no SSH algorithm in common with the device ({detail}).", inner) { Device = device };
    }
}
