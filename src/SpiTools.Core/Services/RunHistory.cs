using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;

namespace SpiTools.Services
{
    /// <summary>
    /// A device's saved runs, one after another: the run saved before a run, its records, and its findings as that run
    /// found them (a device's own, and the both-ends findings of the devices paired in it), so an audit and a replayed saved
    /// root mark this run's findings against the previous run's alike.
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
        /// want of traffic (<see cref="AsFound{TRun}"/>). What reading that older run reports was reported by the run it
        /// belongs to, so it is not reported again. <paramref name="earlierRun"/> finds the run saved before a run.
        /// </summary>
        internal static IReadOnlyList<Finding> FindingsOf(string run, IReadOnlyList<ICaptureRecord> records, string device, DiagnosisOptions options,
            Func<string, string?> earlierRun) =>
            AsFound(new SavedRun(device, run, records), r => Earlier(r, earlierRun),
                (r, older, notJudged) => SpiDiagnosis.Diagnose(r.Records, older?.Records, options, null, notJudged), NotJudgedRunsBack);

        /// <summary>
        /// The both-ends findings of the devices' runs saved in <paramref name="runs"/>, as those runs found them: the devices
        /// paired, each with the run saved before its own as its "before" snapshot, with the earlier both-ends findings those
        /// runs could not judge for want of traffic (a path loss whose packets did not move), followed back as a device's own are.
        /// </summary>
        internal static IReadOnlyList<Finding> EndsFindingsOf(IReadOnlyList<SavedRun> runs, DiagnosisOptions options, Func<string, string?> earlierRun) =>
            AsFound(runs, r => Earlier(r, earlierRun),
                (r, older, notJudged) => EndsDiagnosis.Diagnose(r.Select(x => (x.Device, x.Records)), older?.SelectMany(x => x.Records), options, notJudged), NotJudgedRunsBack);

        /// <summary>
        /// The findings of <paramref name="run"/> as that run found them, for a device's own findings and for the both-ends
        /// findings of several devices alike: <paramref name="diagnose"/> judges a run against the one saved before it
        /// (<paramref name="earlier"/>, null when none) and says what it could not judge for want of traffic; what it could not
        /// judge stands as the run before found it, which may itself stand on the run before, up to <paramref name="runsBack"/>
        /// runs back (<see cref="RunComparison.NotJudgedOf"/>).
        /// </summary>
        private static IReadOnlyList<Finding> AsFound<TRun>(TRun run, Func<TRun, TRun?> earlier, Func<TRun, TRun?, ICollection<Finding>, IEnumerable<Finding>> diagnose,
            int runsBack) where TRun : class
        {
            var older = earlier(run);
            var notJudged = new List<Finding>();
            var found = diagnose(run, older, notJudged).ToList();
            if (older == null || notJudged.Count == 0 || runsBack <= 1) return found;
            // What that run could not judge stands as the run before it found it.
            return found.Concat(RunComparison.NotJudgedOf(found, AsFound(older, earlier, diagnose, runsBack - 1), notJudged)).ToList();
        }

        /// <summary>The device's run saved before <paramref name="run"/>, read; null when there is none.</summary>
        private static SavedRun? Earlier(SavedRun run, Func<string, string?> earlierRun) =>
            earlierRun(run.Folder) is { } older ? new SavedRun(run.Device, older, Read(older, run.Device, new BufferedSink(() => false))) : null;

        /// <summary>The runs saved before <paramref name="runs"/>, of the devices that have one; null when none has.</summary>
        private static IReadOnlyList<SavedRun>? Earlier(IReadOnlyList<SavedRun> runs, Func<string, string?> earlierRun)
        {
            var older = runs.Select(r => Earlier(r, earlierRun)).OfType<SavedRun>().ToList();
            return older.Count == 0 ? null : older;
        }

        /// <summary>
        /// The both-ends findings of this run (<paramref name="ends"/>) marked against the previous run as each device's own are
        /// (<see cref="RunComparison"/>): for each device of <paramref name="previous"/> (its previous run, read), each finding
        /// reported on it is New or Persisting against the both-ends findings of the previous runs of those devices, as those
        /// runs found them (<see cref="EndsFindingsOf"/>), and each earlier one not found now is output again after this run's,
        /// NotJudged when this run could not judge it for want of traffic (<paramref name="notJudged"/>: a path loss), else
        /// Resolved. The findings on a device with no previous run are left unmarked, as its own are. An audit and a saved
        /// root read back mark them alike.
        /// </summary>
        internal static IReadOnlyList<Finding> MarkEnds(IReadOnlyList<Finding> ends, IReadOnlyList<SavedRun> previous, IEnumerable<Finding> notJudged,
            DiagnosisOptions options, Func<string, string?> earlierRun)
        {
            if (previous.Count == 0) return ends;
            var earlier = EndsFindingsOf(previous, options, earlierRun);
            var idle = notJudged.ToList();
            var marked = new Dictionary<Finding, Finding>();
            var gone = new List<Finding>();
            foreach (var run in previous)
            {
                var now = ends.Where(f => f.Device == run.Device).ToList();
                var result = RunComparison.Mark(now, earlier.Where(f => f.Device == run.Device), run.Folder, idle.Where(f => f.Device == run.Device));
                for (int i = 0; i < now.Count; i++) marked[now[i]] = result[i];
                gone.AddRange(result.Skip(now.Count));
            }
            return ends.Select(f => marked.TryGetValue(f, out var m) ? m : f).Concat(gone).ToList();
        }

        /// <summary>
        /// Saved devices read back with no earlier snapshot given: each device's own findings marked against its previous saved
        /// run (<see cref="RunComparison"/>), and the both-ends findings about it against the both-ends findings of the previous
        /// runs of the devices read (<see cref="MarkEnds"/>), as the audit that saved them marked them; the both-ends findings
        /// no longer found follow the device's others. Devices with no folder or no previous run are returned as they were.
        /// Only runs a manifest names are runs here: folders read back side by side (the two ends of a tunnel, a device's
        /// snapshots named by hand) are not one device's runs.
        /// </summary>
        internal static IReadOnlyList<DeviceDiagnosis> MarkAgainstEarlierRuns(IReadOnlyList<DeviceDiagnosis> diagnosed, DiagnosisOptions options)
        {
            var own = new List<IReadOnlyList<Finding>>(diagnosed.Count);
            var previous = new List<SavedRun>();
            foreach (var d in diagnosed)
            {
                var mine = d.Findings.Where(f => f.PeerDevice == null).ToList();
                var earlier = d.Folder == null ? null : CaptureFiles.EarlierRun(d.Folder);
                if (earlier == null)
                {
                    own.Add(mine);
                    continue;
                }
                var records = Read(earlier, d.Device, new BufferedSink(() => false));
                own.Add(RunComparison.Mark(mine, FindingsOf(earlier, records, d.Device, options, CaptureFiles.EarlierRun), earlier, d.NotJudged.Where(f => f.PeerDevice == null)));
                // A device read from two folders takes part in the pairing with its first (DiagnosisService.WithEnds).
                if (!previous.Any(p => p.Device == d.Device)) previous.Add(new SavedRun(d.Device, earlier, records));
            }
            if (previous.Count == 0) return diagnosed;
            var ends = MarkEnds(diagnosed.SelectMany(d => d.Findings.Where(f => f.PeerDevice != null)).ToList(), previous,
                diagnosed.SelectMany(d => d.NotJudged.Where(f => f.PeerDevice != null)), options, CaptureFiles.EarlierRun);
            var marked = new List<DeviceDiagnosis>(diagnosed.Count);
            for (int i = 0; i < diagnosed.Count; i++)
            {
                var d = diagnosed[i];
                bool first = !diagnosed.Take(i).Any(e => e.Device == d.Device);
                var about = first ? ends.Where(f => f.Device == d.Device) : d.Findings.Where(f => f.PeerDevice != null);
                marked.Add(new DeviceDiagnosis(d.Device, d.Folder, d.Records, own[i].Concat(about).ToList(), d.NotJudged));
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
