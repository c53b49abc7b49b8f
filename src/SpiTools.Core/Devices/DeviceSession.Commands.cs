using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    // Running one command: sends it, reads its output to the prompt (answering the pager), and types the device's refusal.
    public sealed partial class DeviceSession
    {
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
                    // The watchdog's time is the command's or what was left of the device's, whichever ended first: name that one.
                    // Said as the read loop says it when it notices the time first: the report does not depend on which did.
                    var cut = Incomplete(ErrorIds.OutputIncomplete, command.Text, null, TimeUpReason(timeout), ex);
                    cut.PartialOutput = ex.PartialOutput;
                    throw WhenTimeRanOut(cut);
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
                        throw WhenTimeRanOut(Incomplete(timeoutErrorId, command, term, TimeUpReason(timeout)));
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

        private DeviceException Incomplete(string errorId, string command, TerminalText? term, string why, Exception? inner = null)
        {
            var category = errorId == ErrorIds.EnableFailed ? SpiErrorCategory.PermissionDenied : SpiErrorCategory.ReadError;
            var e = Fail(errorId, category, $"{Device}: '{command}' did not complete: {why}. The output so far is incomplete and is not used.", command, null, inner);
            if (term != null) e.PartialOutput = Redact(term.ToString());
            return e;
        }

        /// <summary>Which time ran out: the device's when it has, else the wait's own (<paramref name="timeout"/>).</summary>
        private string TimeUpReason(TimeSpan timeout) =>
            SessionExpired ? $"the device timeout ({Seconds(_options.DeviceTimeout!.Value)} s) passed" : $"no prompt within {Seconds(timeout)} s";
    }
}
