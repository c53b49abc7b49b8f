using System;
using System.Collections;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The dispatcher behind <see cref="CaptureParser"/>: reads lines, repairs common damage, follows echoed
    /// commands and content signatures from one output to the next, offers lines to the current section's
    /// parser and accounts for every line.
    /// </summary>
    internal sealed class CaptureReader : IEnumerator<ICaptureRecord>
    {
        private readonly Func<LineSource> _open;
        private readonly CaptureParseOptions _options;
        private readonly ICaptureFormat? _forced;
        private readonly ParseContext _ctx;
        private readonly LineRepairer _repairer = new LineRepairer();
        private ParseStatistics _stats = new ParseStatistics();
        private readonly ParseStatistics _partStats = new ParseStatistics();
        private Action<int, LineUse>? _observe;
        private PrefixedLineSource? _src;
        private ISectionParser? _parser;
        private ICaptureFormat? _format;
        private bool _finished;
        private int _lineNo;
        private ICaptureRecord? _current;

        // An output SpiTools does not read: one diagnostic for its whole range.
        private bool _unsupportedByEcho;
        private int _unsupStart;
        private int _unsupLast;
        private int _unsupCount;
        private string _unsupText = "";
        private string? _unsupCommand;

        // Double spacing: non-blank lines each separated by exactly one blank line.
        private int _blankRun;
        private int _alternations;
        private bool _doubleSpacingReported;

        // A line that HTML line breaks made into several: its parts are counted in _partStats, the line once.
        private bool _splitting;

        // Line prefixes of one block (line numbers, quote markers, a terminal logger's times): one diagnostic per block.
        private int _prefixBlock;
        private int _prefixStart;
        private int _prefixLast;
        private int _prefixCount;
        private LinePrefixKind _prefixKind;
        private string _prefixText = "";

        public CaptureReader(Func<LineSource> open, string? source, CaptureParseOptions options, ICaptureFormat? forced)
        {
            _open = open;
            _options = options;
            _forced = forced;
            _ctx = new ParseContext(source) { Device = options.Device, Identity = options.Identity };
            _observe = options.LineObserver;
        }

        public ICaptureRecord Current => _current ?? throw new InvalidOperationException();

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            _src ??= new PrefixedLineSource(_open());
            while (true)
            {
                if (_ctx.TryDequeue(out var record))
                {
                    if (record is ParseDiagnostic) _stats.Diagnostics++;
                    else _stats.Records++;
                    _current = record;
                    return true;
                }
                if (_finished) return false;
                if (!Step()) Finish();
            }
        }

        private bool Step()
        {
            // Lines come straight from the source unless one could start a block of prefixes, or lines were read ahead.
            var prefixes = _src!;
            LineSource from;
            ReadOnlySpan<char> raw;
            int indent;
            if (prefixes.Engaged)
            {
                from = prefixes;
                if (!from.TryReadLine(out raw)) return false;
                indent = LineRepairer.IndentOf(raw);
            }
            else
            {
                from = prefixes.Inner;
                if (!from.TryReadLine(out raw)) return false;
                indent = LineRepairer.IndentOf(raw);
                if (LinePrefix.MayStartAt(raw, indent))
                {
                    prefixes.TryStart(ref raw, from.LastLineTruncated, from.LastLineFullLength, from.LastLineInvalidEncoding);
                    from = prefixes;
                }
            }
            int n = ++_lineNo;
            _stats.Lines++;

            if (from.LastLineTruncated)
                _ctx.Report(DiagnosticCodes.LineTooLong, DiagnosticSeverity.Warning, n, raw,
                    $"line is {from.LastLineFullLength} characters long; only the first {from.MaxLineLength} were read");
            if (from.LastLineInvalidEncoding)
                _ctx.Report(DiagnosticCodes.InvalidEncoding, DiagnosticSeverity.Warning, n, raw,
                    "bytes that are not valid UTF-8 were replaced with U+FFFD");

            var body = raw;
            if (ReferenceEquals(from, prefixes) && prefixes.PrefixLength > 0)
            {
                TrackPrefix(n, raw);
                body = raw.Slice(prefixes.PrefixLength);
                indent = -1;
            }
            var repaired = _repairer.Repair(body, out var damage);
            if (damage == LineDamage.None)
            {
                // Unrepaired, the line reads as it came: its indentation is known.
                StepText(n, repaired, raw, indent);
                return true;
            }
            ReportDamage(damage, n, raw);
            if ((damage & LineDamage.HtmlLineBreak) != 0) StepParts(n, repaired, raw);
            else StepText(n, repaired, raw, -1);
            // A web page's preformatted block holds one pasted output: what follows its </pre> (prose, another
            // figure) is not that output's continuation, whatever it looks like.
            if ((damage & LineDamage.HtmlBlockEnd) != 0 && _parser != null && _forced == null) CloseSection();
            return true;
        }

        /// <summary>
        /// A line that HTML line breaks divide: each part is read as a line of its own, under the same number. The parts
        /// are counted aside, and the line once: reported if any part was, else used if any part was, else blank.
        /// </summary>
        private void StepParts(int n, ReadOnlySpan<char> repaired, ReadOnlySpan<char> raw)
        {
            var stats = _stats;
            var observe = _observe;
            var parts = _partStats;
            parts.UsedLines = parts.ReportedLines = parts.BlankLines = 0;
            _stats = parts;
            _observe = null;
            _splitting = true;
            try
            {
                var rest = repaired;
                while (true)
                {
                    int nl = rest.IndexOf('\n');
                    StepText(n, nl < 0 ? rest : rest.Slice(0, nl), raw, -1);
                    if (nl < 0) break;
                    rest = rest.Slice(nl + 1);
                }
            }
            finally
            {
                _stats = stats;
                _observe = observe;
                _splitting = false;
            }
            var use = parts.ReportedLines > 0 ? LineUse.Reported : parts.UsedLines > 0 ? LineUse.Used : LineUse.Blank;
            if (use == LineUse.Reported) _stats.ReportedLines++;
            else if (use == LineUse.Used) _stats.UsedLines++;
            else _stats.BlankLines++;
            _observe?.Invoke(n, use);
        }

        /// <summary>Reads one repaired line; <paramref name="indent"/> is its indentation when known, else -1.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void StepText(int n, ReadOnlySpan<char> repaired, ReadOnlySpan<char> raw, int indent)
        {
            if (indent < 0) indent = LineRepairer.IndentOf(repaired);
            var text = repaired.Slice(indent).TrimWhiteSpace();
            if (text.IsEmpty)
            {
                _stats.BlankLines++;
                _observe?.Invoke(n, LineUse.Blank);
                if (!_splitting) _blankRun++;
                return;
            }
            TrackSpacing(n, raw);
            var line = new CaptureLine(n, text, indent, raw);

            if (EchoLine.TryParse(text, out var echo))
            {
                HandleEcho(line, echo);
                return;
            }

            if (_parser != null)
            {
                if (_ctx.Filter?.Kind == OutputFilterKind.Count && OutputFilter.IsCountLine(text))
                {
                    _stats.UsedLines++;
                    _observe?.Invoke(n, LineUse.Used);
                    _ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, n, raw,
                        $"the output was filtered ('{_ctx.Filter.Text}'): only the number of matching lines was printed, so there are no records");
                    return;
                }
                if (Offer(line)) return;
                if (_forced == null)
                {
                    var next = FindSectionStart(line, _format);
                    if (next != null)
                    {
                        CloseSection();
                        StartSection(next, null);
                        if (!Offer(line)) Unrecognized(line);
                        return;
                    }
                }
                Unrecognized(line);
                return;
            }

            var start = _forced ?? (_unsupportedByEcho ? null : FindSectionStart(line, null));
            if (start != null)
            {
                FlushUnsupported();
                StartSection(start, null);
                if (!Offer(line)) Unrecognized(line);
                return;
            }
            AddUnsupported(line, null);
        }

        /// <summary>Offers a line to the current parser; a parser that throws loses only that line.</summary>
        private bool Offer(in CaptureLine line)
        {
            try
            {
                if (_parser!.Accept(line, _ctx))
                {
                    _stats.UsedLines++;
                _observe?.Invoke(line.Number, LineUse.Used);
                    return true;
                }
                return false;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _ctx.Report(DiagnosticCodes.ParserFault, DiagnosticSeverity.Error, line.Number, line.Raw,
                    $"the {_format?.Name} parser failed on this line ({ex.GetType().Name}: {ex.Message}); parsing continues with a new section");
                _stats.ReportedLines++;
                _observe?.Invoke(line.Number, LineUse.Reported);
                var format = _format!;
                _parser = null;
                StartSection(format, _ctx.Command);
                return true; // accounted for by the ParserFault diagnostic
            }
        }

        private void HandleEcho(in CaptureLine line, EchoLine echo)
        {
            CloseSection();
            FlushUnsupported();
            if (!echo.Host.IsEmpty) _ctx.Device = echo.Host.ToString();
            var command = echo.Command;
            var format = command.IsEmpty ? null : _forced ?? MatchCommand(command);
            if (format == null)
            {
                bool mistyped = !command.IsEmpty && CommandTypo.TryCorrectShow(command, out var corrected) && MatchCommand(corrected.AsSpan()) != null;
                if (!command.IsEmpty && !mistyped)
                {
                    _unsupportedByEcho = true;
                    AddUnsupported(line, command.ToString());
                    return;
                }
                // A bare prompt; or a mistyped command the device would have rejected, so the text after it was pasted
                // from elsewhere: the lines after it are read by their content.
                _stats.UsedLines++;
                _observe?.Invoke(line.Number, LineUse.Echo);
                if (mistyped)
                    _ctx.Report(DiagnosticCodes.MistypedCommand, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"'{command.ToString()}' is not a command as typed; the lines after it are read by their content");
                _unsupportedByEcho = false;
                return;
            }

            _stats.UsedLines++;
            _observe?.Invoke(line.Number, LineUse.Echo);
            int joined = format.FindOutputStart(command);
            var commandText = (joined > 0 ? command.Slice(0, joined) : command).TrimWhiteSpace().ToString();
            StartSection(format, commandText);
            ReportFilter(line, format);
            if (joined > 0)
            {
                _ctx.Report(DiagnosticCodes.JoinedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "the command and the first line of its output were joined on one line; they were split");
                var rest = new CaptureLine(line.Number, command.Slice(joined).TrimWhiteSpace(), line.Indent, line.Raw);
                try
                {
                    if (!_parser!.Accept(rest, _ctx))
                        _ctx.Report(DiagnosticCodes.UnrecognizedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                            $"text after the command was not recognised as {format.Name} output");
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    _ctx.Report(DiagnosticCodes.ParserFault, DiagnosticSeverity.Error, line.Number, line.Raw,
                        $"the {format.Name} parser failed on this line ({ex.GetType().Name}: {ex.Message})");
                    _parser = format.CreateParser();
                }
            }
        }

        /// <summary>Says once, at the echo, that the section's output was filtered and what that leaves.</summary>
        private void ReportFilter(in CaptureLine line, ICaptureFormat format)
        {
            var filter = _ctx.Filter;
            if (filter == null) return;
            switch (filter.Kind)
            {
                case OutputFilterKind.Subset when format is SaEventFormat:
                    // A log is a list of messages, each whole on its line: a filter leaves fewer messages, none cut.
                    _ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, line.Number, line.Raw,
                        $"the log was filtered ('{filter.Text}'): only the messages the filter let through were read; each of them is whole");
                    break;
                case OutputFilterKind.Subset:
                    _ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"the output was filtered ('{filter.Text}'): only the lines the filter let through were read; each record holds what they printed, the rest is empty, and it is marked incomplete");
                    break;
                case OutputFilterKind.Begin:
                    _ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, line.Number, line.Raw,
                        $"the output was filtered ('{filter.Text}'): it starts at the first matching line, so what the device printed before that line is not in the capture");
                    break;
                // "| count" is reported at the one line it prints.
            }
        }

        private static ICaptureFormat? MatchCommand(ReadOnlySpan<char> command)
        {
            foreach (var f in CaptureFormats.All)
                if (f.MatchesCommand(command)) return f;
            return null;
        }

        private static ICaptureFormat? FindSectionStart(in CaptureLine line, ICaptureFormat? except)
        {
            foreach (var f in CaptureFormats.All)
                if (!ReferenceEquals(f, except) && f.IsSectionStart(line)) return f;
            return null;
        }

        private void StartSection(ICaptureFormat format, string? command)
        {
            _format = format;
            _parser = format.CreateParser();
            _ctx.Kind = format.Name;
            _ctx.Command = command;
            _ctx.Filter = OutputFilter.Parse(command);
            _unsupportedByEcho = false;
        }

        private void CloseSection()
        {
            if (_parser == null) return;
            try
            {
                _parser.Complete(_ctx);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _ctx.Report(DiagnosticCodes.ParserFault, DiagnosticSeverity.Error, _lineNo, default,
                    $"the {_format?.Name} parser failed at the end of its section ({ex.GetType().Name}: {ex.Message})");
            }
            _parser = null;
            _format = null;
            _ctx.Kind = null;
            _ctx.Command = null;
            _ctx.Filter = null;
        }

        private void Unrecognized(in CaptureLine line)
        {
            _stats.ReportedLines++;
            _observe?.Invoke(line.Number, LineUse.Reported);
            _ctx.Report(DiagnosticCodes.UnrecognizedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"line not recognised as part of {_format?.Name ?? "any"} output");
        }

        private void AddUnsupported(in CaptureLine line, string? command)
        {
            _stats.ReportedLines++;
            _observe?.Invoke(line.Number, LineUse.Reported);
            if (_unsupStart == 0)
            {
                _unsupStart = line.Number;
                _unsupText = ParseContext.Shorten(line.Raw);
                _unsupCommand = command;
            }
            else if (line.Number == _unsupLast)
            {
                return; // another part of a divided line
            }
            _unsupLast = line.Number;
            _unsupCount++;
        }

        private void TrackPrefix(int n, ReadOnlySpan<char> raw)
        {
            if (_src!.BlockNumber != _prefixBlock)
            {
                FlushPrefix();
                _prefixBlock = _src.BlockNumber;
                _prefixStart = n;
                _prefixKind = _src.PrefixKind;
                _prefixText = ParseContext.Shorten(raw);
            }
            _prefixLast = n;
            _prefixCount++;
        }

        private void FlushPrefix()
        {
            if (_prefixCount == 0) return;
            string what = _prefixKind switch
            {
                LinePrefixKind.Number => "line numbers",
                LinePrefixKind.Marker => "quote markers",
                _ => "timestamps of a terminal logger",
            };
            _ctx.Report(DiagnosticCodes.LinePrefix, DiagnosticSeverity.Info, _prefixStart, _prefixText.AsSpan(),
                $"{what} in front of {_prefixCount} line(s) were removed (lines {_prefixStart}-{_prefixLast})", _prefixLast, _prefixCount);
            _prefixCount = 0;
        }

        private void FlushUnsupported()
        {
            if (_unsupStart == 0) return;
            string what = _unsupCommand != null
                ? $"output of '{_unsupCommand}', which SpiTools does not read"
                : "text that is not the output of a command SpiTools reads";
            _ctx.Kind = null;
            _ctx.Report(DiagnosticCodes.UnsupportedOutput, DiagnosticSeverity.Info, _unsupStart, _unsupText.AsSpan(),
                $"{_unsupCount} line(s) of {what} (lines {_unsupStart}-{_unsupLast})", _unsupLast, _unsupCount);
            _unsupStart = _unsupLast = _unsupCount = 0;
            _unsupCommand = null;
        }

        private void TrackSpacing(int n, ReadOnlySpan<char> raw)
        {
            if (_blankRun == 1) _alternations++;
            else _alternations = 0;
            _blankRun = 0;
            if (_alternations >= 6 && !_doubleSpacingReported)
            {
                _doubleSpacingReported = true;
                _ctx.ReportOnce(DiagnosticCodes.DoubleSpacing, DiagnosticSeverity.Info, n, raw,
                    "blank lines were inserted between the output's lines (double spacing)");
            }
        }

        private void ReportDamage(LineDamage damage, int n, ReadOnlySpan<char> raw)
        {
            if ((damage & LineDamage.CarriageReturn) != 0)
                _ctx.ReportOnce(DiagnosticCodes.LineEndings, DiagnosticSeverity.Info, n, raw, "carriage returns in line ends (CR LF or \\r\\n\\r) were removed");
            if ((damage & LineDamage.NonBreakingSpace) != 0)
                _ctx.ReportOnce(DiagnosticCodes.NonBreakingSpace, DiagnosticSeverity.Info, n, raw, "non-breaking or other Unicode spaces were read as spaces");
            if ((damage & LineDamage.PagerResidue) != 0)
                _ctx.Report(DiagnosticCodes.PagerResidue, DiagnosticSeverity.Warning, n, raw, "pager prompt residue (More, backspaces) was removed");
            if ((damage & LineDamage.ControlCharacters) != 0)
                _ctx.Report(DiagnosticCodes.ControlCharacters, DiagnosticSeverity.Warning, n, raw, "control characters (NUL and similar) were removed");
            if ((damage & LineDamage.TypographicCharacter) != 0)
                _ctx.Report(DiagnosticCodes.TypographicCharacter, DiagnosticSeverity.Warning, n, raw, "'×' typed for the x of a hex number (0×0) was read as 'x'");
            if ((damage & LineDamage.MarkdownMarkup) != 0)
                _ctx.Report(DiagnosticCodes.MarkdownMarkup, DiagnosticSeverity.Warning, n, raw, "markdown markup (bold '*', backslash escapes) was removed");
            if ((damage & LineDamage.HtmlMarkup) != 0)
                _ctx.ReportOnce(DiagnosticCodes.HtmlMarkup, DiagnosticSeverity.Info, n, raw,
                    (damage & LineDamage.HtmlLineBreak) != 0
                        ? "HTML markup was removed and its line breaks (<br>, <div>, <p>) read as new lines"
                        : "HTML markup (tags such as <b>, <span>, <pre>, and character references such as &gt;) was removed");
            if ((damage & LineDamage.ListPrefix) != 0)
                _ctx.Report(DiagnosticCodes.ListPrefix, DiagnosticSeverity.Warning, n, raw, "a '- ' list prefix was removed");
        }

        private void Finish()
        {
            CloseSection();
            FlushUnsupported();
            FlushPrefix();
            _ctx.FlushOnceReports();
            _finished = true;
            _src?.Dispose();
            var total = _options.Statistics;
            if (total != null)
            {
                lock (total)
                {
                    total.Sources++;
                    total.Lines += _stats.Lines;
                    total.BlankLines += _stats.BlankLines;
                    total.UsedLines += _stats.UsedLines;
                    total.ReportedLines += _stats.ReportedLines;
                }
            }
        }

        public void Reset() => throw new NotSupportedException();

        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _src?.Dispose();
            var total = _options.Statistics;
            if (total != null && _finished)
            {
                lock (total)
                {
                    total.Records += _stats.Records;
                    total.Diagnostics += _stats.Diagnostics;
                }
            }
        }
    }
}
