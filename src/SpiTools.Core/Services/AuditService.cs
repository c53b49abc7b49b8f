using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;

namespace SpiTools.Services
{
    /// <summary>
    /// Sweeps many devices: a bounded number of workers collect and diagnose devices in parallel, each within its
    /// own device timeout, and everything they write is handed back to the caller's thread as each device finishes
    /// (only the caller writes to the sink: a PowerShell pipeline has one writer). Each device's own findings (and a
    /// failed device's typed error) are written as it finishes. Once every device is done, the devices collected
    /// without failure are paired as the two ends of their tunnels (<see cref="EndsDiagnosis"/>, each with its
    /// previous run as its "before" snapshot) and the both-ends findings are written; then one
    /// <see cref="DeviceAuditSummary"/> per device, which counts the both-ends findings reported on that device
    /// (an <c>EndsAgree</c>, asked for with IncludeHealthy, is a proof of health and counts for nothing). Only the
    /// devices of this run are paired: with a partition, the far end of a tunnel in another part is not there.
    /// Ctrl+C stops the sweep within a second; the findings of what was finished have been written, and its summaries
    /// (without pairing) are written to a sink that still takes them (the CLI's; a stopped PowerShell pipeline does not).
    /// </summary>
    public static class AuditService
    {
        private const int ProgressId = 2;

        /// <summary>Runs the audit; findings, summaries, errors and warnings go to <paramref name="sink"/>.</summary>
        public static void Run(IReadOnlyList<DeviceTarget> targets, IDeviceConnector? connector, AuditOptions options, ICommandSink sink, CancellationToken cancellationToken) =>
            Run(targets, Array.Empty<Targets.DeviceSetUpFailure>(), connector, options, sink, cancellationToken);

        /// <summary>
        /// Runs the audit of <paramref name="targets"/>; each device of <paramref name="notReady"/> (no login for it, …) is not
        /// connected to, but its error is written first and it has its Failed summary among the others, as a device that failed to connect.
        /// </summary>
        public static void Run(IReadOnlyList<DeviceTarget> targets, IReadOnlyList<Targets.DeviceSetUpFailure> notReady, IDeviceConnector? connector, AuditOptions options,
            ICommandSink sink, CancellationToken cancellationToken)
        {
            if (targets is null) throw new ArgumentNullException(nameof(targets));
            if (notReady is null) throw new ArgumentNullException(nameof(notReady));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (targets.Count == 0 && notReady.Count == 0) return;
            string runFolder = AuditOptions.RunFolderName(options.RunStarted);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The workers' own copies of the targets (their output budget, their capture folder): the caller's are never written.
            long share = OutputBudget.ShareOf(Math.Max(1, Math.Min(options.ThrottleLimit, targets.Count)));
            var work = targets.Select(t => WorkerCopy(t, options, runFolder, share)).ToList();
            var queue = new ConcurrentQueue<(int Index, DeviceTarget Target)>(work.Select((t, i) => (i, t)));
            var finished = new BlockingCollection<DeviceResult>();
            var running = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            int workers = Math.Max(1, Math.Min(options.ThrottleLimit, targets.Count));
            var threads = new List<Thread>();
            for (int i = 0; i < workers; i++)
            {
                var t = new Thread(() =>
                {
                    while (!stop.IsCancellationRequested && queue.TryDequeue(out var next))
                    {
                        var target = next.Target;
                        running[target.Id] = 0;
                        var result = AuditOne(next.Index, target, connector, options, runFolder, () => stop.IsCancellationRequested, stop.Token);
                        running.TryRemove(target.Id, out _);
                        // A device that took longer to let go than the sweep waited for it (a stopped sweep waits 2 s) finds the
                        // sweep over: its result is not written, and the worker ends quietly instead of taking the process down.
                        try { finished.Add(result); }
                        catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException) { return; }
                    }
                }) { IsBackground = true, Name = "SpiTools audit worker " + i };
                threads.Add(t);
                t.Start();
            }

            var clock = Stopwatch.StartNew();
            int done = 0;
            var results = new List<DeviceResult>();
            void Written(DeviceResult r)
            {
                r.Sink.ReplayTo(sink);
                foreach (var f in r.Findings) sink.Output(f);
                if (options.IncludeSecurityAssociations && r.Records != null)
                    foreach (var sa in r.Records.OfType<IpsecSa>())
                    {
                        // Named as the summary names the device, so the report puts its SAs with its findings and summary.
                        sa.Device = r.Summary.Device ?? sa.Device;
                        sink.Output(sa);
                    }
                results.Add(r);
            }
            try
            {
                // The devices that were never ready come first: their errors at once, their summaries with the others'.
                foreach (var failure in notReady) Written(NotReady(targets.Count + results.Count, failure));
                while (done < targets.Count)
                {
                    if (sink.IsStopping && !stop.IsCancellationRequested) stop.Cancel();
                    if (stop.IsCancellationRequested && threads.All(t => !t.IsAlive) && finished.Count == 0) break;
                    if (!finished.TryTake(out var r, 200)) { Report(sink, done, targets.Count, running.Keys, clock.Elapsed); continue; }
                    done++;
                    Written(r);
                    Report(sink, done, targets.Count, running.Keys, clock.Elapsed);
                }
                if (!stop.IsCancellationRequested)
                {
                    IReadOnlyList<Finding> ends;
                    try
                    {
                        ends = Ends(results, options.Diagnosis);
                    }
                    catch (Exception ex) when (!(ex is OutOfMemoryException))
                    {
                        // As for one device: a defect in the pairing must not take the sweep's results down with it.
                        sink.Error(ErrorIds.TunnelPairingFailed, SpiErrorCategory.NotSpecified, ex, null);
                        ends = Array.Empty<Finding>();
                    }
                    foreach (var f in ends)
                    {
                        if (sink.IsStopping) break;
                        sink.Output(f);
                    }
                }
            }
            finally
            {
                stop.Cancel();
                foreach (var t in threads) t.Join(TimeSpan.FromSeconds(2));
                // From here a worker still busy with a device is too late: its result is dropped, whenever it comes.
                finished.CompleteAdding();
                // A device finished between the last look and the stop is still written.
                try
                {
                    while (finished.TryTake(out var late)) Written(late);
                    // The summaries last: they count the both-ends findings reported on their device.
                    foreach (var r in results) sink.Output(r.Summary);
                    sink.Progress(ProgressId, "Auditing devices", "Done", 100, completed: true);
                }
                finally
                {
                    finished.Dispose();
                }
            }
        }

        /// <summary>
        /// The both-ends findings among the devices collected without failure, each device with its previous run as its
        /// "before" snapshot; each finding (an EndsAgree aside) is counted in the summary of the device it is reported on.
        /// The devices are paired in the order they were given, not the order they finished: the same fleet gives the same findings.
        /// </summary>
        private static IReadOnlyList<Finding> Ends(IReadOnlyList<DeviceResult> results, DiagnosisOptions options)
        {
            var collected = results.Where(r => r.Records != null && r.Summary.Status != AuditStatus.Failed).OrderBy(r => r.Index).ToList();
            if (collected.Count < 2) return Array.Empty<Finding>();
            var notJudged = new List<Finding>();
            var ends = EndsDiagnosis.Diagnose(collected.Select(r => (r.Summary.Device ?? r.Target!.Id, r.Records!)),
                collected.Where(r => r.Before != null).SelectMany(r => r.Before!), options, notJudged);
            // Marked against the previous runs as the saved root read back marks them.
            ends = RunHistory.MarkEnds(ends, collected.Where(r => r.Summary.ComparedWith != null && r.Before != null)
                .Select(r => new SavedRun(r.Summary.Device ?? r.Target!.Id, r.Summary.ComparedWith!, r.Before!)).ToList(), notJudged, options, RunHistory.EarlierRun);
            foreach (var r in collected)
            {
                var counted = ends.Where(f => f.Device == r.Summary.Device && f.Code != FindingCodes.EndsAgree).ToList();
                if (counted.Count == 0) continue;
                if (r.Summary.ComparedWith != null)
                {
                    r.Summary.NewCount += counted.Count(f => f.Change == FindingChange.New);
                    r.Summary.PersistingCount += counted.Count(f => f.Change == FindingChange.Persisting);
                    r.Summary.ResolvedCount += counted.Count(f => f.Change == FindingChange.Resolved);
                    r.Summary.NotJudgedCount += counted.Count(f => f.Change == FindingChange.NotJudged);
                }
                // What was resolved since the previous run is output, but is not a finding of this run.
                var current = counted.Where(f => f.Change != FindingChange.Resolved).ToList();
                if (current.Count == 0) continue;
                r.Summary.CriticalCount += current.Count(f => f.Severity == FindingSeverity.Critical);
                r.Summary.WarningCount += current.Count(f => f.Severity == FindingSeverity.Warning);
                r.Summary.InfoCount += current.Count(f => f.Severity == FindingSeverity.Info);
                r.Summary.Status = AuditStatus.Findings;
            }
            return ends;
        }

        /// <summary>
        /// The result of a device that was never ready to collect from: its error, and a Failed summary carrying its identity,
        /// host and inventory columns, the ErrorId and the message, as <see cref="AuditOne"/> gives a device that failed to connect.
        /// </summary>
        private static DeviceResult NotReady(int index, Targets.DeviceSetUpFailure failure)
        {
            var buffer = new BufferedSink(() => false);
            var error = failure.Error;
            buffer.Error(error.ErrorId, error.Category, error, failure.Device);
            var summary = new DeviceAuditSummary
            {
                Device = failure.Device,
                Source = failure.Host,
                StartedAt = DateTimeOffset.UtcNow,
                Status = AuditStatus.Failed,
                ErrorId = error.ErrorId,
                ErrorMessage = error.Message,
            };
            summary.SetInventoryColumns(failure.InventoryColumns);
            return new DeviceResult(index, null, buffer, summary, Array.Empty<Finding>(), null, null);
        }

        private sealed class DeviceResult
        {
            public DeviceResult(int index, DeviceTarget? target, BufferedSink sink, DeviceAuditSummary summary, IReadOnlyList<Finding> findings,
                IReadOnlyList<ICaptureRecord>? records, IReadOnlyList<ICaptureRecord>? before)
            {
                Index = index;
                Target = target;
                Sink = sink;
                Summary = summary;
                Findings = findings;
                Records = records;
                Before = before;
            }

            /// <summary>The device's place in the list given: the devices are paired in that order.</summary>
            public int Index { get; }
            /// <summary>The device collected from (null for a device that was never ready, see <see cref="NotReady"/>).</summary>
            public DeviceTarget? Target { get; }
            public BufferedSink Sink { get; }
            public DeviceAuditSummary Summary { get; }
            public IReadOnlyList<Finding> Findings { get; }

            /// <summary>What was read from the device (null when nothing was), kept for pairing it with the far end.</summary>
            public IReadOnlyList<ICaptureRecord>? Records { get; }

            /// <summary>Its previous run's records, when there is one.</summary>
            public IReadOnlyList<ICaptureRecord>? Before { get; }
        }

        private static void Report(ICommandSink sink, int done, int total, IEnumerable<string> running, TimeSpan elapsed)
        {
            var now = running.Take(4).ToList();
            sink.Progress(ProgressId, "Auditing devices", $"{done} of {total} done, {elapsed.TotalSeconds:0} s" + (now.Count > 0 ? $"; now: {string.Join(", ", now)}" : ""),
                total == 0 ? 100 : done * 100 / total);
        }

        /// <summary>
        /// A worker's copy of a caller's target: the output budget lowered to its share of the sweep's (the workers share one
        /// budget of output held in memory, so the sweep stays bounded whatever the devices send), the capture folder the run's.
        /// </summary>
        private static DeviceTarget WorkerCopy(DeviceTarget target, AuditOptions options, string runFolder, long share)
        {
            var copy = target.Copy();
            copy.OutputBudgetCharacters = Math.Min(target.OutputBudgetCharacters, share);
            if (options.SaveCapture != null)
            {
                copy.SaveCapture = options.SaveCapture;
                copy.SaveCaptureSubfolder = runFolder;
            }
            return copy;
        }

        private static DeviceResult AuditOne(int index, DeviceTarget target, IDeviceConnector? connector,
            AuditOptions options, string runFolder, Func<bool> stopping, CancellationToken token)
        {
            var buffer = new BufferedSink(stopping);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var summary = new DeviceAuditSummary { Device = target.Id, Source = target.Name, StartedAt = started };
            summary.SetInventoryColumns(target.InventoryColumns);
            IReadOnlyList<Finding> findings = Array.Empty<Finding>();
            List<ICaptureRecord>? records = null, before = null;
            try
            {
                var collection = CollectionService.Collect(target, connector, buffer, token);
                if (collection != null && collection.Outputs.Count > 0)
                {
                    summary.Device = collection.Device;
                    summary.Hostname = collection.Hostname;
                    summary.Platform = PlatformNames.Vendor(collection.Platform.ToString());
                    records = collection.Parse().ToList();
                    string? previous = target.CaptureFolder() is { } saved ? RunHistory.EarlierRun(saved) : null;
                    if (previous != null)
                    {
                        before = RunHistory.Read(previous, collection.Device, buffer);
                        buffer.Verbose($"{collection.Device}: counters judged against the run of {Path.GetFileName(previous)}");
                    }
                    var notJudged = new List<Finding>();
                    findings = SpiDiagnosis.Diagnose(records, before, options.Diagnosis, null, notJudged).ToList();
                    if (previous != null)
                    {
                        findings = RunComparison.Mark(findings, RunHistory.FindingsOf(previous, before!, collection.Device, options.Diagnosis, RunHistory.EarlierRun), previous, notJudged);
                        summary.ComparedWith = previous;
                        summary.NewCount = findings.Count(f => f.Change == FindingChange.New);
                        summary.PersistingCount = findings.Count(f => f.Change == FindingChange.Persisting);
                        summary.ResolvedCount = findings.Count(f => f.Change == FindingChange.Resolved);
                        summary.NotJudgedCount = findings.Count(f => f.Change == FindingChange.NotJudged);
                    }
                    summary.SaCount = records.OfType<IpsecSa>().Count(s => s.Spi != null);
                    // A count only where the platform has the table: IOS-XE has no VPN contexts, so none is not "0".
                    summary.ContextCount = collection.Platform == DevicePlatform.IosXe ? (int?)null : records.OfType<VpnContext>().Count();
                    summary.CaptureFolder = target.CaptureFolder();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C (or a stopped pipeline) left the device before it was done: said so, whichever part of its work noticed.
                buffer.Error(ErrorIds.DeviceAuditFailed, SpiErrorCategory.NotSpecified,
                    new DeviceException(ErrorIds.DeviceAuditFailed, SpiErrorCategory.NotSpecified, $"{target.Label}: stopped before the audit of this device finished") { Device = target.Id },
                    target.Id);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A device must never take the sweep down: an unexpected failure is that device's error, named as the run knows it.
                buffer.Error(ErrorIds.DeviceAuditFailed, SpiErrorCategory.NotSpecified,
                    new DeviceException(ErrorIds.DeviceAuditFailed, SpiErrorCategory.NotSpecified, $"{target.Label}: the audit of this device failed ({ex.GetType().Name}: {ex.Message})", ex) { Device = target.Id },
                    target.Id);
            }
            // What was resolved since the previous run is output, but is not a finding of this run. What this run could not
            // judge for want of traffic is: nothing shows it gone, so it counts as found, with its severity.
            var current = findings.Where(f => f.Change != FindingChange.Resolved).ToList();
            summary.CriticalCount = current.Count(f => f.Severity == FindingSeverity.Critical);
            summary.WarningCount = current.Count(f => f.Severity == FindingSeverity.Warning);
            summary.InfoCount = current.Count(f => f.Severity == FindingSeverity.Info);
            if (buffer.FirstError is { } failure)
            {
                // Anything the device failed to give makes the device Failed, whatever was found in the rest.
                summary.Status = AuditStatus.Failed;
                summary.ErrorId = failure.ErrorId;
                summary.ErrorMessage = failure.Exception.Message;
            }
            else
            {
                summary.Status = current.Count > 0 ? AuditStatus.Findings : AuditStatus.Healthy;
            }
            summary.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            return new DeviceResult(index, target, buffer, summary, findings, records, before);
        }
    }
}
