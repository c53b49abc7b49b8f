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
    /// <see cref="DeviceException"/>. Never enters configuration mode. Owns the channel.
    /// </summary>
    public sealed class DeviceSession : IDisposable
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

        // ------------------------------------------------------------------ setup

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
                        throw Fail(ErrorIds.PromptNotFound, SpiErrorCategory.ConnectionError,
                            $"{Device}: no CLI prompt within {Seconds(_options.PromptTimeout)} s of login" +
                            (SessionExpired ? " (the device deadline passed)." : candidate != null ? $" ('{candidate}' did not come back after Enter: a banner line, not the prompt)." : "."), null, null);
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
                            SetPrompt(line, line == ">");
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
                Prompt = ">";
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

        private bool UpdatePrompt(TerminalText term)
        {
            var line = term.CurrentLine.Trim();
            if (IsPrompt(line)) Prompt = line;
            IsPrivileged = line.EndsWith("#", StringComparison.Ordinal) || line == ">";
            return IsPrivileged;
        }

        private void DetectPlatform(CancellationToken ct)
        {
            CommandOutput version;
            AskedVersion = true;
            try { version = Run(DeviceCommand.ShowVersion(), _options.CommandTimeout, ct); }
            catch (DeviceException ex) when (ex.ErrorId == ErrorIds.CommandRejected)
            {
                // The refusal's own form still tells: ASA and FTD put "ERROR:" before the '%' line, IOS and IOS-XE do not.
                var line = ex.DeviceErrorLine?.TrimStart() ?? "";
                bool ios = line.StartsWith("%", StringComparison.Ordinal);
                Platform = ios ? DevicePlatform.IosXe : DevicePlatform.Asa;
                _warnings.Add(new DeviceWarning(Device, "show version", ex.DeviceErrorLine,
                    $"{Device}: show version was refused; the platform is taken as {(ios ? "IOS-XE" : "ASA")} from the form of the refusal."));
                return;
            }
            var text = version.Output;
            if (Contains(text, "Firepower Threat Defense")) Platform = DevicePlatform.Ftd;
            else if (Contains(text, "Adaptive Security Appliance")) Platform = DevicePlatform.Asa;
            else if (Contains(text, "IOS XE") || Contains(text, "IOS-XE") || Contains(text, "Cisco IOS Software")) Platform = DevicePlatform.IosXe;
            else
            {
                _warnings.Add(new DeviceWarning(Device, "show version", null, $"{Device}: the platform was not recognised from show version; it is taken as ASA."));
                Platform = DevicePlatform.Asa;
            }
        }

        private void DisablePaging(CancellationToken ct)
        {
            foreach (var c in DeviceCommand.Paging(Platform))
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

        private CommandOutput ChangeContextCore(DeviceCommand command, CancellationToken ct)
        {
            var name = command.Text.Substring("changeto context ".Length);
            var output = Run(command, _options.CommandTimeout, ct);
            var segments = Prompt?.Split('/') ?? Array.Empty<string>();
            bool named = false;
            for (int i = 1; i < segments.Length; i++)
            {
                var seg = segments[i].TrimEnd('#', '>');
                int paren = seg.IndexOf('(');
                if (paren >= 0) seg = seg.Substring(0, paren);
                if (string.Equals(seg, name, StringComparison.OrdinalIgnoreCase)) named = true;
            }
            if (!named)
                throw Fail(ErrorIds.CommandRejected, SpiErrorCategory.InvalidArgument,
                    $"{Device}: after '{command.Text}' the prompt is {Prompt}, not in context {name}.", command.Text, Prompt);
            Context = name;
            return output;
        }

        // ------------------------------------------------------------------ commands

        private CommandOutput Run(DeviceCommand command, TimeSpan timeout, CancellationToken ct)
        {
            var prompt = Prompt ?? ">";
            var clock = Stopwatch.StartNew();
            Response response;
            // Whatever the reading thread is doing, the channel is closed under it shortly after the command's time.
            using (var watchdog = DeadlineGuard.After(_channel, Remaining(timeout, clock) + DeadlineGuard.Grace))
            {
                try
                {
                    Send(command.Text + _options.NewLine, command.Text);
                    response = ReadResponse(command.Text, timeout, stopAtPassword: false, ErrorIds.OutputIncomplete, ct);
                }
                catch (DeviceException ex) when (watchdog.Fired && ex.ErrorId == ErrorIds.DeviceDisconnected)
                {
                    throw Fail(ErrorIds.OutputIncomplete, SpiErrorCategory.ReadError,
                        $"{Device}: '{command.Text}' did not complete within {Seconds(timeout)} s; the session was closed.", command.Text, null, ex);
                }
            }
            UpdatePrompt(response.Term);
            var term = response.Term;
            if (term.CutLines > 0)
                _warnings.Add(new DeviceWarning(Device, command.Text, null,
                    $"{Device}: {term.CutLines} line(s) of '{command.Text}' were longer than {term.MaxLineLength} characters and were cut there."));
            // Only the head of the output is split into lines (the echo, an error line); the output is one copy of the rest.
            var head = term.FirstLines(TerminalTextHead);
            for (int i = 0; i < head.Count; i++) head[i] = Redact(head[i]);
            int start = CliText.EchoLines(head, command.Text);
            var error = CliText.FindErrorLine(head, start);
            if (error == null && head.Count < term.LineCount && NonBlank(head, start) < 4)
                error = CliText.FindErrorLine(Lines(Redact(term.Committed)), start);
            if (error != null)
            {
                bool authorization = error.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0;
                throw Fail(ErrorIds.CommandRejected, authorization ? SpiErrorCategory.PermissionDenied : SpiErrorCategory.InvalidArgument,
                    $"{Device}: the device rejected '{command.Text}': {error}", command.Text, error);
            }
            var output = Redact(term.CommittedFrom(start));
            _options.OutputBudget?.Charge(output.Length);
            return new CommandOutput(command, prompt, output, response.PagerPresses, clock.Elapsed);
        }

        /// <summary>Lines at the head of an output looked at for the echo and an error line.</summary>
        private const int TerminalTextHead = 8;

        private static int NonBlank(List<string> lines, int start)
        {
            int n = 0;
            for (int i = start; i < lines.Count; i++) if (lines[i].Trim().Length > 0) n++;
            return n;
        }

        private sealed class Response
        {
            public Response(TerminalText term, bool atPassword, int pagerPresses)
            {
                Term = term;
                AtPassword = atPassword;
                PagerPresses = pagerPresses;
            }

            public TerminalText Term { get; }
            public bool AtPassword { get; }
            public int PagerPresses { get; }
        }

        private Response ReadResponse(string command, TimeSpan timeout, bool stopAtPassword, string timeoutErrorId, CancellationToken ct)
        {
            var term = new TerminalText(_options.TerminalWidth);
            var clock = Stopwatch.StartNew();
            int presses = 0, stalled = 0, linesAtLastPress = -1;
            // What this output may grow to: the session's per-command limit, and what is left of the device's budget.
            long budget = _options.OutputBudget?.Remaining ?? long.MaxValue;
            long limit = Math.Min(_options.MaxOutputCharacters, budget);
            // Looked at inside each chunk too, so no chunk, whatever it holds, keeps the session past its time or budget.
            Func<bool> stop = () => term.Length > limit || Remaining(timeout, clock) <= TimeSpan.Zero;
            string? pending = null;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                string? chunk;
                if (pending != null) { chunk = pending; pending = null; }
                else
                {
                    var remaining = Remaining(timeout, clock);
                    if (remaining <= TimeSpan.Zero)
                        throw Incomplete(timeoutErrorId, command, term,
                            SessionExpired ? $"the device deadline ({Seconds(_options.DeviceTimeout!.Value)} s) passed" : $"no prompt within {Seconds(timeout)} s");
                    chunk = _channel.Read(Min(remaining, ReadSlice), ct);
                    if (chunk is null)
                    {
                        var d = Fail(ErrorIds.DeviceDisconnected, SpiErrorCategory.ConnectionError,
                            $"{Device}: the device closed the session during '{command}'; the output so far is incomplete.", command, null);
                        d.PartialOutput = Redact(term.ToString());
                        throw d;
                    }
                    if (chunk.Length == 0) continue;
                }
                term.Append(chunk, ct, stop);
                if (term.Length > limit)
                    throw TooLarge(command, term, limit == budget
                        ? $"the output passed the {limit} characters left of this device's output budget ({_options.OutputBudget!.Characters} characters)"
                        : $"the output passed {limit} characters");
                if (Remaining(timeout, clock) <= TimeSpan.Zero) continue; // reported at the top of the loop

                var line = term.ShortCurrentLine;
                if (CliText.IsPager(line))
                {
                    if (term.LineCount == linesAtLastPress)
                    {
                        if (++stalled >= _options.MaxStalledPagerPresses)
                            throw Incomplete(ErrorIds.OutputIncomplete, command, term, "the pager keeps asking without showing more");
                    }
                    else stalled = 0;
                    linesAtLastPress = term.LineCount;
                    term.ClearCurrentLine();
                    Send(" ", command);
                    presses++;
                    continue;
                }
                var trimmed = line.Trim();
                if (stopAtPassword && trimmed.EndsWith("Password:", StringComparison.OrdinalIgnoreCase))
                    return new Response(term, true, presses);
                var kind = DevicePrompt.Classify(trimmed, out _);
                if (kind != DevicePrompt.Kind.None)
                {
                    var more = Settle(ct, kind == DevicePrompt.Kind.Question);
                    if (more is { Length: > 0 }) { pending = more; continue; }
                    if (AtPrompt(trimmed, kind, command, term)) return new Response(term, false, presses);
                }
            }
        }

        /// <summary>The output passed its limit: cut, reported with the head of what came (never all of it).</summary>
        private DeviceException TooLarge(string command, TerminalText term, string why)
        {
            var e = Fail(ErrorIds.OutputTooLarge, SpiErrorCategory.ReadError,
                $"{Device}: '{command}' was cut: {why}. The output so far is incomplete and is not used.", command, null);
            e.PartialOutput = Redact(term.Head(PartialOutputExcerpt));
            return e;
        }

        /// <summary>Characters of a cut output kept with its error.</summary>
        private const int PartialOutputExcerpt = 64 * 1024;

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

        /// <summary>Reads what more comes within the settle time (a question waits longer: it must not be a pause in the output).</summary>
        private string? Settle(CancellationToken ct, bool question = false)
        {
            var settle = question && _options.PromptSettle < QuestionSettle ? QuestionSettle : _options.PromptSettle;
            if (settle <= TimeSpan.Zero) return null;
            return _channel.Read(settle, ct);
        }

        /// <summary>How long a question-looking line must stand alone before it is taken as a question.</summary>
        internal static readonly TimeSpan QuestionSettle = TimeSpan.FromMilliseconds(300);

        private DeviceException Incomplete(string errorId, string command, TerminalText term, string why)
        {
            var category = errorId == ErrorIds.EnableFailed ? SpiErrorCategory.PermissionDenied : SpiErrorCategory.ReadError;
            var e = Fail(errorId, category, $"{Device}: '{command}' did not complete: {why}. The output so far is incomplete and is not used.", command, null);
            e.PartialOutput = Redact(term.ToString());
            return e;
        }

        // ------------------------------------------------------------------ plumbing

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

        private bool SessionExpired => _options.DeviceTimeout is { } t && _sessionClock.IsRunning && _sessionClock.Elapsed >= t;

        private TimeSpan Remaining(TimeSpan timeout, Stopwatch clock)
        {
            var r = timeout - clock.Elapsed;
            if (_options.DeviceTimeout is { } t && _sessionClock.IsRunning)
                r = Min(r, t - _sessionClock.Elapsed);
            return r;
        }

        private static List<string> Lines(string committed)
        {
            var list = new List<string>(committed.Split('\n'));
            if (list.Count > 0 && list[list.Count - 1].Length == 0) list.RemoveAt(list.Count - 1);
            return list;
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(DeviceSession));
        }
    }
}
