using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>What a reading cmdlet wants back.</summary>
    public sealed class CaptureReadOptions
    {
        /// <summary>The record types to output (others are read, and their damage reported, but not output).</summary>
        public IReadOnlyList<Type> OutputTypes { get; set; } = new[] { typeof(IpsecSa) };

        /// <summary>Output <see cref="ParseDiagnostic"/> objects too, instead of one warning per capture.</summary>
        public bool IncludeDiagnostic { get; set; }

        /// <summary>Output each packet-tracer phase as a <see cref="PacketTracePhase"/> instead of the trace.</summary>
        public bool ExpandPhases { get; set; }

        /// <summary>What <c>Get-IpsecSa</c> outputs.</summary>
        public static CaptureReadOptions IpsecSas(bool includeDiagnostic) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(IpsecSa) }, IncludeDiagnostic = includeDiagnostic };

        /// <summary>What <c>Get-AsaVpnContext</c> outputs.</summary>
        public static CaptureReadOptions VpnContexts(bool includeDiagnostic) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(VpnContext) }, IncludeDiagnostic = includeDiagnostic };

        /// <summary>What <c>Get-AsaPacketTrace</c> outputs (<paramref name="phases"/>: its <c>-Phase</c> switch).</summary>
        public static CaptureReadOptions PacketTraces(bool includeDiagnostic, bool phases) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(PacketTrace) }, IncludeDiagnostic = includeDiagnostic, ExpandPhases = phases };
    }

    /// <summary>
    /// Reads captures for a front end through <see cref="ICommandSink"/>: files (already resolved by the caller),
    /// or text (pipeline lines, a whole string, Posh-SSH <c>Output</c>) per host. Damage becomes one warning per
    /// capture (or diagnostic objects on request); a file that cannot be read is a non-terminating error with a
    /// stable ErrorId, and the other inputs are still read.
    /// </summary>
    public static class CaptureReadService
    {
        /// <summary>Reads files one after another.</summary>
        public static void ReadFiles(IEnumerable<string> paths, CaptureReadOptions options, ICommandSink sink)
        {
            foreach (var path in paths)
            {
                if (sink.IsStopping) return;
                IEnumerable<ICaptureRecord> records;
                try
                {
                    records = CaptureParser.ParseFile(path);
                    Forward(records, path, options, sink);
                }
                catch (CaptureInputException ex)
                {
                    sink.Error(ErrorIdFor(ex.Code), CategoryFor(ex.Code), ex, path);
                }
            }
        }

        /// <summary>Reads the lines (or multi-line strings) gathered for one host as one capture.</summary>
        public static void ReadText(IEnumerable<string?> lines, string? host, CaptureReadOptions options, ICommandSink sink)
        {
            var list = lines.ToList();
            if (list.All(string.IsNullOrWhiteSpace))
            {
                sink.Error(ErrorIds.DeviceOutputEmpty, SpiErrorCategory.InvalidData,
                    new InvalidDataException($"{host ?? "input"}: the text holds no device output"), host);
                return;
            }
            Forward(CaptureParser.ParseLines(list, host ?? "pipeline", new CaptureParseOptions { Device = host }), host ?? "pipeline", options, sink);
        }

        /// <summary>Parses and collects the records of several inputs (for services that need them all, like diagnosis).</summary>
        public static List<ICaptureRecord> Collect(IEnumerable<string> paths, IEnumerable<(string? Host, IReadOnlyList<string?> Lines)> texts, ICommandSink sink)
        {
            var all = new List<ICaptureRecord>();
            foreach (var path in paths)
            {
                try
                {
                    string device = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".").Name;
                    all.AddRange(CaptureParser.ParseFile(path, new CaptureParseOptions { Device = device }));
                }
                catch (CaptureInputException ex)
                {
                    sink.Error(ErrorIdFor(ex.Code), CategoryFor(ex.Code), ex, path);
                }
            }
            foreach (var (host, lines) in texts)
                all.AddRange(CaptureParser.ParseLines(lines, host ?? "pipeline", new CaptureParseOptions { Device = host }));
            return all;
        }

        private static void Forward(IEnumerable<ICaptureRecord> records, string source, CaptureReadOptions options, ICommandSink sink)
        {
            var damage = new List<ParseDiagnostic>();
            foreach (var r in records)
            {
                if (sink.IsStopping) return;
                if (r is ParseDiagnostic d)
                {
                    if (options.IncludeDiagnostic) sink.Output(d);
                    else if (d.Severity != DiagnosticSeverity.Info) damage.Add(d);
                    continue;
                }
                if (options.ExpandPhases && r is PacketTrace t && options.OutputTypes.Contains(typeof(PacketTrace)))
                {
                    foreach (var p in t.Phases) sink.Output(p);
                    continue;
                }
                if (options.OutputTypes.Contains(r.GetType())) sink.Output(r);
            }
            if (damage.Count > 0) sink.Warning(DamageSummary(source, damage));
        }

        /// <summary>"fw.txt: 3 damaged or unrecognised lines (JoinedLine at 21; SpiDecimalMismatch at 32)".</summary>
        public static string DamageSummary(string source, IReadOnlyList<ParseDiagnostic> damage) =>
            $"{Path.GetFileName(source)}: {damage.Count} damaged or unrecognised line(s) (" +
            string.Join("; ", damage.GroupBy(d => d.Code).Select(g => $"{g.Key} at {string.Join(", ", g.Select(d => d.Line).Distinct().Take(6))}{(g.Count() > 6 ? ", …" : "")}")) +
            "); use -IncludeDiagnostic for details";

        internal static string ErrorIdFor(CaptureInputError code) => code switch
        {
            CaptureInputError.FileNotFound => ErrorIds.CaptureFileNotFound,
            CaptureInputError.IsDirectory => ErrorIds.CaptureFileIsDirectory,
            _ => ErrorIds.CaptureFileUnreadable,
        };

        internal static SpiErrorCategory CategoryFor(CaptureInputError code) => code switch
        {
            CaptureInputError.FileNotFound => SpiErrorCategory.ObjectNotFound,
            _ => SpiErrorCategory.ReadError,
        };
    }

    /// <summary>Runs the diagnosis for a front end: findings to the output, a damaged capture as a warning.</summary>
    public static class DiagnosisService
    {
        /// <summary>What <c>Compare-SpiContext</c> does: collect every input, then diagnose.</summary>
        public static void Run(IEnumerable<string> files, IEnumerable<(string? Host, IReadOnlyList<string?> Lines)> texts, IEnumerable<string>? beforeFiles,
            Diagnosis.DiagnosisOptions options, ICommandSink sink)
        {
            var records = CaptureReadService.Collect(files, texts, sink);
            var before = beforeFiles == null ? null : CaptureReadService.Collect(beforeFiles, new List<(string?, IReadOnlyList<string?>)>(), sink);
            Run(records, before, options, sink);
        }

        public static void Run(IReadOnlyList<ICaptureRecord> records, IReadOnlyList<ICaptureRecord>? before, Diagnosis.DiagnosisOptions options, ICommandSink sink)
        {
            foreach (var f in Diagnosis.SpiDiagnosis.Diagnose(records, before, options))
            {
                if (sink.IsStopping) return;
                if (f.Code == Diagnosis.FindingCodes.CaptureDamaged) sink.Warning($"{f.Device}: {f.Evidence}");
                sink.Output(f);
            }
        }
    }
}
