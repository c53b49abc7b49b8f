using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// What a section parser talks to: where records and diagnostics go, and what is known about the source
    /// (its name, the device from an echoed prompt, the kind of output being read).
    /// </summary>
    public sealed class ParseContext
    {
        private readonly Queue<ICaptureRecord> _pending = new Queue<ICaptureRecord>();

        /// <summary>Creates a context for one source.</summary>
        public ParseContext(string? source)
        {
            Source = source;
        }

        /// <summary>File path, <c>-</c> for standard input, or a host name.</summary>
        public string? Source { get; }

        /// <summary>Device name from the last echoed prompt, if any.</summary>
        public string? Device { get; set; }

        /// <summary>The device's identity, when known (a live device, a saved capture's manifest): it names every record, whatever prompt is echoed.</summary>
        public string? Identity { get; set; }

        /// <summary>Kind name of the section being parsed (<see cref="ICaptureFormat.Name"/>).</summary>
        public string? Kind { get; set; }

        /// <summary>The command echoed before the current section, without its prompt, when there was one.</summary>
        public string? Command { get; set; }

        /// <summary>The output filter typed after <see cref="Command"/> (<c>| include …</c>), when there was one.</summary>
        internal OutputFilter? Filter { get; set; }

        /// <summary>Hands out a finished record; a parsed record's <see cref="ICaptureRecord.Source"/> and <see cref="ICaptureRecord.Device"/> are filled in when empty (the device by its <see cref="Identity"/> when known), the last thing the core writes on it.</summary>
        public void Emit(ICaptureRecord record)
        {
            if (record is null) throw new ArgumentNullException(nameof(record));
            if (record is IStampableRecord stamped)
            {
                stamped.Source ??= Source;
                if (Identity != null) stamped.Device = Identity;
                else stamped.Device ??= Device;
                if (stamped.LastLine < stamped.Line) stamped.LastLine = stamped.Line;
            }
            _pending.Enqueue(record);
        }

        /// <summary>Reports damage that was repaired or a line that could not be used.</summary>
        public void Report(string code, string severity, int line, ReadOnlySpan<char> text, string message, int lastLine = 0, int occurrences = 1)
        {
            _pending.Enqueue(new ParseDiagnostic
            {
                Code = code,
                Severity = severity,
                Source = Source,
                Device = Identity ?? Device,
                Line = line,
                LastLine = lastLine < line ? line : lastLine,
                Occurrences = occurrences,
                Text = Shorten(text),
                Message = message,
                Kind = Kind,
            });
        }

        private readonly Dictionary<string, OnceReport> _once = new Dictionary<string, OnceReport>(StringComparer.Ordinal);
        private readonly List<string> _onceOrder = new List<string>();

        /// <summary>
        /// Records cosmetic damage (line endings, non-breaking spaces, lost indentation) that is reported once per
        /// source, with the first line it occurred on and how often; see <see cref="FlushOnceReports"/>.
        /// </summary>
        public void ReportOnce(string code, string severity, int line, ReadOnlySpan<char> text, string message)
        {
            if (_once.TryGetValue(code, out var existing))
            {
                existing.Count++;
                existing.LastLine = line;
                return;
            }
            _once[code] = new OnceReport { Severity = severity, Line = line, LastLine = line, Text = Shorten(text), Message = message, Count = 1, Kind = Kind };
            _onceOrder.Add(code);
        }

        /// <summary>Emits the diagnostics gathered by <see cref="ReportOnce"/>; called once at the end of the source.</summary>
        public void FlushOnceReports()
        {
            foreach (var code in _onceOrder)
            {
                var r = _once[code];
                _pending.Enqueue(new ParseDiagnostic
                {
                    Code = code,
                    Severity = r.Severity,
                    Source = Source,
                    Device = Identity ?? Device,
                    Line = r.Line,
                    LastLine = r.LastLine,
                    Occurrences = r.Count,
                    Text = r.Text,
                    Message = r.Count == 1 ? r.Message : $"{r.Message} ({r.Count} lines, first at line {r.Line})",
                    Kind = r.Kind,
                });
            }
            _once.Clear();
            _onceOrder.Clear();
        }

        private sealed class OnceReport
        {
            public string Severity = DiagnosticSeverity.Info;
            public int Line;
            public int LastLine;
            public int Count;
            public string Text = "";
            public string Message = "";
            public string? Kind;
        }

        /// <summary>Takes the next record handed out, if any.</summary>
        public bool TryDequeue(out ICaptureRecord record)
        {
            if (_pending.Count > 0)
            {
                record = _pending.Dequeue();
                return true;
            }
            record = null!;
            return false;
        }

        internal static string Shorten(ReadOnlySpan<char> text)
        {
            const int max = 200;
            // A quoted line never repeats a session key a device printed (FortiOS prints them beside its SAs).
            // Only the start of a long line is quoted; a key that starts there is cut whole before the line is shortened.
            var quoted = KeyMaterial.Redact(text.Length <= 2 * max ? text : text.Slice(0, 2 * max));
            return quoted.Length <= max ? quoted : quoted.Substring(0, max) + "…";
        }
    }
}
