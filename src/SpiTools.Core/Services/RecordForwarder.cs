using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>
    /// Hands the records of one capture to a front end as they are parsed: the wanted types to the output, damage
    /// gathered into one warning at the end (or diagnostic objects on request), and at the end a verbose line saying
    /// what was recognised, and a warning when the capture was empty or held none of the wanted output.
    /// </summary>
    internal sealed class RecordForwarder
    {
        private readonly string _source;
        private readonly CaptureReadOptions _options;
        private readonly ICommandSink _sink;
        private readonly List<ParseDiagnostic> _damage = new List<ParseDiagnostic>();
        private readonly Dictionary<string, int> _recognised = new Dictionary<string, int>(StringComparer.Ordinal);
        private int _output;
        private int _unsupported;
        private string? _device;

        private readonly CaptureTally? _tally;

        public RecordForwarder(string source, CaptureReadOptions options, ICommandSink sink, CaptureTally? tally = null)
        {
            _source = source;
            _options = options;
            _sink = sink;
            _tally = tally;
        }

        public void Accept(ICaptureRecord r)
        {
            if (r is ParseDiagnostic d)
            {
                if (d.Code == DiagnosticCodes.UnsupportedOutput) _unsupported += Math.Max(1, d.LastLine - d.Line + 1);
                if (_options.IncludeDiagnostic) _sink.Output(d);
                else if (d.Severity != DiagnosticSeverity.Info) _damage.Add(d);
                return;
            }
            _device ??= r.Device;
            _recognised.TryGetValue(r.RecordType, out int n);
            _recognised[r.RecordType] = n + 1;
            if (!_options.OutputAllTypes && !_options.OutputTypes.Contains(r.GetType())) return;
            _output++;
            if (_options.ExpandPhases && r is PacketTrace t)
            {
                foreach (var p in t.Phases) _sink.Output(p);
                return;
            }
            _sink.Output(r);
        }

        /// <summary>Writes the end-of-capture messages; <paramref name="stats"/> is the capture's line accounting.</summary>
        public void Finish(ParseStatistics stats)
        {
            _options.Accounted?.Invoke(_source, stats);
            string name = Name(_source);
            _sink.Verbose($"{name}: {stats}" + (_device != null ? $"; device {_device}" : "") + "; recognised: " +
                (_recognised.Count == 0 ? "nothing" : string.Join(", ", _recognised.Select(kv => $"{CaptureReadOptions.OutputNameOf(kv.Key)} ({kv.Value} {kv.Key})"))) +
                (_unsupported > 0 ? $"; {_unsupported} line(s) of other output" : ""));
            if (_damage.Count > 0) _sink.Warning(CaptureReadService.DamageSummary(_source, _damage));
            if (stats.Lines == stats.BlankLines)
            {
                _sink.Warning($"{name}: the capture is empty");
            }
            else if (_output == 0)
            {
                string holds = _recognised.Count == 0 ? $"{name} (it holds nothing SpiTools reads)"
                    : $"{name} (it holds {string.Join(", ", _recognised.Keys.Select(CaptureReadOptions.OutputNameOf))})";
                if (_tally != null) _tally.Without.Add(holds);
                else _sink.Warning($"{_options.OutputName}: no such output in {holds}");
            }
            if (_tally != null) _tally.Output += _output;
        }

        /// <summary>A file's folder and name (a path is long; its end tells captures apart), or the text's label.</summary>
        internal static string Name(string source)
        {
            if (source.IndexOf(Path.DirectorySeparatorChar) < 0 && source.IndexOf('/') < 0) return source;
            string? folder = Path.GetFileName(Path.GetDirectoryName(source));
            return string.IsNullOrEmpty(folder) ? Path.GetFileName(source) : folder + "/" + Path.GetFileName(source);
        }
    }
}

namespace SpiTools.Services
{
}
