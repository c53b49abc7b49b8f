using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    // The login dialogue: finds the prompt past any banner, enters privileged mode, finds the platform out and turns paging off.
    public sealed partial class DeviceSession
    {
        private void FindPrompt(CancellationToken ct)
        {
            var term = new TerminalText();
            var clock = Stopwatch.StartNew();
            var nudgeAfter = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, Math.Max(_options.PromptTimeout.Ticks / 4, 1)));
            var lastActivity = TimeSpan.Zero;
            int nudges = 0, confirmations = 0;
            string? pending = null, candidate = null;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                string? chunk;
                if (pending != null) { chunk = pending; pending = null; }
                else
                {
                    var remaining = Remaining(_options.PromptTimeout, clock);
                    if (remaining <= TimeSpan.Zero)
                    {
                        var last = DevicePrompt.LastLine(term.Committed, term.CurrentLine);
                        if (DevicePrompt.IsQuestion(last)) throw Question(last, null, term);
                        throw WhenTimeRanOut(Fail(ErrorIds.PromptNotFound, SpiErrorCategory.ConnectionError,
                            $"{Device}: no CLI prompt within {Seconds(_options.PromptTimeout)} s of login" +
                            (SessionExpired ? " (the device deadline passed)." : candidate != null ? $" ('{candidate}' did not come back after Enter: a banner line, not the prompt)." : "."), null, null));
                    }
                    chunk = _channel.Read(Min(remaining, ReadSlice), ct);
                    if (chunk is null)
                        throw Fail(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                            $"{Device}: the device closed the session before showing a prompt.", null, null);
                }
                if (chunk.Length > 0)
                {
                    term.Append(chunk);
                    lastActivity = clock.Elapsed;
                    var line = term.CurrentLine.Trim();
                    var kind = DevicePrompt.Classify(line, out _);
                    if (kind != DevicePrompt.Kind.None)
                    {
                        var more = Settle(ct, kind == DevicePrompt.Kind.Question);
                        if (more is { Length: > 0 }) { pending = more; continue; }
                        if (kind == DevicePrompt.Kind.Question) throw Question(line, null, term);
                        if (kind == DevicePrompt.Kind.Configuration) throw ConfigurationMode(line, null);
                        // The device stopped at a prompt-looking line: it counts once Enter brings the same line back
                        // (a banner line such as "corp-fw>" does not come back).
                        if (line == candidate)
                        {
                            SetPrompt(line, line == PlatformProfile.Ftd.BarePrompt);
                            return;
                        }
                        if (confirmations++ >= MaxPromptKeystrokes) continue;
                        candidate = line;
                        term = new TerminalText();
                        PressEnter(term);
                        lastActivity = clock.Elapsed;
                        continue;
                    }
                    if (term.Length > 1024 * 1024) term = new TerminalText(); // a banner that never ends: keep only the recent part
                }
                else if (clock.Elapsed - lastActivity >= nudgeAfter && nudges < 3 && !DevicePrompt.IsQuestion(DevicePrompt.LastLine(term.Committed, term.CurrentLine)))
                {
                    PressEnter(term);
                    nudges++;
                    lastActivity = clock.Elapsed;
                }
            }
        }

        /// <summary>Most Enter presses that confirm a prompt-looking line at login (each one a line the banner may still hold).</summary>
        private const int MaxPromptKeystrokes = 8;

        /// <summary>Sends the prompt keystroke (Enter), a setup command of <see cref="CommandPolicy"/>; never while the last output asks a question.</summary>
        private void PressEnter(TerminalText term)
        {
            var key = DeviceCommand.PromptKeystroke();
            CheckSetup(key);
            var last = DevicePrompt.LastLine(term.Committed, term.CurrentLine);
            if (DevicePrompt.IsQuestion(last)) throw Question(last, null, term);
            Send(key.Text + _options.NewLine, null);
        }

        private void SetPrompt(string line, bool ftd)
        {
            _promptKnown = true;
            if (ftd)
            {
                Prompt = PlatformProfile.Ftd.BarePrompt;
                Hostname = null;
                _ftdPrompt = true;
                if (Platform == DevicePlatform.Auto) Platform = DevicePlatform.Ftd;
                IsPrivileged = true;
                return;
            }
            CliText.TryParsePrompt(line, out var host, out var mode, out var end);
            Hostname = host;
            _promptHost = host;
            Prompt = line;
            if (mode.Length > 0) throw ConfigurationMode(line, null);
            IsPrivileged = end == '#';
        }

        private void EnterEnable(CancellationToken ct)
        {
            if (IsPrivileged) return;
            var enable = DeviceCommand.Enable();
            CheckSetup(enable);
            Send(enable.Text + _options.NewLine, enable.Text);
            var first = ReadResponse(enable.Text, _options.PromptTimeout, stopAtPassword: true, ErrorIds.EnableFailed, ct);
            if (!first.AtPassword)
            {
                if (UpdatePrompt(first.Term)) return; // AAA let us in without a password
                throw EnableFailed(first.Term, "the device did not ask for the enable secret");
            }
            var answer = _options.EnableSecret?.Reveal() ?? "";
            Send(answer + _options.NewLine, enable.Text);
            var second = ReadResponse(enable.Text, _options.PromptTimeout, stopAtPassword: true, ErrorIds.EnableFailed, ct);
            if (!second.AtPassword)
            {
                if (UpdatePrompt(second.Term)) return;
                throw EnableFailed(second.Term, _options.EnableSecret is null ? "no enable secret was given" : "the enable secret was refused");
            }
            // Asked again: the secret was wrong. Answer the remaining prompts with empty lines to get back to a prompt.
            var last = second.Term;
            for (int i = 0; i < 3; i++)
            {
                Send(_options.NewLine, enable.Text);
                var r = ReadResponse(enable.Text, _options.PromptTimeout, stopAtPassword: true, ErrorIds.EnableFailed, ct);
                last = r.Term;
                if (!r.AtPassword) { UpdatePrompt(r.Term); break; }
            }
            throw EnableFailed(last, _options.EnableSecret is null ? "no enable secret was given" : "the enable secret was refused");
        }

        private DeviceException EnableFailed(TerminalText term, string why)
        {
            string? errorLine = null;
            foreach (var l in Lines(Redact(term.Committed)))
            {
                var t = l.Trim();
                if (t.Length == 0 || t == "enable" || t.IndexOf(DeviceSecret.Mask, StringComparison.Ordinal) >= 0) continue;
                if (t.EndsWith("Password:", StringComparison.OrdinalIgnoreCase)) continue;
                errorLine = t;
            }
            return Fail(ErrorIds.EnableFailed, SpiErrorCategory.PermissionDenied,
                $"{Device}: could not enter privileged mode: {why}" + (errorLine != null ? $" (device said: {errorLine})." : "."), "enable", errorLine);
        }

        /// <summary>Finds the platform out from <c>show version</c> (<see cref="PlatformProfile.VersionMarkers"/>), or from the form of its refusal.</summary>
        private void DetectPlatform(CancellationToken ct)
        {
            CommandOutput version;
            AskedVersion = true;
            try { version = Run(DeviceCommand.ShowVersion(), _options.CommandTimeout, ct); }
            catch (DeviceException ex) when (ex.ErrorId == ErrorIds.CommandRejected)
            {
                // The refusal's own form still tells: ASA and FTD put "ERROR:" before the '%' line, IOS and IOS-XE do not.
                var byRefusal = PlatformProfile.FromRefusal(ex.DeviceErrorLine);
                Platform = byRefusal.Platform;
                _warnings.Add(new DeviceWarning(Device, "show version", ex.DeviceErrorLine,
                    $"{Device}: show version was refused; the platform is taken as {byRefusal.Name} from the form of the refusal."));
                return;
            }
            var found = PlatformProfile.FromVersion(version.Output);
            if (found == null)
            {
                _warnings.Add(new DeviceWarning(Device, "show version", null, $"{Device}: the platform was not recognised from show version; it is taken as ASA."));
                found = PlatformProfile.Asa;
            }
            Platform = found.Platform;
        }

        /// <summary>Sends the platform's paging commands (<see cref="PlatformProfile.Paging"/>); a refusal is a warning.</summary>
        private void DisablePaging(CancellationToken ct)
        {
            foreach (var c in CollectionPlan.PagingCommands(Platform))
            {
                CheckSetup(c);
                try { Run(c, _options.PromptTimeout, ct); }
                catch (DeviceException ex) when (ex.ErrorId == ErrorIds.CommandRejected)
                {
                    _warnings.Add(new DeviceWarning(Device, c.Text, ex.DeviceErrorLine,
                        $"{Device}: '{c.Text}' was refused ({ex.DeviceErrorLine}); pages will be answered as they come."));
                }
            }
        }
    }
}
