using System.Threading;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Reporting;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// An audit with saved runs says what changed since the device's previous run: each finding New, Persisting or
    /// Resolved (the earlier finding output again), the summary naming the run compared with and counting each.
    /// </summary>
    public sealed class AuditRunOverRunTests : IDisposable
    {
        private static readonly DateTimeOffset Night1 = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-runover").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>Every host is the seed ASA, its outputs as <see cref="Edit"/> makes them.</summary>
        private sealed class Fleet : IDeviceConnector
        {
            public Func<string, string, string>? Edit;

            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                var d = ScriptedDevice.SeedAsa(Edit);
                d.Start();
                return d;
            }
        }

        private static DeviceTarget Target(string host) => new()
        {
            Name = host,
            Connect = new DeviceConnectOptions { Host = host, UserName = "netops", Password = new DeviceSecret("pw-Secret-9") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            CommandTimeout = TimeSpan.FromSeconds(5),
            DeviceTimeout = TimeSpan.FromSeconds(60),
        };

        /// <summary>
        /// The night after: the stale context is gone (the context table after a clear); on 203.0.113.10 traffic still only
        /// comes in; on 192.0.2.20 packets now only come in too.
        /// </summary>
        private static string NextNight(string command, string output)
        {
            if (command == "show asp table vpn-context detail")
                return ScriptedDevice.SeedOutputs("asa-stale-spi/device-after-clear")[command];
            if (command == "show crypto ipsec sa")
                return output.Replace("#pkts decaps: 484, #pkts decrypt: 484, #pkts verify: 484", "#pkts decaps: 911, #pkts decrypt: 911, #pkts verify: 911")
                    .Replace("#pkts decaps: 1720077, #pkts decrypt: 1720077, #pkts verify: 1720077", "#pkts decaps: 1790077, #pkts decrypt: 1790077, #pkts verify: 1790077");
            return output;
        }

        private static FakeSink Audit(Fleet fleet, DateTimeOffset started, string? save, params KeyValuePair<string, string>[] inventoryColumns)
        {
            var sink = new FakeSink();
            var target = Target("fw1");
            target.InventoryColumns = inventoryColumns;
            AuditService.Run(new[] { target }, fleet, new AuditOptions { SaveCapture = save, RunStarted = started }, sink, CancellationToken.None);
            Assert.Empty(sink.Errors);
            return sink;
        }

        private static IEnumerable<string> Changes(FakeSink sink) =>
            sink.Outputs.OfType<Finding>().Select(f => $"{f.Change} {f.Code} {f.Peer}").OrderBy(s => s, StringComparer.Ordinal);

        [Fact]
        public void The_next_run_marks_each_finding_new_persisting_or_resolved_and_the_summary_counts_them()
        {
            var fleet = new Fleet();
            var first = Audit(fleet, Night1, _dir);
            // The first run has nothing to compare with: no change, and the summary says so.
            Assert.All(first.Outputs.OfType<Finding>(), f => Assert.Null(f.Change));
            var s1 = first.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Null(s1.ComparedWith);
            Assert.Equal((0, 0, 0), (s1.NewCount, s1.PersistingCount, s1.ResolvedCount));

            fleet.Edit = NextNight;
            var second = Audit(fleet, Night1.AddDays(1), _dir);
            Assert.Equal(new[]
            {
                "New OneWayTraffic 192.0.2.20",
                "Persisting OneWayTraffic 203.0.113.10",
                "Resolved StaleVpnContext 203.0.113.10",
            }, Changes(second));
            var stale = second.Outputs.OfType<Finding>().Single(f => f.Code == "StaleVpnContext");
            var earlier = first.Outputs.OfType<Finding>().Single(f => f.Code == "StaleVpnContext");
            Assert.StartsWith("Not found in this run (found in the run of 20261128T030000Z: ", stale.Evidence, StringComparison.Ordinal);
            Assert.EndsWith(earlier.Evidence + ")", stale.Evidence, StringComparison.Ordinal);
            Assert.Equal((earlier.Severity, earlier.Spi, earlier.Remediation), (stale.Severity, stale.Spi, stale.Remediation));

            var s2 = second.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Equal(Path.Combine(_dir, "fw1", "20261128T030000Z"), s2.ComparedWith);
            Assert.Equal((1, 1, 1, 0), (s2.NewCount, s2.PersistingCount, s2.ResolvedCount, s2.NotJudgedCount));
            // What was resolved is not a finding of this run.
            var current = second.Outputs.OfType<Finding>().Where(f => f.Change != FindingChange.Resolved).ToList();
            Assert.Equal(current.Count(f => f.Severity == FindingSeverity.Critical), s2.CriticalCount);
            Assert.Equal(current.Count(f => f.Severity == FindingSeverity.Warning), s2.WarningCount);
            Assert.Equal(current.Count(f => f.Severity == FindingSeverity.Info), s2.InfoCount);

            // The report opens with what changed; the resolved finding is not one of the device's findings.
            var html = Report(second);
            Assert.Contains("<p class=\"since\" id=\"since\">Since the last run: 1 new, 1 persisting, 1 resolved (compared with the run of 20261128T030000Z).</p>", html, StringComparison.Ordinal);
            Assert.True(html.IndexOf("Since the last run", StringComparison.Ordinal) < html.IndexOf("id=\"brief\"", StringComparison.Ordinal));
            Assert.DoesNotContain("Not found in this run", html, StringComparison.Ordinal);
            Assert.Contains("OneWayTraffic", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Since the last run", Report(first), StringComparison.Ordinal);
            // Records read back from CSV (every value a string) give the same page.
            Assert.Equal(html, Report(second, asCsv: true));
        }

        [Fact]
        public void A_saved_root_read_back_marks_its_findings_against_the_run_before_as_the_audit_did()
        {
            var fleet = new Fleet();
            Audit(fleet, Night1, _dir);
            fleet.Edit = NextNight;
            var live = Audit(fleet, Night1.AddDays(1), _dir);

            var sink = new FakeSink();
            var replayed = Diagnosed.Run(CaptureFiles.Expand(_dir), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new SpiTools.Diagnosis.DiagnosisOptions(), sink);
            Assert.Equal("fw1", Assert.Single(replayed).Device);
            Assert.Equal(Changes(live), replayed.Single().Findings.Select(f => $"{f.Change} {f.Code} {f.Peer}").OrderBy(s => s, StringComparer.Ordinal));
            Assert.Equal(Changes(live), sink.Outputs.OfType<Finding>().Select(f => $"{f.Change} {f.Code} {f.Peer}").OrderBy(s => s, StringComparer.Ordinal));
            Assert.Equal(live.Outputs.OfType<Finding>().Single(f => f.Change == FindingChange.Resolved).Evidence,
                replayed.Single().Findings.Single(f => f.Change == FindingChange.Resolved).Evidence);

            // The first run read back alone has no run before it: nothing is marked.
            var firstRun = Path.Combine(_dir, "fw1", "20261128T030000Z");
            var alone = Diagnosed.Run(CaptureFiles.Expand(firstRun), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new SpiTools.Diagnosis.DiagnosisOptions(), new FakeSink());
            Assert.NotEmpty(alone.Single().Findings);
            Assert.All(alone.Single().Findings, f => Assert.Null(f.Change));
        }

        private static string Report(FakeSink sink, bool asCsv = false)
        {
            var report = new AuditReport { GeneratedAt = Night1.AddDays(2) };
            foreach (var o in sink.Outputs)
            {
                if (!asCsv)
                {
                    report.Add(o);
                    continue;
                }
                var row = o.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(o) switch
                {
                    null => "",
                    DateTimeOffset d => d.ToString("o", System.Globalization.CultureInfo.InvariantCulture), // as the CSV writers write times: to the tick
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    var v => v.ToString()!,
                });
                // The inventory's own columns, as the CSV writers write them: columns after the summary's own.
                var names = row.Keys.ToList();
                if (o is DeviceAuditSummary summary)
                    foreach (var c in summary.InventoryColumns())
                    {
                        row[c.Key] = c.Value;
                        names.Add(c.Key);
                    }
                Assert.True(report.Add(ReportRecords.Convert(null, n => row.TryGetValue(n, out var v) ? v : null, names, out _)));
            }
            return report.ToHtml();
        }

        /// <summary>The night after a clear: 203.0.113.10's SA now carries traffic both ways (the counters of the seed after the clear).</summary>
        private static string TrafficBothWays(string command, string output)
        {
            if (command == "show asp table vpn-context detail")
                return ScriptedDevice.SeedOutputs("asa-stale-spi/device-after-clear")[command];
            if (command == "show crypto ipsec sa")
                return output.Replace("#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0", "#pkts encaps: 152, #pkts encrypt: 152, #pkts digest: 152")
                    .Replace("#pkts decaps: 484, #pkts decrypt: 484, #pkts verify: 484", "#pkts decaps: 611, #pkts decrypt: 611, #pkts verify: 611");
            return output;
        }

        [Fact]
        public void One_way_traffic_that_now_flows_both_ways_is_resolved()
        {
            var fleet = new Fleet();
            var first = Audit(fleet, Night1, _dir);
            Assert.Contains(first.Outputs.OfType<Finding>(), f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10");
            fleet.Edit = TrafficBothWays;
            var second = Audit(fleet, Night1.AddDays(1), _dir);
            var oneWay = second.Outputs.OfType<Finding>().Single(f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10");
            Assert.Equal(FindingChange.Resolved, oneWay.Change);
            Assert.StartsWith("Not found in this run (found in the run of 20261128T030000Z: ", oneWay.Evidence, StringComparison.Ordinal);
            var s = second.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Equal(0, s.NotJudgedCount);
            Assert.Equal(second.Outputs.OfType<Finding>().Count(f => f.Change == FindingChange.Resolved), s.ResolvedCount);
            Assert.DoesNotContain("not judged", Report(second), StringComparison.Ordinal);
        }

        [Fact]
        public void One_way_traffic_with_no_traffic_since_the_last_run_is_not_judged_rather_than_resolved()
        {
            var fleet = new Fleet();
            var first = Audit(fleet, Night1, _dir);
            var earlier = first.Outputs.OfType<Finding>().Single(f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10");
            // The next night the device shows the very same counters: no packet either way since the first run.
            var second = Audit(fleet, Night1.AddDays(1), _dir);
            var oneWay = second.Outputs.OfType<Finding>().Single(f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10");
            Assert.Equal(FindingChange.NotJudged, oneWay.Change);
            Assert.StartsWith("Not judged in this run: no traffic since the run of 20261128T030000Z (encaps 0 and decaps 484, as in the earlier snapshot (", oneWay.Evidence, StringComparison.Ordinal);
            Assert.EndsWith("(as found before: " + earlier.Evidence + ")", oneWay.Evidence, StringComparison.Ordinal);
            Assert.Equal((earlier.Severity, earlier.Spi, earlier.Remediation), (oneWay.Severity, oneWay.Spi, oneWay.Remediation));
            Assert.DoesNotContain(second.Outputs.OfType<Finding>(), f => f.Code == "OneWayTraffic" && f.Change == FindingChange.Resolved);

            var s = second.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Equal(1, s.NotJudgedCount);
            Assert.Equal(second.Outputs.OfType<Finding>().Count(f => f.Change == FindingChange.Resolved), s.ResolvedCount);
            // Not resolved: it counts with this run's findings.
            var current = second.Outputs.OfType<Finding>().Where(f => f.Change != FindingChange.Resolved).ToList();
            Assert.Contains(oneWay, current);
            Assert.Equal(current.Count(f => f.Severity == FindingSeverity.Critical), s.CriticalCount);
            Assert.Equal(AuditStatus.Findings, s.Status);

            var html = Report(second);
            Assert.Contains("1 not judged for lack of traffic (compared with the run of 20261128T030000Z).</p>", html, StringComparison.Ordinal);
            Assert.Contains("not judged this run: no traffic since the last", html, StringComparison.Ordinal);
            Assert.Equal(html, Report(second, asCsv: true));

            // A third idle night still stands on the first run's finding, through the second run that could not judge it.
            var third = Audit(fleet, Night1.AddDays(2), _dir);
            var still = third.Outputs.OfType<Finding>().Single(f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10");
            Assert.Equal(FindingChange.NotJudged, still.Change);
            Assert.StartsWith("Not judged in this run: no traffic since the run of 20261129T030000Z (", still.Evidence, StringComparison.Ordinal);
            Assert.EndsWith("(as found before: " + earlier.Evidence + ")", still.Evidence, StringComparison.Ordinal);
            Assert.Equal(1, third.Outputs.OfType<DeviceAuditSummary>().Single().NotJudgedCount);

            // The saved root read back says the same as the audit did.
            var replayed = Diagnosed.Run(CaptureFiles.Expand(_dir), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new SpiTools.Diagnosis.DiagnosisOptions(), new FakeSink());
            Assert.Equal(Changes(third), replayed.Single().Findings.Select(f => $"{f.Change} {f.Code} {f.Peer}").OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(still.Evidence, replayed.Single().Findings.Single(f => f.Change == FindingChange.NotJudged).Evidence);
        }

        [Fact]
        public void A_report_rebuilt_from_saved_records_shows_the_inventory_columns_and_what_changed_as_the_live_one()
        {
            var fleet = new Fleet();
            var site = new[] { new KeyValuePair<string, string>("Site", "Lyon-DC2"), new KeyValuePair<string, string>("Owner", "netops-east") };
            Audit(fleet, Night1, _dir, site);
            fleet.Edit = NextNight;
            var second = Audit(fleet, Night1.AddDays(1), _dir, site);
            var live = Report(second);
            Assert.Contains("Lyon-DC2", live, StringComparison.Ordinal);
            Assert.Contains("netops-east", live, StringComparison.Ordinal);
            Assert.Contains("Since the last run: 1 new, 1 persisting, 1 resolved (compared with the run of 20261128T030000Z).", live, StringComparison.Ordinal);
            var rebuilt = Report(second, asCsv: true);
            Assert.Contains("Lyon-DC2", rebuilt, StringComparison.Ordinal);
            Assert.Equal(live, rebuilt);
        }

        [Fact]
        public void Without_saved_runs_no_finding_has_a_change()
        {
            var fleet = new Fleet();
            var first = Audit(fleet, Night1, null);
            fleet.Edit = NextNight;
            var second = Audit(fleet, Night1.AddDays(1), null);
            Assert.NotEmpty(second.Outputs.OfType<Finding>());
            Assert.All(first.Outputs.OfType<Finding>().Concat(second.Outputs.OfType<Finding>()), f => Assert.Null(f.Change));
            var s = second.Outputs.OfType<DeviceAuditSummary>().Single();
            Assert.Null(s.ComparedWith);
            Assert.Equal((0, 0, 0), (s.NewCount, s.PersistingCount, s.ResolvedCount));
            // The diagnosis itself still works: this run's findings, judged on this run alone.
            Assert.Contains(second.Outputs.OfType<Finding>(), f => f.Code == "OneWayTraffic");
        }
    }
}
