using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>
    /// Runs the diagnosis for a front end: reads every capture of the devices given, names each device (an echoed
    /// prompt, else the capture's folder, else the text's device label), diagnoses each device, and writes the
    /// findings (a damaged capture also as a warning).
    /// One device found in captures from several folders is two snapshots, not one device: each folder is diagnosed
    /// on its own and a warning says so (give the earlier snapshot as the "before" input to judge counters on growth).
    /// </summary>
    public static class DiagnosisService
    {
        /// <summary>What <c>Compare-SpiContext</c> and <c>spitools diagnose</c> do: collect every input, then diagnose.</summary>
        public static void Run(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts, IEnumerable<string>? beforeFiles,
            DiagnosisOptions options, ICommandSink sink)
        {
            var groups = Collect(files, texts, sink);
            if (sink.IsStopping) return;
            List<ICaptureRecord>? before = null;
            if (beforeFiles != null)
            {
                before = new List<ICaptureRecord>();
                foreach (var g in Collect(beforeFiles, Array.Empty<(string?, IReadOnlyList<string?>)>(), sink)) before.AddRange(g.Records);
            }
            if (sink.IsStopping) return;

            foreach (var byName in groups.GroupBy(g => g.Device, StringComparer.Ordinal))
            {
                var snapshots = byName.ToList();
                if (snapshots.Count > 1)
                {
                    sink.Warning($"{byName.Key}: captures of this device come from {snapshots.Count} folders " +
                        $"({string.Join(", ", snapshots.Select(s => s.Folder))}); each is diagnosed as a snapshot of its own. " +
                        "To judge counters on their growth, give the earlier snapshot as -Before.");
                }
                foreach (var snapshot in snapshots)
                    Run(snapshot.Records, before, options, sink);
            }
        }

        /// <summary>Diagnoses records already read and writes the findings.</summary>
        public static void Run(IReadOnlyList<ICaptureRecord> records, IReadOnlyList<ICaptureRecord>? before, DiagnosisOptions options, ICommandSink sink)
        {
            foreach (var f in SpiDiagnosis.Diagnose(records, before, options))
            {
                if (sink.IsStopping) return;
                if (f.Code == FindingCodes.CaptureDamaged) sink.Warning($"{f.Device}: {f.Evidence}");
                sink.Output(f);
            }
        }

        /// <summary>The name a capture file's device gets when it echoes no prompt: its folder's name.</summary>
        public static string DeviceNameForFile(string path) =>
            new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".").Name;

        private static List<Snapshot> Collect(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts, ICommandSink sink)
        {
            var groups = new List<Snapshot>();
            void Add(string? folder, IEnumerable<ICaptureRecord> records)
            {
                foreach (var r in records)
                {
                    string device = r.Device ?? "(unknown device)";
                    var g = groups.FirstOrDefault(x => x.Device == device && x.Folder == folder);
                    if (g == null) groups.Add(g = new Snapshot(device, folder));
                    g.Records.Add(r);
                }
            }
            foreach (var path in files)
            {
                if (sink.IsStopping) break;
                var records = CaptureReadService.CollectFile(path, DeviceNameForFile(path), sink);
                if (records != null) Add(Path.GetDirectoryName(Path.GetFullPath(path)), records);
            }
            foreach (var (device, lines) in texts)
            {
                if (sink.IsStopping) break;
                if (lines.All(string.IsNullOrWhiteSpace))
                {
                    sink.Error(ErrorIds.DeviceOutputEmpty, SpiErrorCategory.InvalidData,
                        new InvalidDataException($"{device ?? "input"}: the text holds no device output"), device);
                    continue;
                }
                Add("(pipeline)", CaptureParser.ParseLines(lines, device ?? "pipeline", new CaptureParseOptions { Device = device }));
            }
            return groups;
        }

        private sealed class Snapshot
        {
            public Snapshot(string device, string? folder)
            {
                Device = device;
                Folder = folder;
            }

            public string Device { get; }
            public string? Folder { get; }
            public List<ICaptureRecord> Records { get; } = new List<ICaptureRecord>();
        }
    }
}
