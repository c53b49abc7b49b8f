using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    // Writing to the channel and the plumbing every part shares: the policy check of setup commands, typed failures, the enable secret's mask, deadlines.
    public sealed partial class DeviceSession
    {
        private void CheckSetup(DeviceCommand command)
        {
            if (!CommandPolicy.IsAllowed(command.Text, command.Kind, out var reason))
                throw NotAllowed(command, reason);
        }

        private DeviceException NotAllowed(DeviceCommand command, string reason) =>
            Fail(ErrorIds.CommandNotAllowed, SpiErrorCategory.PermissionDenied,
                $"{Device}: refused to send '{DeviceArguments.Printable(command.Text)}': {reason}. Nothing was sent.", DeviceArguments.Printable(command.Text), null);

        private void Send(string text, string? command)
        {
            if (!_channel.IsConnected)
                throw Fail(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError, $"{Device}: the device has closed the session.", command, null);
            try
            {
                _channel.Write(text);
                var written = _afterWrite;
                _afterWrite = null;
                written?.Invoke();
            }
            catch (DeviceException) { throw; }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                throw Fail(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError, $"{Device}: the device has closed the session.", command, null, ex);
            }
        }

        /// <summary>
        /// Masks the enable secret in the enable exchange only (its echo, the device's answer, a failure's message and
        /// partial text). Elsewhere the same characters are the device's own (<c>interface: outside</c> with the secret
        /// <c>outside</c>) and are kept as they are.
        /// </summary>
        private string Redact(string text)
        {
            if (_options.EnableSecret is null || !_maskEnableSecret) return text;
            return _options.EnableSecret.Redact(text, out _);
        }

        private DeviceException Fail(string errorId, SpiErrorCategory category, string message, string? command, string? deviceLine, Exception? inner = null) =>
            new DeviceException(errorId, category, Redact(message), inner)
            {
                Device = Device,
                Command = command,
                DeviceErrorLine = deviceLine is null ? null : Redact(deviceLine),
            };

        private bool SessionExpired => _options.DeviceTimeout is { } t && _sessionClock.IsRunning && _options.DeviceTimeSpent + _sessionClock.Elapsed >= t;

        private TimeSpan Remaining(TimeSpan timeout, Stopwatch clock)
        {
            var r = timeout - clock.Elapsed;
            if (_options.DeviceTimeout is { } t && _sessionClock.IsRunning)
                r = Min(r, t - _options.DeviceTimeSpent - _sessionClock.Elapsed);
            return r;
        }

        /// <summary>The failure, marked as one the device's time running out caused when it did (<see cref="DeviceException.DeviceTimeRanOut"/>).</summary>
        private DeviceException WhenTimeRanOut(DeviceException failure)
        {
            failure.DeviceTimeRanOut = SessionExpired;
            return failure;
        }

        private static List<string> Lines(string committed)
        {
            var list = new List<string>(committed.Split('\n'));
            if (list.Count > 0 && list[list.Count - 1].Length == 0) list.RemoveAt(list.Count - 1);
            return list;
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
    }
}
