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
        private readonly UnsupportedOutputRun _unsupported = new UnsupportedOutputRun();

        // Damage that spans lines, reported once for its whole extent: double spacing, and blocks of line prefixes.
        private readonly DoubleSpacingDetector _spacing = new DoubleSpacingDetector();

        private readonly LinePrefixRun _prefixes = new LinePrefixRun();

        // A line that HTML line breaks made into several: its parts are counted in _partStats, the line once.
        private bool _splitting;

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
                _prefixes.Track(_ctx, n, raw, prefixes.BlockNumber, prefixes.PrefixKind);
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
            LineDamageReports.Report(_ctx, damage, n, raw);
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
                if (!_splitting) _spacing.Blank();
                return;
            }
            _spacing.Text(_ctx, n, raw);
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
                    var next = CaptureFormats.StartingAt(line, _format);
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

            var start = _forced ?? (_unsupportedByEcho ? null : CaptureFormats.StartingAt(line, null));
            if (start != null)
            {
                _unsupported.Flush(_ctx);
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
            _unsupported.Flush(_ctx);
            if (!echo.Host.IsEmpty) _ctx.Device = echo.Host.ToString();
            var command = echo.Command;
            var format = command.IsEmpty ? null : _forced ?? CaptureFormats.ForCommand(command);
            if (format == null)
            {
                bool mistyped = !command.IsEmpty && CommandTypo.TryCorrectShow(command, out var corrected) && CaptureFormats.ForCommand(corrected.AsSpan()) != null;
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
            OutputFilterReports.ReportAtEcho(_ctx, line, format);
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
            _unsupported.Add(line, command);
        }

        private void Finish()
        {
            CloseSection();
            _unsupported.Flush(_ctx);
            _prefixes.Flush(_ctx);
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
