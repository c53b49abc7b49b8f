using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>
    /// What the diagnosis pipeline (<see cref="Pipelines.DiagnosePipeline"/>) runs: reads every capture and names each
    /// device, diagnoses each device, then the two ends of each tunnel among them, and writes the findings (a damaged
    /// capture also as a warning).
    /// A device is named by a prompt echoed in its captures; a folder is one device, so a prompt echoed in any of
    /// its files names the folder's other files too; else the folder's name; piped text by its device label.
    /// One device found in captures from several folders is two snapshots, not one device: each folder is diagnosed
    /// on its own and a warning says so (give the earlier snapshot as the "before" input to judge counters on growth).
    /// </summary>
    public static class DiagnosisService
    {
        private const string UnknownDevice = "(unknown device)";

        /// <summary>Writes the findings of diagnosed devices (a damaged capture also as a warning).</summary>
        public static void Write(IEnumerable<DeviceDiagnosis> devices, ICommandSink sink) => Write(devices.SelectMany(d => d.Findings), sink);

        /// <summary>Writes findings (a damaged capture also as a warning).</summary>
        public static void Write(IEnumerable<Finding> findings, ICommandSink sink)
        {
            foreach (var f in findings)
            {
                if (sink.IsStopping) return;
                if (f.Code == FindingCodes.CaptureDamaged) sink.Warning($"{f.Device}: {f.Evidence}");
                sink.Output(f);
            }
        }

        /// <summary>
        /// The findings that compare the two ends of each tunnel among <paramref name="devices"/> (devices paired from
        /// their endpoints, or as <see cref="DiagnosisOptions.PeerOf"/> says); <paramref name="before"/> is the earlier
        /// snapshot of any of them. A device given twice (two snapshots from two folders) takes part with its first only.
        /// </summary>
        public static IReadOnlyList<Finding> DiagnoseEnds(IReadOnlyList<DeviceDiagnosis> devices, IReadOnlyList<ICaptureRecord>? before, DiagnosisOptions options) =>
            DiagnoseEnds(devices, before, options, null);

        private static IReadOnlyList<Finding> DiagnoseEnds(IReadOnlyList<DeviceDiagnosis> devices, IReadOnlyList<ICaptureRecord>? before, DiagnosisOptions options,
            ICollection<Finding>? notJudged) =>
            EndsDiagnosis.Diagnose(devices.GroupBy(d => d.Device, StringComparer.Ordinal).Select(g => (g.Key, g.First().Records)), before, options, notJudged);

        /// <summary>
        /// The devices with the both-ends findings added after each device's own (to the first snapshot of the device a finding
        /// is about), and what the both-ends checks could not judge for want of traffic after what its own could not (told
        /// apart by <see cref="Finding.PeerDevice"/>, as the findings are).
        /// </summary>
        public static IReadOnlyList<DeviceDiagnosis> WithEnds(IReadOnlyList<DeviceDiagnosis> devices, IReadOnlyList<ICaptureRecord>? before, DiagnosisOptions options)
        {
            var notJudged = new List<Finding>();
            var ends = DiagnoseEnds(devices, before, options, notJudged);
            if (ends.Count == 0 && notJudged.Count == 0) return devices;
            return devices.Select((d, i) => devices.Take(i).Any(e => e.Device == d.Device)
                ? d
                : new DeviceDiagnosis(d.Device, d.Folder, d.Records, d.Findings.Concat(ends.Where(f => f.Device == d.Device)).ToList(),
                    d.NotJudged.Concat(notJudged.Where(f => f.Device == d.Device)).ToList())).ToList();
        }

        /// <summary>The records of an earlier snapshot (<c>-Before</c>, <c>--before</c>), every device's together; null when none was given.</summary>
        internal static List<ICaptureRecord>? ReadBefore(IEnumerable<string>? beforeFiles, ICommandSink sink)
        {
            if (beforeFiles == null) return null;
            var before = new List<ICaptureRecord>();
            foreach (var g in Collect(beforeFiles, Array.Empty<(string?, IReadOnlyList<string?>)>(), sink, null)) before.AddRange(g.Records);
            return before;
        }

        /// <summary>
        /// Diagnoses devices already read and named (from files, text or live collections alike): each device with every
        /// device's logs, so a tunnel whose two ends were read as two devices is seen whole, then the two ends of each tunnel.
        /// One device read from several folders is diagnosed per folder, with a warning.
        /// </summary>
        internal static IReadOnlyList<DeviceDiagnosis> DiagnoseRead(IReadOnlyList<DeviceDiagnosis> read, IReadOnlyList<ICaptureRecord>? before, DiagnosisOptions options,
            ICommandSink sink)
        {
            var result = new List<DeviceDiagnosis>();
            // Every device's logs: a tunnel's two ends may have been read as two devices.
            var logs = read.SelectMany(g => g.Records.OfType<SaEvent>()).ToList();
            foreach (var byName in read.GroupBy(g => g.Device, StringComparer.Ordinal))
            {
                var snapshots = byName.ToList();
                if (snapshots.Count > 1)
                {
                    sink.Warning($"{byName.Key}: captures of this device come from {snapshots.Count} folders " +
                        $"({string.Join(", ", snapshots.Select(s => s.Folder ?? TextFolder))}); each is diagnosed as a snapshot of its own. " +
                        "To judge counters on their growth, give the earlier snapshot as -Before (spitools: --before).");
                }
                foreach (var snapshot in snapshots)
                {
                    var notJudged = new List<Finding>();
                    var findings = SpiDiagnosis.Diagnose(snapshot.Records, before, options, logs, notJudged).ToList();
                    result.Add(new DeviceDiagnosis(snapshot.Device, snapshot.Folder, snapshot.Records, findings, notJudged));
                }
            }
            return WithEnds(result, before, options);
        }

        /// <summary>
        /// With no "before" input given: the runs saved before the saved folders read (an audit's previous run of each
        /// device, <see cref="CaptureFiles.EarlierRun"/>), every device's together, so a replayed audit judges counters as
        /// the live one did; null when none.
        /// </summary>
        internal static List<ICaptureRecord>? ReadEarlierRuns(IEnumerable<DeviceDiagnosis> read, ICommandSink sink)
        {
            var files = new List<string>();
            foreach (var folder in read.Select(g => g.Folder).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (CaptureFiles.EarlierRun(folder) is not { } earlier) continue;
                sink.Verbose($"{folder}: counters judged against the run saved in {earlier}");
                files.AddRange(CaptureFiles.InFolder(earlier));
            }
            return files.Count == 0 ? null : ReadBefore(files, sink);
        }

        /// <summary>
        /// Reads and names devices, without diagnosing: each device's records per folder (findings empty). Errors and
        /// warnings go to the sink.
        /// </summary>
        public static IReadOnlyList<DeviceDiagnosis> Read(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts, ICommandSink sink) =>
            Collect(files, texts, sink, null)
                .Select(s => new DeviceDiagnosis(s.Device, s.Folder == TextFolder ? null : s.Folder, s.Records, Array.Empty<Finding>())).ToList();

        /// <summary>The name a capture file's device gets when no manifest and no prompt names it: its folder's name.</summary>
        public static string DeviceNameForFile(string path) =>
            new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".").Name;

        /// <summary>The identity the manifest beside a capture file gives its device (a folder SpiTools saved), else null.</summary>
        public static string? IdentityForFile(string path) =>
            CaptureManifest.Read(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".")?.Identity;

        private const string TextFolder = "(pipeline)";

        private static List<Snapshot> Collect(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts, ICommandSink sink,
            Action<string, ParseStatistics>? accounted)
        {
            // Records per folder first: a prompt echoed in one file of a folder names the folder's other files.
            // A folder SpiTools saved names its device by the identity in its manifest, whatever prompt its files echo.
            var folders = new List<(string Folder, string Default, List<ICaptureRecord> Records)>();
            var identities = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in files)
            {
                if (sink.IsStopping) break;
                string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
                if (!identities.TryGetValue(folder, out var identity)) identities[folder] = identity = IdentityForFile(path);
                string fallback = identity ?? DeviceNameForFile(path);
                var records = CaptureReadService.CollectFile(path, fallback, sink, accounted, identity);
                if (records == null) continue;
                int i = folders.FindIndex(f => f.Folder == folder);
                if (i < 0) folders.Add((folder, fallback, records));
                else folders[i].Records.AddRange(records);
            }
            var groups = new List<Snapshot>();
            void Add(string folder, IEnumerable<ICaptureRecord> records)
            {
                foreach (var r in records)
                {
                    string device = r.Device ?? UnknownDevice;
                    var g = groups.FirstOrDefault(x => x.Device == device && x.Folder == folder);
                    if (g == null) groups.Add(g = new Snapshot(device, folder));
                    g.Records.Add(r);
                }
            }
            foreach (var (folder, fallback, records) in folders)
            {
                var prompted = records.Select(r => r.Device).FirstOrDefault(d => d != null && d != fallback);
                if (prompted != null)
                    foreach (var r in records.Where(r => r.Device == fallback).OfType<IStampableRecord>()) r.Device = prompted;
                Add(folder, records);
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
                Add(TextFolder, CaptureParser.ParseLines(lines, device ?? "pipeline", new CaptureParseOptions { Device = device }));
            }
            return groups;
        }

        private sealed class Snapshot
        {
            public Snapshot(string device, string folder)
            {
                Device = device;
                Folder = folder;
            }

            public string Device { get; }
            public string Folder { get; }
            public List<ICaptureRecord> Records { get; } = new List<ICaptureRecord>();
        }
    }
}
