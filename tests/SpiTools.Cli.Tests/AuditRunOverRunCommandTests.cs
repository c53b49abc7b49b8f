using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// spitools audit run night after night over the same --out folder against a simulated ASA: a one-way finding with no
    /// traffic since the last run is not judged (Change NotJudged, counted apart, in the table, the JSON and the report
    /// rebuilt from it), one that now flows both ways is resolved; the table shows the Change column only when a run was compared.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class AuditRunOverRunCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-cli-runover").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static List<JsonElement> Records(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

        private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";

        private static JsonElement OneWay(string json) => Records(json).Single(r => Text(r, "RecordType") == "Finding" && Text(r, "Code") == "OneWayTraffic" && Text(r, "Peer") == "203.0.113.10");

        private static JsonElement Summary(string json) => Records(json).Single(r => Text(r, "RecordType") == "DeviceAuditSummary");

        /// <summary>The asa-stale-spi simulator, an inventory naming it edge-lab with Site and Owner, and the options to audit it.</summary>
        private (SshdHost Asa, Dictionary<string, string> Env, string[] Audit) Start()
        {
            var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "Site,Name,ComputerName,Port,User,CredentialName,Owner",
                $"Lab 3,edge-lab,127.0.0.1,{asa.Port},{asa.UserName},fw,netops",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = asa.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };
            return (asa, env, new[] { "audit", "--inventory", inventory, "--enable-password-env", "FW_ENABLE", "--known-hosts", kh, "--device-timeout", "60" });
        }

        private static string Run(SshdHost asa, Dictionary<string, string> env, int expectedExit, params string[] args)
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, args);
            Assert.True(exit == expectedExit, $"exit {exit}: {stderr}{asa.Log}");
            return stdout;
        }

        /// <summary>A run is saved under its start time to the second: the next run starts in another second.</summary>
        private static void NextSecond() => Thread.Sleep(1100);

        [Fact]
        public void An_idle_one_way_finding_is_not_judged_in_the_json_the_table_the_report_and_diagnose()
        {
            var (asa, env, audit) = Start();
            using var _ = asa;
            var root = Path.Combine(_dir, "nightly");
            // Without a saved run to compare with, the table has no Change column.
            var plain = Run(asa, env, 4, audit);
            Assert.Contains(plain.Split('\n'), l => l.StartsWith("[Critical] edge-lab OneWayTraffic peer 203.0.113.10", StringComparison.Ordinal));
            Assert.DoesNotContain("Persisting", plain, StringComparison.Ordinal);

            var first = Run(asa, env, 4, audit.Concat(new[] { "--format", "json", "--out", root }).ToArray());
            Assert.Equal("", Text(OneWay(first), "Change"));
            NextSecond();
            // The next night the counters have not moved: no traffic since the first run.
            var second = Run(asa, env, 4, audit.Concat(new[] { "--format", "json", "--out", root }).ToArray());
            var oneWay = OneWay(second);
            Assert.Equal("NotJudged", Text(oneWay, "Change"));
            Assert.StartsWith("Not judged in this run: no traffic since the run of ", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            Assert.EndsWith("(as found before: " + Text(OneWay(first), "Evidence") + ")", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            var summary = Summary(second);
            Assert.Equal((1, 0), (summary.GetProperty("NotJudgedCount").GetInt32(), summary.GetProperty("ResolvedCount").GetInt32()));
            Assert.DoesNotContain(Records(second), r => Text(r, "Change") == "Resolved");

            // The report rebuilt from that JSON: the since-the-last-run line counts it, the inventory's columns are there.
            var json = Path.Combine(_dir, "second.json");
            File.WriteAllText(json, second);
            var html = Path.Combine(_dir, "second.html");
            Run(asa, env, 0, "report", "--out", html, json);
            var page = File.ReadAllText(html);
            Assert.Matches(@"Since the last run: 0 new, \d+ persisting, 0 resolved, 1 not judged for lack of traffic \(compared with the run of \d{8}T\d{6}Z\)\.", page);
            Assert.Contains("<th scope=\"col\" class=\"inv\">Site</th><th scope=\"col\" class=\"inv\">Owner</th>", page, StringComparison.Ordinal);
            Assert.Contains("data-device=\"edge-lab\"", page, StringComparison.Ordinal);
            Assert.Contains("not judged this run: no traffic since the last", page, StringComparison.Ordinal);

            // The table of a compared run: a Change column first.
            NextSecond();
            var table = Run(asa, env, 4, audit.Concat(new[] { "--out", Path.Combine(_dir, "nightly") }).ToArray());
            var lines = table.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("NotJudged  [Critical] edge-lab OneWayTraffic peer 203.0.113.10", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Persisting [Critical] edge-lab StaleVpnContext", StringComparison.Ordinal));

            // diagnose on the saved root says the same, with a Change line per finding.
            var diagnosed = Run(asa, env, 0, "diagnose", root);
            Assert.Contains("    Change:       NotJudged (no traffic since the last run)", diagnosed, StringComparison.Ordinal);
            Assert.Contains("    Change:       Persisting", diagnosed, StringComparison.Ordinal);
            Assert.Matches(@"edge-lab: .*: \d+ finding\(s\) \(since the last run: 0 new, \d+ persisting, 0 resolved, 1 not judged\)", diagnosed);
            // A folder with no earlier run has no Change line.
            var alone = Run(asa, env, 0, "diagnose", Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device"));
            Assert.Contains("OneWayTraffic", alone, StringComparison.Ordinal);
            Assert.DoesNotContain("Change:", alone, StringComparison.Ordinal);
            Assert.DoesNotContain("since the last run", alone, StringComparison.Ordinal);
        }

        [Fact]
        public void A_one_way_finding_whose_traffic_flows_both_ways_after_a_clear_is_resolved()
        {
            var (asa, env, audit) = Start();
            using var _ = asa;
            var root = Path.Combine(_dir, "nightly");
            var first = Run(asa, env, 4, audit.Concat(new[] { "--format", "json", "--out", root }).ToArray());
            Assert.Equal("Critical", Text(OneWay(first), "Severity"));
            // The clear: the simulator then shows traffic both ways on 203.0.113.10.
            Run(asa, env, 0, "clear-inactive", "--host", "127.0.0.1", "--port", asa.Port.ToString(), "--user", asa.UserName, "--password-env", "SPITOOLS_PASSWORD_FW",
                "--enable-password-env", "FW_ENABLE", "--known-hosts", Path.Combine(_dir, "known_hosts"),
                "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389", "--settle-seconds", "0.2", "--yes", "--format", "json");
            NextSecond();
            var second = Run(asa, env, 0, audit.Concat(new[] { "--format", "json", "--out", root }).ToArray());
            var oneWay = OneWay(second);
            Assert.Equal("Resolved", Text(oneWay, "Change"));
            Assert.StartsWith("Not found in this run (found in the run of ", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            var summary = Summary(second);
            Assert.Equal(0, summary.GetProperty("NotJudgedCount").GetInt32());
            Assert.Equal(Records(second).Count(r => Text(r, "Change") == "Resolved"), summary.GetProperty("ResolvedCount").GetInt32());
            Assert.Equal("Healthy", Text(summary, "Status"));
        }
    }
}
