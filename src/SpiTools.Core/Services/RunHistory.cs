using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;

namespace SpiTools.Services
{
    /// <summary>
    /// A device's saved runs, one after another: the run saved before a run, its records, and its findings as that run
    /// found them, so an audit and a replayed saved root mark this run's findings against the previous run's alike.
    /// </summary>
    internal static class RunHistory
    {
        /// <summary>
        /// The device's run saved before the one in <paramref name="runFolder"/> (<see cref="CaptureFiles.EarlierRun"/>; for a
        /// run saved before manifests were written, the folder beside it whose name, its run time, is the latest before it).
        /// Null when there is none.
        /// </summary>
        internal static string? EarlierRun(string runFolder) => CaptureFiles.EarlierRun(runFolder) ?? UnlistedEarlierRun(runFolder);

        /// <summary>A saved run's records, read as <paramref name="device"/>'s.</summary>
        internal static List<ICaptureRecord> Read(string runFolder, string device, ICommandSink sink)
        {
            var records = new List<ICaptureRecord>();
            foreach (var file in CaptureFiles.InFolder(runFolder))
                records.AddRange(CaptureReadService.CollectFile(file, device, sink, identity: device) ?? new List<ICaptureRecord>());
            return records;
        }

        /// <summary>
        /// How many runs back a finding that could not be judged for want of traffic is looked for: a run that saw no traffic
        /// since the run before it stands on that run's findings, which may themselves stand on the run before, and so on.
        /// </summary>
        internal const int NotJudgedRunsBack = 10;

        /// <summary>
        /// The findings of the run saved in <paramref name="run"/> (its <paramref name="records"/>), as that run found them:
        /// judged against the run saved before it, when there is one, with the earlier findings that run could not judge for
        /// want of traffic (<see cref="RunComparison.NotJudgedOf"/>; up to <see cref="NotJudgedRunsBack"/> runs back). What
        /// reading that older run reports was reported by the run it belongs to, so it is not reported again.
        /// <paramref name="earlierRun"/> finds the run saved before a run.
        /// </summary>
        internal static IReadOnlyList<Finding> FindingsOf(string run, IReadOnlyList<ICaptureRecord> records, string device, DiagnosisOptions options,
            Func<string, string?> earlierRun) => FindingsOf(run, records, device, options, earlierRun, NotJudgedRunsBack);

        private static IReadOnlyList<Finding> FindingsOf(string run, IReadOnlyList<ICaptureRecord> records, string device, DiagnosisOptions options,
            Func<string, string?> earlierRun, int runsBack)
        {
            var older = earlierRun(run);
            var olderRecords = older == null ? null : Read(older, device, new BufferedSink(() => false));
            var notJudged = new List<Finding>();
            var found = SpiDiagnosis.Diagnose(records, olderRecords, options, null, notJudged).ToList();
            if (older == null || notJudged.Count == 0 || runsBack <= 1) return found;
            // What that run could not judge stands as the run before it found it.
            var olderFindings = FindingsOf(older, olderRecords!, device, options, earlierRun, runsBack - 1);
            return found.Concat(RunComparison.NotJudgedOf(found, olderFindings, notJudged)).ToList();
        }

        /// <summary>
        /// Saved devices read back with no earlier snapshot given: each device's own findings marked against its previous
        /// saved run (<see cref="RunComparison"/>); the both-ends findings are left unmarked. Devices with no folder or no
        /// previous run are returned as they were. Only runs a manifest names are runs here: folders read back side by side
        /// (the two ends of a tunnel, a device's snapshots named by hand) are not one device's runs.
        /// </summary>
        internal static IReadOnlyList<DeviceDiagnosis> MarkAgainstEarlierRuns(IReadOnlyList<DeviceDiagnosis> diagnosed, DiagnosisOptions options)
        {
            var marked = new List<DeviceDiagnosis>(diagnosed.Count);
            foreach (var d in diagnosed)
            {
                var earlier = d.Folder == null ? null : CaptureFiles.EarlierRun(d.Folder);
                if (earlier == null)
                {
                    marked.Add(d);
                    continue;
                }
                var records = Read(earlier, d.Device, new BufferedSink(() => false));
                var own = d.Findings.Where(f => f.PeerDevice == null).ToList();
                var findings = RunComparison.Mark(own, FindingsOf(earlier, records, d.Device, options, CaptureFiles.EarlierRun), earlier, d.NotJudged)
                    .Concat(d.Findings.Where(f => f.PeerDevice != null)).ToList();
                marked.Add(new DeviceDiagnosis(d.Device, d.Folder, d.Records, findings, d.NotJudged));
            }
            return marked;
        }

        /// <summary>A run saved before manifests were written: the folder beside this run whose name (its run time) is the latest before it.</summary>
        private static string? UnlistedEarlierRun(string runFolder)
        {
            var deviceFolder = Path.GetDirectoryName(runFolder);
            var name = Path.GetFileName(runFolder);
            if (deviceFolder == null || !Directory.Exists(deviceFolder)) return null;
            var previous = Directory.GetDirectories(deviceFolder).Select(Path.GetFileName)
                .Where(n => n != null && string.CompareOrdinal(n, name) < 0 && CaptureManifest.Read(Path.Combine(deviceFolder, n)) == null)
                .OrderBy(n => n, StringComparer.Ordinal).LastOrDefault();
            return previous == null ? null : Path.Combine(deviceFolder, previous);
        }
    }
}
