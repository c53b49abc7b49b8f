using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// The audit pairs the devices it collected as the two ends of their tunnels: each device's own findings as it
    /// finishes, the both-ends findings once all are done, then the summaries, which count them.
    /// </summary>
    public class AuditEndsTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-audit-ends").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>A fresh scripted device per connection, by host; a host without one fails to log in.</summary>
        private sealed class Connector : IDeviceConnector
        {
            private readonly Dictionary<string, Func<ScriptedDevice>> _devices;
            public Connector(Dictionary<string, Func<ScriptedDevice>> devices) => _devices = devices;
            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                if (!_devices.TryGetValue(options.Host, out var make)) throw DeviceException.AuthenticationFailed(options.Host);
                var d = make();
                d.Start();
                return d;
            }
        }

        private static DeviceTarget Target(string host) => new()
        {
            Name = host,
            Connect = new DeviceConnectOptions { Host = host, UserName = "netops", Password = new DeviceSecret("login-Secret-1") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            CommandTimeout = TimeSpan.FromSeconds(5),
            DeviceTimeout = TimeSpan.FromSeconds(30),
        };

        /// <summary>A scripted ASA serving a fixture folder's outputs (each file's echoed command line dropped).</summary>
        private static ScriptedDevice FarEnd(string hostname, string folder, string? saOutputFrom = null)
        {
            var d = new ScriptedDevice(hostname);
            foreach (var file in Directory.EnumerateFiles(Captures.PathOf("../ends/" + folder)))
            {
                var (command, output) = Output(file);
                d.Outputs[command] = output;
            }
            if (saOutputFrom != null)
            {
                var (command, output) = Output(Path.Combine(Captures.PathOf("../ends/" + saOutputFrom), "show-crypto-ipsec-sa.txt"));
                d.Outputs[command] = output;
            }
            d.Outputs["show version"] = "Cisco Adaptive Security Appliance Software Version 9.16(4)";
            return d;
        }

        private static (string Command, string Output) Output(string file)
        {
            var lines = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
            return (lines[0].Substring(lines[0].IndexOf('#') + 1).Trim(), string.Join("\n", lines.Skip(1)));
        }

        private static string Describe(object o) => o switch
        {
            Finding f => $"F {f.Code} {f.Device} {f.PeerDevice}".TrimEnd(),
            DeviceAuditSummary s => $"S {s.Device} {s.Status} {s.CriticalCount}/{s.WarningCount}/{s.InfoCount}",
            _ => o.GetType().Name,
        };

        private static FakeSink Audit(Dictionary<string, Func<ScriptedDevice>> devices, IEnumerable<string> hosts, AuditOptions? options = null)
        {
            var sink = new FakeSink();
            AuditService.Run(hosts.Select(Target).ToList(), new Connector(devices), options ?? new AuditOptions { ThrottleLimit = 1 }, sink, CancellationToken.None);
            return sink;
        }

        private static readonly Dictionary<string, Func<ScriptedDevice>> Desynced = new()
        {
            ["edge.example"] = () => FarEnd("fw-edge1", "asa-clean/fw-edge1"),
            ["branch.example"] = () => FarEnd("fw-branch", "asa-desync/fw-branch"),
        };

        [Fact]
        public void A_desynced_pair_gives_a_desync_on_each_end_after_the_devices_own_findings_and_each_summary_counts_it()
        {
            var sink = Audit(Desynced, new[] { "edge.example", "branch.example" });
            Assert.Empty(sink.Errors);
            var order = sink.Outputs.Select(Describe).ToList();
            // fw-edge1 has no finding of its own, fw-branch its one-way SA; then the desync of each end; then the summaries,
            // fw-edge1's a Findings verdict that only the comparison with its far end gives.
            var desyncs = sink.Outputs.OfType<Finding>().Where(f => f.Code == FindingCodes.SpiDesync).ToList();
            Assert.Equal(new[] { "edge.example branch.example", "branch.example edge.example" }, desyncs.Select(f => $"{f.Device} {f.PeerDevice}"));
            int edgeCritical = desyncs.Count(f => f.Device == "edge.example" && f.Severity == FindingSeverity.Critical);
            int edgeWarning = desyncs.Count(f => f.Device == "edge.example" && f.Severity == FindingSeverity.Warning);
            Assert.Equal(1, edgeCritical + edgeWarning);
            Assert.Equal(new[] { "F OneWayTraffic branch.example", "F SpiDesync edge.example branch.example", "F SpiDesync branch.example edge.example" },
                order.Where(o => o.StartsWith("F ", StringComparison.Ordinal)));
            Assert.Equal(new[] { "F OneWayTraffic branch.example" }, order.Take(1));
            Assert.All(order.Skip(order.Count - 2), o => Assert.StartsWith("S ", o));
            var summaries = sink.Outputs.OfType<DeviceAuditSummary>().ToDictionary(s => s.Device!);
            Assert.Equal(AuditStatus.Findings, summaries["edge.example"].Status);
            Assert.Equal((edgeCritical, edgeWarning, 0), (summaries["edge.example"].CriticalCount, summaries["edge.example"].WarningCount, summaries["edge.example"].InfoCount));
            var branchFindings = sink.Outputs.OfType<Finding>().Where(f => f.Device == "branch.example").ToList();
            Assert.Equal(branchFindings.Count(f => f.Severity == FindingSeverity.Critical), summaries["branch.example"].CriticalCount);
            Assert.Equal(branchFindings.Count(f => f.Severity == FindingSeverity.Warning), summaries["branch.example"].WarningCount);
            Assert.Equal(AuditStatus.Findings, summaries["branch.example"].Status);
        }

        [Fact]
        public void A_clean_pair_gives_no_both_ends_finding_and_agrees_when_asked_without_turning_a_healthy_device_into_findings()
        {
            var clean = new Dictionary<string, Func<ScriptedDevice>>
            {
                ["edge.example"] = () => FarEnd("fw-edge1", "asa-clean/fw-edge1"),
                ["branch.example"] = () => FarEnd("fw-branch", "asa-clean/fw-branch"),
            };
            var plain = Audit(clean, new[] { "edge.example", "branch.example" });
            Assert.Empty(plain.Errors);
            Assert.Empty(plain.Outputs.OfType<Finding>());
            Assert.Equal(new[] { "S branch.example Healthy 0/0/0", "S edge.example Healthy 0/0/0" }, plain.Outputs.Select(Describe).OrderBy(s => s, StringComparer.Ordinal));

            var asked = Audit(clean, new[] { "edge.example", "branch.example" }, new AuditOptions { ThrottleLimit = 2, Diagnosis = new DiagnosisOptions { IncludeHealthy = true } });
            Assert.Empty(asked.Errors);
            var agree = Assert.Single(asked.Outputs.OfType<Finding>());
            Assert.Equal((FindingCodes.EndsAgree, "edge.example", "branch.example"), (agree.Code, agree.Device, agree.PeerDevice));
            // A proof of health counts for nothing: both devices stay Healthy (and the CLI's exit code 0).
            Assert.All(asked.Outputs.OfType<DeviceAuditSummary>(), s => Assert.Equal((AuditStatus.Healthy, 0), (s.Status, s.InfoCount)));
        }

        [Fact]
        public void One_end_alone_as_in_one_partition_or_with_its_far_end_failed_is_diagnosed_alone()
        {
            // Only fw-edge1's part of the inventory: nothing to pair with, no error, the device's own verdict.
            var alone = Audit(Desynced, new[] { "edge.example" });
            Assert.Empty(alone.Errors);
            Assert.Equal(new[] { "S edge.example Healthy 0/0/0" }, alone.Outputs.Select(Describe));

            // The far end's partition: its own one-way SA, no desync.
            var other = Audit(Desynced, new[] { "branch.example" });
            Assert.Empty(other.Errors);
            Assert.Equal(new[] { "F OneWayTraffic branch.example" }, other.Outputs.OfType<Finding>().Select(Describe));
            Assert.Equal(AuditStatus.Findings, other.Outputs.OfType<DeviceAuditSummary>().Single().Status);

            // Both of the run's parts together pair again: the same devices give the desync only when both are in one run.
            Assert.Equal(2, Audit(Desynced, new[] { "branch.example", "edge.example" }).Outputs.OfType<Finding>().Count(f => f.Code == FindingCodes.SpiDesync));

            // A device that failed takes no part: the healthy one stays healthy, the failed one is Failed with its typed error.
            var failed = Audit(Desynced, new[] { "edge.example", "gone.example" });
            Assert.Equal(ErrorIds.AuthenticationFailed, Assert.Single(failed.Errors).Id);
            Assert.Equal(new[] { "S edge.example Healthy 0/0/0", "S gone.example Failed 0/0/0" }, failed.Outputs.Select(Describe).OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void Between_two_audit_runs_the_previous_run_is_the_before_snapshot_of_both_ends_and_path_loss_is_found()
        {
            var first = Audit(new Dictionary<string, Func<ScriptedDevice>>
            {
                ["edge.example"] = () => FarEnd("fw-edge1", "asa-clean/fw-edge1"),
                ["branch.example"] = () => FarEnd("fw-branch", "asa-clean/fw-branch"),
            }, new[] { "edge.example", "branch.example" }, new AuditOptions { SaveCapture = _dir, RunStarted = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero) });
            Assert.Empty(first.Errors);
            Assert.DoesNotContain(first.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);

            var later = new Dictionary<string, Func<ScriptedDevice>>
            {
                ["edge.example"] = () => FarEnd("fw-edge1", "asa-clean/fw-edge1", saOutputFrom: "asa-pathloss/fw-edge1"),
                ["branch.example"] = () => FarEnd("fw-branch", "asa-clean/fw-branch", saOutputFrom: "asa-pathloss/fw-branch"),
            };
            var second = Audit(later, new[] { "edge.example", "branch.example" }, new AuditOptions { SaveCapture = _dir, RunStarted = new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero) });
            Assert.Empty(second.Errors);
            var loss = Assert.Single(second.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
            Assert.NotNull(loss.PeerDevice);
            var summary = second.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == loss.Device);
            Assert.Equal(AuditStatus.Findings, summary.Status);

            // Without the earlier run there is nothing to measure the growth against: no path loss.
            var noBefore = Audit(later, new[] { "edge.example", "branch.example" });
            Assert.DoesNotContain(noBefore.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
        }

        /// <summary>
        /// The pair as <c>asa-pathloss</c> has it (fw-edge1 sent 5000 packets since <c>asa-clean</c>, fw-branch received 4000 of
        /// them; 1000 the other way, 995 arrived), with <paramref name="sentMore"/> more sent by fw-edge1 since and
        /// <paramref name="arrivedMore"/> of them received by fw-branch (the other direction grows by 1000 / 1000).
        /// </summary>
        private static Dictionary<string, Func<ScriptedDevice>> PathLossPair(int sentMore, int arrivedMore)
        {
            string Counters(string output, long encaps, long decaps) => System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(output, @"#pkts encaps: \d+, #pkts encrypt: \d+, #pkts digest: \d+", $"#pkts encaps: {encaps}, #pkts encrypt: {encaps}, #pkts digest: {encaps}"),
                @"#pkts decaps: \d+, #pkts decrypt: \d+, #pkts verify: \d+", $"#pkts decaps: {decaps}, #pkts decrypt: {decaps}, #pkts verify: {decaps}");
            int other = sentMore == 0 && arrivedMore == 0 ? 0 : 1000;
            return new Dictionary<string, Func<ScriptedDevice>>
            {
                ["edge.example"] = () =>
                {
                    var d = FarEnd("fw-edge1", "asa-clean/fw-edge1", saOutputFrom: "asa-pathloss/fw-edge1");
                    d.Outputs["show crypto ipsec sa"] = Counters(d.Outputs["show crypto ipsec sa"], 5152 + sentMore, 1606 + other);
                    return d;
                },
                ["branch.example"] = () =>
                {
                    var d = FarEnd("fw-branch", "asa-clean/fw-branch", saOutputFrom: "asa-pathloss/fw-branch");
                    d.Outputs["show crypto ipsec sa"] = Counters(d.Outputs["show crypto ipsec sa"], 1611 + other, 4152 + arrivedMore);
                    return d;
                },
            };
        }

        private static readonly Dictionary<string, Func<ScriptedDevice>> CleanPair = new()
        {
            ["edge.example"] = () => FarEnd("fw-edge1", "asa-clean/fw-edge1"),
            ["branch.example"] = () => FarEnd("fw-branch", "asa-clean/fw-branch"),
        };

        private FakeSink Night(Dictionary<string, Func<ScriptedDevice>> pair, int hour)
        {
            var sink = Audit(pair, new[] { "edge.example", "branch.example" }, new AuditOptions { ThrottleLimit = 1, SaveCapture = _dir, RunStarted = new DateTimeOffset(2026, 11, 28, hour, 0, 0, TimeSpan.Zero) });
            Assert.Empty(sink.Errors);
            return sink;
        }

        private static string Changes(FakeSink sink) =>
            string.Join("; ", sink.Outputs.OfType<Finding>().Where(f => f.PeerDevice != null).Select(f => $"{f.Change} {f.Code} {f.Device}"));

        [Fact]
        public void Run_over_run_a_path_loss_is_new_then_persisting_then_not_judged_when_nothing_passed_and_its_device_counts_it()
        {
            Assert.Equal("", Changes(Night(CleanPair, 1)));
            var second = Night(PathLossPair(0, 0), 2);
            // PathLossPair(0, 0) is the asa-pathloss pair itself: 5000 sent, 4000 arrived since the first night.
            Assert.Equal("New PathLoss edge.example", Changes(second));
            var s2 = second.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == "edge.example");
            Assert.Equal(Path.Combine(_dir, "edge.example", "20261128T010000Z"), s2.ComparedWith);
            Assert.Equal((1, 0, 0, 0), (s2.NewCount, s2.PersistingCount, s2.ResolvedCount, s2.NotJudgedCount));

            // Another 5000 sent, 4000 arrived: the same loss, still there.
            var third = Night(PathLossPair(5000, 4000), 3);
            Assert.Equal("Persisting PathLoss edge.example", Changes(third));
            var s3 = third.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == "edge.example");
            Assert.Equal((0, 1, 0, 0), (s3.NewCount, s3.PersistingCount, s3.ResolvedCount, s3.NotJudgedCount));
            Assert.Equal((AuditStatus.Findings, 1), (s3.Status, s3.WarningCount));

            // Nothing passed since: the loss cannot be judged, and is not called resolved.
            var fourth = Night(PathLossPair(5000, 4000), 4);
            var idle = Assert.Single(fourth.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
            Assert.Equal((FindingChange.NotJudged, "branch.example"), (idle.Change, idle.PeerDevice));
            Assert.StartsWith("Not judged in this run: no traffic since the run of 20261128T030000Z", idle.Evidence, StringComparison.Ordinal);
            var s4 = fourth.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == "edge.example");
            Assert.Equal((0, 0, 0, 1), (s4.NewCount, s4.PersistingCount, s4.ResolvedCount, s4.NotJudgedCount));
            Assert.Equal(AuditStatus.Findings, s4.Status);
        }

        [Fact]
        public void Run_over_run_a_path_loss_whose_packets_now_all_arrive_is_resolved_and_no_longer_counted()
        {
            Night(CleanPair, 1);
            Assert.Equal("New PathLoss edge.example", Changes(Night(PathLossPair(0, 0), 2)));
            var third = Night(PathLossPair(5000, 5000), 3);
            var gone = Assert.Single(third.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
            Assert.Equal((FindingChange.Resolved, "edge.example", "branch.example"), (gone.Change, gone.Device, gone.PeerDevice));
            Assert.StartsWith("Not found in this run (found in the run of 20261128T020000Z: ", gone.Evidence, StringComparison.Ordinal);
            var s3 = third.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == "edge.example");
            Assert.Equal((0, 0, 1, 0), (s3.NewCount, s3.PersistingCount, s3.ResolvedCount, s3.NotJudgedCount));
            Assert.Equal((AuditStatus.Healthy, 0, 0, 0), (s3.Status, s3.CriticalCount, s3.WarningCount, s3.InfoCount));
            // The far end, compared with its own previous run, has nothing of the pair's to report.
            var branch = third.Outputs.OfType<DeviceAuditSummary>().Single(s => s.Device == "branch.example");
            Assert.Equal((0, 0, 0, 0), (branch.NewCount, branch.PersistingCount, branch.ResolvedCount, branch.NotJudgedCount));
        }

        [Fact]
        public void Run_over_run_an_idle_path_loss_after_an_idle_run_stands_on_the_run_that_judged_it()
        {
            Night(CleanPair, 1);
            // The pair's traffic: 5000 sent, 4000 arrived since the first night; after it, nothing passes any more.
            var judged = Night(PathLossPair(0, 0), 2);
            var loss = Assert.Single(judged.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
            Assert.Equal(FindingChange.New, loss.Change);
            Assert.Equal("NotJudged PathLoss edge.example", Changes(Night(PathLossPair(0, 0), 3)));

            // A second idle night: the run before could not judge the loss either, so it stands on the run that did.
            var third = Night(PathLossPair(0, 0), 4);
            var idle = Assert.Single(third.Outputs.OfType<Finding>(), f => f.Code == FindingCodes.PathLoss);
            Assert.Equal((FindingChange.NotJudged, "edge.example", "branch.example"), (idle.Change, idle.Device, idle.PeerDevice));
            Assert.StartsWith("Not judged in this run: no traffic since the run of 20261128T030000Z (#pkts encaps ", idle.Evidence, StringComparison.Ordinal);
            Assert.EndsWith("(as found before: " + loss.Evidence + ")", idle.Evidence, StringComparison.Ordinal);
            Assert.Equal((loss.Severity, loss.Spi, loss.Remediation), (idle.Severity, idle.Spi, idle.Remediation));
            var s = third.Outputs.OfType<DeviceAuditSummary>().Single(x => x.Device == "edge.example");
            Assert.Equal((0, 0, 0, 1), (s.NewCount, s.PersistingCount, s.ResolvedCount, s.NotJudgedCount));
            Assert.Equal((AuditStatus.Findings, 1), (s.Status, s.WarningCount));
        }

        /// <summary>Every finding as the parity of live and replayed runs is judged: what changed, who, what, the other end, how bad, the evidence.</summary>
        private static List<string> Keyed(IEnumerable<Finding> findings) => findings
            .Select(f => $"{f.Change} {f.Code} {f.Device} {f.PeerDevice} {f.Peer} {f.Severity} | {f.Evidence}").OrderBy(k => k, StringComparer.Ordinal).ToList();

        [Fact]
        public void A_saved_root_read_back_marks_the_both_ends_findings_as_the_audit_that_saved_it()
        {
            var nights = new[] { Desynced, Desynced, CleanPair, PathLossPair(0, 0), PathLossPair(0, 0), PathLossPair(0, 0) };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < nights.Length; i++)
            {
                var live = Night(nights[i], i + 1);
                var sink = new FakeSink();
                var replayed = Diagnosed.Run(CaptureFiles.Expand(_dir), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink);
                Assert.Empty(sink.Errors);
                Assert.Equal(Keyed(live.Outputs.OfType<Finding>()), Keyed(replayed.SelectMany(d => d.Findings)));
                Assert.Equal(Keyed(live.Outputs.OfType<Finding>()), Keyed(sink.Outputs.OfType<Finding>()));
                // Each device's both-ends findings, the ones no longer found too, follow its own.
                foreach (var d in replayed)
                    Assert.All(d.Findings.SkipWhile(f => f.PeerDevice == null), f => Assert.Equal((d.Device, true), (f.Device, f.PeerDevice != null)));
                foreach (var f in live.Outputs.OfType<Finding>().Where(f => f.PeerDevice != null)) seen.Add($"{f.Change} {f.Code}");
            }
            // The nights gave both-ends findings of every kind of change.
            Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
            {
                " SpiDesync", "Persisting SpiDesync", "Resolved SpiDesync", "New PathLoss", "NotJudged PathLoss",
            }, seen);
        }
    }
}
