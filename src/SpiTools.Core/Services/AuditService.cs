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

namespace SpiTools.Services
{
    /// <summary>How an audit runs.</summary>
    public sealed class AuditOptions
    {
        /// <summary>Devices worked on at once (AAA servers dislike many parallel logins).</summary>
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>The diagnosis thresholds.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();

        /// <summary>
        /// When set, each device's raw outputs go to <c>SaveCapture/&lt;device&gt;/&lt;run time&gt;/</c>, and the newest earlier
        /// run of the same device there is read as its "before" snapshot (counters judged on their growth).
        /// </summary>
        public string? SaveCapture { get; set; }

        /// <summary>The run time that names this run's capture folders (UTC).</summary>
        public DateTimeOffset RunStarted { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>The folder name a run time gets: sortable, and valid on every file system.</summary>
        public static string RunFolderName(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sweeps many devices: a bounded number of workers collect and diagnose devices in parallel, each within its
    /// own device timeout, and everything they write is handed back to the caller's thread as each device finishes
    /// (only the caller writes to the sink: a PowerShell pipeline has one writer). Each device yields its findings and
    /// one <see cref="DeviceAuditSummary"/>; a device that fails yields a typed error and a Failed summary. Ctrl+C
    /// stops the sweep within a second and what was finished has been written.
    /// </summary>
    public static class AuditService
    {
        private const int ProgressId = 2;

        /// <summary>Runs the audit; findings, summaries, errors and warnings go to <paramref name="sink"/>.</summary>
        public static void Run(IReadOnlyList<DeviceTarget> targets, IDeviceConnector? connector, AuditOptions options, ICommandSink sink, CancellationToken cancellationToken)
        {
            if (targets is null) throw new ArgumentNullException(nameof(targets));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (targets.Count == 0) return;
            string runFolder = AuditOptions.RunFolderName(options.RunStarted);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var queue = new ConcurrentQueue<DeviceTarget>(targets);
            var finished = new BlockingCollection<(DeviceTarget Target, BufferedSink Sink, DeviceAuditSummary Summary, IReadOnlyList<Finding> Findings)>();
            var running = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            int workers = Math.Max(1, Math.Min(options.ThrottleLimit, targets.Count));
            var threads = new List<Thread>();
            for (int i = 0; i < workers; i++)
            {
                var t = new Thread(() =>
                {
                    while (!stop.IsCancellationRequested && queue.TryDequeue(out var target))
                    {
                        running[target.Name] = 0;
                        var result = AuditOne(target, connector, options, runFolder, () => stop.IsCancellationRequested, stop.Token);
                        running.TryRemove(target.Name, out _);
                        finished.Add(result);
                    }
                }) { IsBackground = true, Name = "SpiTools audit worker " + i };
                threads.Add(t);
                t.Start();
            }

            var clock = Stopwatch.StartNew();
            int done = 0;
            try
            {
                while (done < targets.Count)
                {
                    if (sink.IsStopping && !stop.IsCancellationRequested) stop.Cancel();
                    if (stop.IsCancellationRequested && threads.All(t => !t.IsAlive) && finished.Count == 0) break;
                    if (!finished.TryTake(out var r, 200)) { Report(sink, done, targets.Count, running.Keys, clock.Elapsed); continue; }
                    done++;
                    r.Sink.ReplayTo(sink);
                    foreach (var f in r.Findings) sink.Output(f);
                    sink.Output(r.Summary);
                    Report(sink, done, targets.Count, running.Keys, clock.Elapsed);
                }
            }
            finally
            {
                stop.Cancel();
                foreach (var t in threads) t.Join(TimeSpan.FromSeconds(2));
                // A device finished between the last look and the stop is still written.
                while (finished.TryTake(out var late))
                {
                    late.Sink.ReplayTo(sink);
                    foreach (var f in late.Findings) sink.Output(f);
                    sink.Output(late.Summary);
                }
                sink.Progress(ProgressId, "Auditing devices", "Done", 100, completed: true);
                finished.Dispose();
            }
        }

        private static void Report(ICommandSink sink, int done, int total, IEnumerable<string> running, TimeSpan elapsed)
        {
            var now = running.Take(4).ToList();
            sink.Progress(ProgressId, "Auditing devices", $"{done} of {total} done, {elapsed.TotalSeconds:0} s" + (now.Count > 0 ? $"; now: {string.Join(", ", now)}" : ""),
                total == 0 ? 100 : done * 100 / total);
        }

        private static (DeviceTarget, BufferedSink, DeviceAuditSummary, IReadOnlyList<Finding>) AuditOne(DeviceTarget target, IDeviceConnector? connector,
            AuditOptions options, string runFolder, Func<bool> stopping, CancellationToken token)
        {
            var buffer = new BufferedSink(stopping);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var summary = new DeviceAuditSummary { Device = target.Name, Source = target.Name, StartedAt = started };
            IReadOnlyList<Finding> findings = Array.Empty<Finding>();
            if (options.SaveCapture != null)
            {
                target.SaveCapture = options.SaveCapture;
                target.SaveCaptureSubfolder = runFolder;
            }
            try
            {
                var collection = CollectionService.Collect(target, connector, buffer, token);
                if (collection != null && collection.Outputs.Count > 0)
                {
                    summary.Device = collection.Device;
                    summary.Platform = collection.Platform.ToString();
                    var records = collection.Parse().ToList();
                    var before = options.SaveCapture == null ? null : Earlier(options.SaveCapture, collection.Device, runFolder, buffer);
                    findings = SpiDiagnosis.Diagnose(records, before, options.Diagnosis).ToList();
                    summary.SaCount = records.OfType<IpsecSa>().Count(s => s.Spi != null);
                    summary.ContextCount = records.OfType<VpnContext>().Count();
                    summary.CaptureFolder = target.CaptureFolderFor(collection.Device);
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A device must never take the sweep down: an unexpected failure is that device's error.
                buffer.Error(ErrorIds.DeviceAuditFailed, SpiErrorCategory.NotSpecified, ex, target.Name);
            }
            summary.CriticalCount = findings.Count(f => f.Severity == FindingSeverity.Critical);
            summary.WarningCount = findings.Count(f => f.Severity == FindingSeverity.Warning);
            summary.InfoCount = findings.Count(f => f.Severity == FindingSeverity.Info);
            if (buffer.FirstError is { } failure)
            {
                // Anything the device failed to give makes the device Failed, whatever was found in the rest.
                summary.Status = AuditStatus.Failed;
                summary.ErrorId = failure.ErrorId;
                summary.ErrorMessage = failure.Exception.Message;
            }
            else
            {
                summary.Status = findings.Count > 0 ? AuditStatus.Findings : AuditStatus.Healthy;
            }
            summary.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            return (target, buffer, summary, findings);
        }

        /// <summary>The newest earlier run of the device under the capture root, read as its "before" snapshot.</summary>
        private static List<ICaptureRecord>? Earlier(string root, string device, string runFolder, ICommandSink sink)
        {
            var deviceFolder = Path.Combine(root, CollectionService.SafeFolderName(device));
            if (!Directory.Exists(deviceFolder)) return null;
            var previous = Directory.GetDirectories(deviceFolder).Select(Path.GetFileName)
                .Where(n => n != null && string.CompareOrdinal(n, runFolder) < 0).OrderBy(n => n, StringComparer.Ordinal).LastOrDefault();
            if (previous == null) return null;
            var records = new List<ICaptureRecord>();
            foreach (var file in CaptureFiles.InFolder(Path.Combine(deviceFolder, previous)))
                records.AddRange(CaptureReadService.CollectFile(file, device, sink) ?? new List<ICaptureRecord>());
            sink.Verbose($"{device}: counters judged against the run of {previous}");
            return records;
        }
    }
}
