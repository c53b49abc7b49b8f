using System.Diagnostics;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>The sweep over many devices: bounded, fair, one writer, a summary per device, typed failures, evidence kept.</summary>
    public class AuditServiceTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-audit").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>Hands out a scripted device per host; hosts named "bad-*" fail to log in, "hang-*" never answer.</summary>
        private sealed class Fleet : IDeviceConnector
        {
            private int _now, _peak;
            public int Peak => _peak;
            public int Threads;
            public int HungConnected;
            private readonly HashSet<int> _threadIds = new();

            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                int now = Interlocked.Increment(ref _now);
                lock (_threadIds) { _threadIds.Add(Environment.CurrentManagedThreadId); Threads = _threadIds.Count; }
                InterlockedMax(ref _peak, now);
                try
                {
                    if (options.Host.StartsWith("bad-", StringComparison.Ordinal))
                        throw DeviceException.AuthenticationFailed(options.Host);
                    var d = ScriptedDevice.SeedAsa();
                    d.Hostname = options.Host.Replace('.', '-');
                    if (options.Host.StartsWith("hang-", StringComparison.Ordinal))
                    {
                        d.HangAfter.Add("show version");
                        Interlocked.Increment(ref HungConnected);
                    }
                    Thread.Sleep(20); // a login takes a moment: lets workers overlap
                    d.Start();
                    return d;
                }
                finally { Interlocked.Decrement(ref _now); }
            }

            private static void InterlockedMax(ref int target, int value)
            {
                int seen;
                while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
            }
        }

        private static DeviceTarget Target(string host, TimeSpan? deviceTimeout = null, TimeSpan? commandTimeout = null) => new()
        {
            Name = host,
            Connect = new DeviceConnectOptions { Host = host, UserName = "netops", Password = new DeviceSecret("pw-Secret-9") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(2),
            DeviceTimeout = deviceTimeout ?? TimeSpan.FromSeconds(20),
        };

        /// <summary>A sink that also checks every write comes from the thread that started the audit.</summary>
        private sealed class OneWriterSink : ICommandSink
        {
            private readonly int _thread = Environment.CurrentManagedThreadId;
            public FakeSink Inner { get; } = new();
            public int ForeignWrites;
            private void Check() { if (Environment.CurrentManagedThreadId != _thread) Interlocked.Increment(ref ForeignWrites); }
            public Action<IReadOnlyList<object>>? Written;
            public void Output(object item) { Check(); Inner.Output(item); Written?.Invoke(Inner.Outputs); }
            public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) { Check(); Inner.Error(errorId, category, exception, target); }
            public void Warning(string message) { Check(); Inner.Warning(message); }
            public void Verbose(string message) { Check(); Inner.Verbose(message); }
            public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { Check(); Inner.Progress(activityId, activity, status, percent, completed); }
            public bool ShouldProcess(string target, string action) => false;
            public bool IsStopping => Inner.IsStopping;
        }

        [Fact]
        public void Every_device_gets_a_summary_failures_are_typed_and_only_the_callers_thread_writes()
        {
            var hosts = Enumerable.Range(1, 10).Select(i => $"fw{i}").Concat(new[] { "bad-1", "bad-2" }).ToList();
            var fleet = new Fleet();
            var sink = new OneWriterSink();
            AuditService.Run(hosts.Select(h => Target(h)).ToList(), fleet, new AuditOptions { ThrottleLimit = 4 }, sink, CancellationToken.None);

            Assert.Equal(0, sink.ForeignWrites);
            var summaries = sink.Inner.Outputs.OfType<DeviceAuditSummary>().ToList();
            Assert.Equal(12, summaries.Count);
            Assert.Equal(10, summaries.Count(s => s.Status == AuditStatus.Findings));
            Assert.All(summaries.Where(s => s.Status == AuditStatus.Findings), s => { Assert.Equal(4, s.SaCount); Assert.Equal(2, s.CriticalCount); Assert.Null(s.ErrorId); });
            var failed = summaries.Where(s => s.Status == AuditStatus.Failed).ToList();
            Assert.Equal(new[] { "bad-1", "bad-2" }, failed.Select(s => s.Device).OrderBy(d => d));
            Assert.All(failed, s => Assert.Equal(ErrorIds.AuthenticationFailed, s.ErrorId));
            Assert.Equal(2, sink.Inner.Errors.Count(e => e.Id == ErrorIds.AuthenticationFailed));
            Assert.Equal(20, sink.Inner.Outputs.OfType<Finding>().Count(f => f.Code == "StaleVpnContext" || f.Code == "OneWayTraffic"));
            Assert.InRange(fleet.Peak, 2, 4);  // parallel, and never above the throttle
            Assert.True(sink.Inner.ProgressRecords.Count >= 12);
            Assert.True(sink.Inner.ProgressRecords[^1].Completed);
            // Each device's findings come out together as it finishes; the summaries last, once the devices are paired
            // (these ten are not the two ends of a tunnel: no both-ends finding), in the order the devices finished.
            var order = sink.Inner.Outputs.Select(o => o is DeviceAuditSummary s ? "S:" + s.Device : o is Finding f ? "F:" + f.Device : "?").ToList();
            Assert.All(order.Skip(order.Count - 12), o => Assert.StartsWith("S:", o));
            var findingDevices = order.Take(order.Count - 12).Select(o => o.Substring(2)).ToList();
            Assert.Equal(findingDevices.Distinct().SelectMany(d => new[] { d, d }), findingDevices);
            Assert.Equal(findingDevices.Distinct(), summaries.Where(s => s.Status == AuditStatus.Findings).Select(s => s.Device));
            Assert.DoesNotContain(sink.Inner.Outputs.OfType<Finding>(), f => f.PeerDevice != null);
        }

        [Fact]
        public void A_devices_summary_carries_its_inventory_columns_and_a_failed_device_is_named_as_the_inventory_names_it()
        {
            var site = new List<KeyValuePair<string, string>> { new("Site", "Lab 3"), new("Owner", "netops, night shift") };
            var good = Target("fw1");
            good.InventoryName = "edge-lab";
            good.InventoryColumns = site;
            var bad = Target("bad-1");
            bad.InventoryName = "branch-9";
            bad.InventoryColumns = new List<KeyValuePair<string, string>> { new("Site", "Branch 9"), new("Owner", "") };
            var plain = Target("fw2");
            var sink = new FakeSink();
            AuditService.Run(new[] { good, bad, plain }, new Fleet(), new AuditOptions { ThrottleLimit = 2 }, sink, CancellationToken.None);

            var summaries = sink.Outputs.OfType<DeviceAuditSummary>().ToDictionary(s => s.Device!);
            Assert.Equal(new[] { "branch-9", "edge-lab", "fw2" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(site, summaries["edge-lab"].InventoryColumns());
            Assert.Equal(AuditStatus.Findings, summaries["edge-lab"].Status);
            // Failed before its prompt was seen: still the inventory's name and its columns, and the host it was given as its Source.
            var failed = summaries["branch-9"];
            Assert.Equal((AuditStatus.Failed, ErrorIds.AuthenticationFailed, "bad-1"), (failed.Status, failed.ErrorId, failed.Source));
            Assert.Equal(new[] { "Site=Branch 9", "Owner=" }, failed.InventoryColumns().Select(c => c.Key + "=" + c.Value));
            Assert.Contains(sink.Errors, e => e.Id == ErrorIds.AuthenticationFailed);
            Assert.Empty(summaries["fw2"].InventoryColumns());
        }

        [Fact]
        public void A_device_with_no_login_is_never_contacted_and_is_a_Failed_summary_named_by_its_identity_beside_the_others()
        {
            var builder = new SpiTools.Services.Targets.DeviceTargetBuilder(new SpiTools.Services.Targets.DeviceTargetSpec { UserName = "netops" });
            var row = new SpiTools.Services.Targets.DeviceTargetRow
            {
                Host = "10.0.0.9", Name = "branch-7", Port = 2222, Password = new DeviceSecret("row-Secret-7"),
                InventoryColumns = new List<KeyValuePair<string, string>> { new("Site", "Branch 7") },
            };
            Assert.True(builder.Admits(row));
            var password = row.Password;
            var failure = builder.Failure(row, ErrorIds.CredentialNotFound, SpiErrorCategory.ObjectNotFound, "secret 'gone' could not be read");
            Assert.True(password.IsDisposed); // overwritten: the row is never used
            var unnamed = builder.Failure(new SpiTools.Services.Targets.DeviceTargetRow { Host = "10.0.0.8" }, ErrorIds.CredentialMissing, SpiErrorCategory.InvalidArgument, "no login");
            Assert.Equal(new[] { failure, unnamed }, builder.Failures);
            Assert.Empty(builder.Targets);

            var good = Target("fw1");
            good.InventoryName = "edge-lab";
            var fleet = new Fleet();
            var sink = new FakeSink();
            var pipeline = SpiTools.Services.Pipelines.AuditPipeline.Begin(new SpiTools.Services.Pipelines.AuditPipelineOptions { Audit = new AuditOptions { ThrottleLimit = 2 } }, sink);
            pipeline.Add(SpiTools.Services.Pipelines.PipelineInput.Live(good, fleet));
            foreach (var f in builder.Failures) pipeline.Add(f);
            pipeline.End();

            // One error a device not ready, named by its identity with its address in the message.
            Assert.Equal(new[] { (ErrorIds.CredentialNotFound, (object?)"branch-7", "branch-7 (10.0.0.9:2222): secret 'gone' could not be read"), (ErrorIds.CredentialMissing, "10.0.0.8", "10.0.0.8: no login") },
                sink.Errors.Select(e => (e.Id, e.Target, e.Exception.Message)));
            Assert.Equal(SpiErrorCategory.ObjectNotFound, sink.Errors[0].Category);
            var summaries = sink.Outputs.OfType<DeviceAuditSummary>().ToDictionary(s => s.Device!);
            Assert.Equal(new[] { "10.0.0.8", "branch-7", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var branch = summaries["branch-7"];
            Assert.Equal((AuditStatus.Failed, ErrorIds.CredentialNotFound, "branch-7 (10.0.0.9:2222): secret 'gone' could not be read", "10.0.0.9", (string?)null, 0, (string?)null),
                (branch.Status, branch.ErrorId, branch.ErrorMessage, branch.Source, branch.Hostname, branch.SaCount, branch.ComparedWith));
            Assert.Equal(new[] { "Site=Branch 7" }, branch.InventoryColumns().Select(c => c.Key + "=" + c.Value));
            Assert.Equal((AuditStatus.Failed, ErrorIds.CredentialMissing), (summaries["10.0.0.8"].Status, summaries["10.0.0.8"].ErrorId));
            // The device that answers is audited as ever; only it was connected to.
            Assert.Equal(AuditStatus.Findings, summaries["edge-lab"].Status);
            Assert.Contains(sink.Outputs.OfType<Finding>(), f => f.Device == "edge-lab" && f.Code == SpiTools.Diagnosis.FindingCodes.StaleVpnContext);
            Assert.All(sink.Outputs.OfType<Finding>(), f => Assert.Equal("edge-lab", f.Device));
            Assert.Equal(1, fleet.Threads);

            // A run of devices none of which is ready still gives their summaries.
            var alone = new FakeSink();
            AuditService.Run(Array.Empty<DeviceTarget>(), new[] { failure }, null, new AuditOptions(), alone, CancellationToken.None);
            Assert.Equal("branch-7", Assert.Single(alone.Outputs.OfType<DeviceAuditSummary>()).Device);
            Assert.Single(alone.Errors);
        }

        [Fact]
        public void A_hung_device_fails_at_its_own_timeout_without_holding_up_the_others()
        {
            var fleet = new Fleet();
            var sink = new OneWriterSink();
            var clock = Stopwatch.StartNew();
            var targets = new[] { Target("hang-1", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60)) }.Concat(Enumerable.Range(1, 6).Select(i => Target($"fw{i}"))).ToList();
            AuditService.Run(targets, fleet, new AuditOptions { ThrottleLimit = 2 }, sink, CancellationToken.None);
            var summaries = sink.Inner.Outputs.OfType<DeviceAuditSummary>().ToList();
            Assert.Equal(7, summaries.Count);
            var hung = summaries.Single(s => s.Device == "hang-1");
            Assert.Equal(AuditStatus.Failed, hung.Status);
            Assert.NotNull(hung.ErrorId);
            // It failed at its device timeout, not at the 60 s command timeout, and the other six all finished.
            Assert.InRange(hung.DurationSeconds, 2.5, 20);
            Assert.All(summaries.Where(s => s.Device != "hang-1"), s => Assert.Equal(AuditStatus.Findings, s.Status));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), clock.Elapsed.ToString());
        }

        [Fact]
        public void Stopping_ends_the_sweep_soon_and_what_finished_was_written()
        {
            var fleet = new Fleet();
            using var cts = new CancellationTokenSource();
            using var answered = new ManualResetEventSlim();
            var pressed = new Stopwatch();
            // Ctrl+C once the three devices that answer have been written and three hung ones are being worked on (on a busy
            // machine either can take any time).
            var sink = new OneWriterSink
            {
                Written = outputs => { if (outputs.OfType<Finding>().Select(f => f.Device).Distinct().Count() >= 3) answered.Set(); },
            };
            var press = new Thread(() =>
            {
                var waited = Stopwatch.StartNew();
                answered.Wait(TimeSpan.FromSeconds(60));
                while (Volatile.Read(ref fleet.HungConnected) < 3 && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
                Thread.Sleep(200); // into their login
                pressed.Start();
                cts.Cancel();
            });
            press.Start();
            var targets = Enumerable.Range(1, 3).Select(i => Target($"fw{i}")).Concat(Enumerable.Range(1, 4).Select(i => Target($"hang-{i}", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)))).ToList();
            AuditService.Run(targets, fleet, new AuditOptions { ThrottleLimit = 3 }, sink, cts.Token);
            press.Join();
            Assert.True(pressed.Elapsed < TimeSpan.FromSeconds(1 + 2), $"stopped {pressed.Elapsed} after Ctrl+C");
            var done = sink.Inner.Outputs.OfType<DeviceAuditSummary>().Where(s => s.Status == AuditStatus.Findings).Select(s => s.Device).ToList();
            Assert.Equal(new[] { "fw1", "fw2", "fw3" }, done.OrderBy(d => d));
            // A hung device being worked on when Ctrl+C came is said to be stopped, whether its read saw the cancellation or
            // the channel the deadline guard closed under it (never "the device closed the session").
            var stopped = sink.Inner.Outputs.OfType<DeviceAuditSummary>().Where(s => s.Device!.StartsWith("hang-", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, stopped.Count);
            Assert.All(stopped, s =>
            {
                Assert.Equal(AuditStatus.Failed, s.Status);
                Assert.Equal(ErrorIds.DeviceAuditFailed, s.ErrorId);
                Assert.Equal($"{s.Device}: stopped before the audit of this device finished", s.ErrorMessage);
            });
        }

        [Fact]
        public void A_device_that_lets_go_only_after_a_stopped_sweep_ended_is_dropped_without_taking_the_process_down()
        {
            // Two connections that ignore Ctrl+C: one returns 0.5 s after it, whose result the stopped pipeline refuses
            // (PowerShell's throws when stopped), the other 3 s after it, past the 2 s a stopped sweep waits for its workers.
            var slow = new SlowConnector(new Dictionary<string, TimeSpan> { ["fw-half"] = TimeSpan.FromMilliseconds(500), ["fw-slow"] = TimeSpan.FromSeconds(3) });
            using var cts = new CancellationTokenSource();
            var sink = new StoppedPipelineSink(cts.Token);
            var press = new Thread(() => { slow.BothEntered.Wait(TimeSpan.FromSeconds(60)); cts.Cancel(); });
            press.Start();
            Assert.Throws<InvalidOperationException>(() =>
                AuditService.Run(new[] { Target("fw-half"), Target("fw-slow") }, slow, new AuditOptions { ThrottleLimit = 2 }, sink, cts.Token));
            press.Join();
            // The slow worker lets go of its device now, with the sweep over: before, its result went to a disposed queue and
            // the exception on the worker thread ended the process (this test run with it).
            Assert.True(slow.SlowReturned.Wait(TimeSpan.FromSeconds(30)));
            Thread.Sleep(1000);
            // The next sweep runs as usual.
            var next = new OneWriterSink();
            AuditService.Run(new[] { Target("fw1") }, new Fleet(), new AuditOptions(), next, CancellationToken.None);
            Assert.Equal(AuditStatus.Findings, Assert.Single(next.Inner.Outputs.OfType<DeviceAuditSummary>()).Status);
        }

        /// <summary>A pipeline that refuses objects once stopped, as PowerShell's does.</summary>
        private sealed class StoppedPipelineSink : ICommandSink
        {
            private readonly CancellationToken _stopped;
            public StoppedPipelineSink(CancellationToken stopped) => _stopped = stopped;
            public void Output(object item) { if (_stopped.IsCancellationRequested) throw new InvalidOperationException("The pipeline has been stopped."); }
            public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) => Output(exception);
            public void Warning(string message) { }
            public void Verbose(string message) { }
            public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
            public bool ShouldProcess(string target, string action) => false;
            public bool IsStopping => _stopped.IsCancellationRequested;
        }

        /// <summary>Connects after a set time per host whatever the token says (a library that does not look at it).</summary>
        private sealed class SlowConnector : IDeviceConnector
        {
            private readonly Dictionary<string, TimeSpan> _delays;
            private readonly CountdownEvent _entered;
            public SlowConnector(Dictionary<string, TimeSpan> delays)
            {
                _delays = delays;
                _entered = new CountdownEvent(delays.Count);
            }

            public ManualResetEventSlim SlowReturned { get; } = new();
            public CountdownEvent BothEntered => _entered;

            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                _entered.Signal();
                Thread.Sleep(_delays[options.Host]);
                var d = ScriptedDevice.SeedAsa();
                d.Start();
                if (options.Host == "fw-slow") SlowReturned.Set();
                return d;
            }
        }

        [Fact]
        public void Evidence_is_kept_per_device_and_run_and_the_next_run_judges_counters_on_growth()
        {
            var fleet = new Fleet();
            var first = new OneWriterSink();
            var t1 = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
            AuditService.Run(new[] { Target("fw1") }, fleet, new AuditOptions { SaveCapture = _dir, RunStarted = t1 }, first, CancellationToken.None);
            var s1 = first.Inner.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Equal(Path.Combine(_dir, "fw1", "20261128T030000Z"), s1.CaptureFolder);
            Assert.Equal(new[] { "show-asp-table-vpn-context-detail.txt", "show-crypto-ipsec-sa.txt", CaptureManifest.FileName }, Directory.GetFiles(s1.CaptureFolder!).Select(Path.GetFileName).OrderBy(f => f));
            Assert.Contains(first.Inner.Outputs.OfType<Finding>(), f => f.Code == "OneWayTraffic");

            var second = new OneWriterSink();
            AuditService.Run(new[] { Target("fw1") }, fleet, new AuditOptions { SaveCapture = _dir, RunStarted = t1.AddDays(1) }, second, CancellationToken.None);
            // Nothing moved since the first run: one-way traffic, judged on growth, cannot be judged (the first run's finding
            // is output again as not judged, not as resolved); the stale context stays.
            Assert.Equal(new[] { "StaleVpnContext" }, second.Inner.Outputs.OfType<Finding>().Where(f => f.Change == FindingChange.Persisting).Select(f => f.Code));
            Assert.Equal(new[] { "OneWayTraffic" }, second.Inner.Outputs.OfType<Finding>().Where(f => f.Change == FindingChange.NotJudged).Select(f => f.Code));
            Assert.DoesNotContain(second.Inner.Outputs.OfType<Finding>(), f => f.Change == FindingChange.Resolved || f.Change == FindingChange.New);
            Assert.Contains(second.Inner.VerboseMessages, v => v.Contains("20261128T030000Z"));
            Assert.Equal(2, Directory.GetDirectories(Path.Combine(_dir, "fw1")).Length);
            // No secret in the evidence.
            Assert.All(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories), f => Assert.DoesNotContain("s3cr3t-Enable!", File.ReadAllText(f)));
        }
    }
}

namespace SpiTools.Core.Tests.Services
{
    public class AuditPartitionTests
    {
        [Fact]
        public void Parts_cover_the_inventory_once_whatever_its_order_or_case()
        {
            var names = Enumerable.Range(1, 400).Select(i => $"fw{i}.example").ToList();
            var parts = Enumerable.Range(1, 4).Select(k => names.Where(n => AuditPartition.Includes(n, $"{k}/4")).ToList()).ToList();
            Assert.Equal(names.OrderBy(n => n), parts.SelectMany(p => p).OrderBy(n => n));
            Assert.All(parts, p => Assert.InRange(p.Count, 60, 140));
            Assert.All(names, n => Assert.Equal(AuditPartition.Includes(n, "2/4"), AuditPartition.Includes(n.ToUpperInvariant(), "2/4")));
            Assert.All(names, n => Assert.True(AuditPartition.Includes(n, "1/1")));
        }

        [Theory]
        [InlineData("0/4")]
        [InlineData("5/4")]
        [InlineData("1-4")]
        [InlineData("a/b")]
        public void A_malformed_partition_is_refused(string partition) =>
            Assert.Throws<ArgumentException>(() => AuditPartition.Includes("fw1", partition));
    }
}
