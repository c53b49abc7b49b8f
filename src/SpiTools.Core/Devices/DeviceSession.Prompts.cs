using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    // Prompt detection after login and after each command: this device's prompt, a renamed one, a question or a configuration mode.
    public sealed partial class DeviceSession
    {
        private bool UpdatePrompt(TerminalText term)
        {
            var line = term.CurrentLine.Trim();
            if (IsPrompt(line)) Prompt = line;
            IsPrivileged = line.EndsWith("#", StringComparison.Ordinal) || line == ">";
            return IsPrivileged;
        }

        /// <summary>True for this device's prompt: its host name, any <c>/context</c> segments, an optional mode, <c>#</c> or <c>&gt;</c>.</summary>
        private bool IsPrompt(string line)
        {
            if (!_promptKnown) return false;
            if (_ftdPrompt) return line == ">";
            return CliText.TryParsePrompt(line, out var host, out _, out _) && string.Equals(host, _promptHost, StringComparison.Ordinal);
        }

        /// <summary>
        /// Whether the line the device stopped at after <paramref name="command"/> ends its output. A question or a
        /// configuration mode ends the session's work here: nothing more is sent. A prompt naming another host is the
        /// prompt (the device was renamed): a warning, and the device keeps the name it was known by.
        /// </summary>
        private bool AtPrompt(string line, DevicePrompt.Kind kind, string command, TerminalText term)
        {
            if (kind == DevicePrompt.Kind.Question) throw Question(line, command, term);
            if (!_promptKnown) return false;
            if (kind == DevicePrompt.Kind.Configuration) throw ConfigurationMode(line, command);
            if (IsPrompt(line)) return true;
            if (_ftdPrompt || !CliText.TryParsePrompt(line, out var host, out _, out _)) return false;
            _warnings.Add(new DeviceWarning(Device, command, null,
                $"{Device}: after '{command}' the prompt reads {line}, another host name; the device is still reported as {Device} (a device is known by how it was reached, never by its prompt)."));
            _promptHost = host;
            return true;
        }

        /// <summary>Reads what more comes within the settle time (a question waits longer: it must not be a pause in the output).</summary>
        private string? Settle(CancellationToken ct, bool question = false)
        {
            var settle = question && _options.PromptSettle < QuestionSettle ? QuestionSettle : _options.PromptSettle;
            if (settle <= TimeSpan.Zero) return null;
            return _channel.Read(settle, ct);
        }

        /// <summary>How long a question-looking line must stand alone before it is taken as a question.</summary>
        internal static readonly TimeSpan QuestionSettle = TimeSpan.FromMilliseconds(300);

        private DeviceException Question(string line, string? command, TerminalText term)
        {
            var e = Fail(ErrorIds.UnexpectedDevicePrompt, SpiErrorCategory.InvalidData,
                $"{Device}: the device asks '{line}' {(command != null ? $"after '{command}'" : "at login")}; SpiTools answers no question it did not ask and sent nothing more, not even Enter. " +
                "Answer it on the device yourself, then run again.", command, line);
            e.PartialOutput = Redact(term.ToString());
            return e;
        }

        private DeviceException ConfigurationMode(string line, string? command) =>
            Fail(ErrorIds.ConfigurationModeRefused, SpiErrorCategory.InvalidData,
                $"{Device}: the prompt {line} is a configuration mode {(command != null ? $"(after '{command}')" : "(at login)")}; SpiTools never types into or leaves configuration mode and sent nothing more.",
                command, line);
    }
}
