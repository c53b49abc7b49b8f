using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text.Json;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// spitools against simulated devices that share a prompt's host name (two boxes both answering as fw-edge1, two
    /// contexts of one ASA): each is a device of its own, by its identity; and what collect and audit save reads back
    /// with diagnose as the live run found it.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class DeviceIdentityCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-cli-identity").FullName;
        private readonly List<SshdHost> _hosts = new();

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        private (SshdHost A, SshdHost B, string[] Login) Pair(string scenario)
        {
            var (a, b) = SshdHost.StartPair(new SshdOptions { Scenario = scenario }, new SshdOptions { Scenario = scenario });
            _hosts.Add(a);
            _hosts.Add(b);
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, a.KnownHostsLines.Concat(b.KnownHostsLines));
            return (a, b, new[]
            {
                "--host", a.Host, b.Host, "--port", a.Port.ToString(), "--user", a.UserName,
                "--password-env", "FW_PASSWORD", "--enable-password-env", "FW_ENABLE", "--known-hosts", kh,
            });
        }

        private static Dictionary<string, string> Env(SshdHost host) => new() { ["FW_PASSWORD"] = host.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };

        private static List<JsonElement> Records(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

        private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";

        private static List<string> FindingKeys(IEnumerable<JsonElement> records) => records
            .Where(r => Text(r, "RecordType") == "Finding")
            .Select(f => string.Join("|", Text(f, "Device"), Text(f, "Code"), Text(f, "Peer"), Text(f, "Severity"), Text(f, "Evidence")))
            .OrderBy(k => k, StringComparer.Ordinal).ToList();

        [Fact]
        public void Clear_inactive_on_two_boxes_whose_prompts_share_a_host_name_clears_both()
        {
            var (a, b, login) = Pair("asa-stale-spi");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(a), new[] { "clear-inactive", "--format", "json" }.Concat(login)
                .Concat(new[] { "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389", "--settle-seconds", "0.2", "--yes" }).ToArray());
            Assert.True(exit == 0, stderr + a.Log + b.Log);
            var results = Records(stdout);
            Assert.Equal(new[] { $"{a.Host}:{a.Port}", $"{b.Host}:{b.Port}" }, results.Select(r => Text(r, "Device"))); // one port, two addresses
            Assert.All(results, r => Assert.Equal(("fw-edge1", "Cleared", "clear crypto ipsec sa inactive"), (Text(r, "Hostname"), Text(r, "Status"), Text(r, "CommandSent"))));
            Assert.Equal(1, a.ReadRecording().Count(l => l == "clear crypto ipsec sa inactive"));
            Assert.Equal(1, b.ReadRecording().Count(l => l == "clear crypto ipsec sa inactive"));
        }

        [Fact]
        public void Diagnose_on_a_collect_root_gives_the_live_findings_and_two_boxes_sharing_a_host_name_keep_two_folders()
        {
            var (a, b, login) = Pair("asa-stale-spi");
            var (liveExit, live, liveErr) = SpitoolsProcess.RunWithEnvironment("", Env(a), new[] { "diagnose", "--format", "json" }.Concat(login).ToArray());
            Assert.True(liveExit == 0, liveErr);
            var root = Path.Combine(_dir, "evidence");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(a), new[] { "collect", "--out", root }.Concat(login).ToArray());
            Assert.True(exit == 0, stderr);
            Assert.Equal(new[] { $"{a.Host}_{a.Port}", $"{b.Host}_{b.Port}" }, Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Contains($"{a.Host}:{a.Port} (fw-edge1): ", stdout, StringComparison.Ordinal);

            var (replayExit, replay, replayErr) = SpitoolsProcess.Run("diagnose", "--format", "json", root);
            Assert.True(replayExit == liveExit, replayErr);
            var liveKeys = FindingKeys(Records(live));
            Assert.Contains(liveKeys, k => k.StartsWith($"{a.Host}:{a.Port}|StaleVpnContext|", StringComparison.Ordinal));
            Assert.Contains(liveKeys, k => k.StartsWith($"{b.Host}:{b.Port}|StaleVpnContext|", StringComparison.Ordinal));
            Assert.Equal(liveKeys, FindingKeys(Records(replay)));
        }

        [Fact]
        public void Two_contexts_audited_from_one_inventory_are_two_devices_and_the_audit_root_reads_back_with_the_live_findings()
        {
            using var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-multi-context" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "Name,ComputerName,Port,Context,User,CredentialName",
                $",127.0.0.1,{asa.Port},cust-a,{asa.UserName},fw",
                $"edge-b,127.0.0.1,{asa.Port},cust-b,{asa.UserName},fw",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = asa.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };
            var root = Path.Combine(_dir, "audit");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, "audit", "--inventory", inventory, "--format", "json", "--out", root,
                "--enable-password-env", "FW_ENABLE", "--known-hosts", kh, "--throttle", "2", "--device-timeout", "60");
            Assert.True(exit == 4, stderr + asa.Log); // findings
            var records = Records(stdout);
            var summaries = records.Where(r => Text(r, "RecordType") == "DeviceAuditSummary").OrderBy(r => Text(r, "Device"), StringComparer.Ordinal).ToList();
            string cust = $"127.0.0.1:{asa.Port}/cust-a";
            Assert.Equal(new[] { cust, "edge-b" }, summaries.Select(s => Text(s, "Device")));
            Assert.All(summaries, s => Assert.Equal("fw-edge1", Text(s, "Hostname")));
            Assert.Equal(new[] { $"127.0.0.1_{asa.Port}_cust-a", "edge-b" }, Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Contains(records, r => Text(r, "RecordType") == "Finding" && Text(r, "Device") == cust && Text(r, "Code") == "StaleVpnContext");

            var (replayExit, replay, replayErr) = SpitoolsProcess.Run("diagnose", "--format", "json", root);
            Assert.True(replayExit == 0, replayErr);
            Assert.Equal(FindingKeys(records), FindingKeys(Records(replay)));
        }

        [Fact]
        public void An_audit_carries_the_inventorys_own_columns_to_json_properties_and_csv_columns_and_names_a_failed_device_by_its_name()
        {
            using var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "Site,Name,ComputerName,Port,User,CredentialName,Owner,Status",
                $"Lab 3,edge-lab,127.0.0.1,{asa.Port},{asa.UserName},fw,\"netops, night shift\",in service",
                $"Branch 9,branch-9,127.0.0.1,1,{asa.UserName},fw,,retired",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = asa.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };
            string[] common = { "--enable-password-env", "FW_ENABLE", "--known-hosts", kh, "--throttle", "2", "--device-timeout", "60" };

            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, new[] { "audit", "--inventory", inventory, "--format", "json" }.Concat(common).ToArray());
            Assert.True(exit == 6, stderr + asa.Log); // findings on edge-lab, branch-9 refused
            var summaries = Records(stdout).Where(r => Text(r, "RecordType") == "DeviceAuditSummary").ToDictionary(r => Text(r, "Device"));
            Assert.Equal(new[] { "branch-9", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var lab = summaries["edge-lab"];
            Assert.Equal(("Lab 3", "netops, night shift", "Findings", "fw-edge1"), (Text(lab, "Site"), Text(lab, "Owner"), Text(lab, "Status"), Text(lab, "Hostname")));
            // The inventory's columns follow the summary's own, in the inventory's order; a column named as one of the summary's own (Status) is the summary's.
            var names = lab.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(new[] { "Site", "Owner" }, names.Skip(names.IndexOf("LastLine") + 1));
            var branch = summaries["branch-9"];
            Assert.Equal(("Failed", "ConnectionRefused", "Branch 9", ""), (Text(branch, "Status"), Text(branch, "ErrorId"), Text(branch, "Site"), Text(branch, "Owner")));
            Assert.Equal(JsonValueKind.String, branch.GetProperty("Owner").ValueKind);
            Assert.DoesNotContain(Records(stdout), r => Text(r, "Device") == "127.0.0.1:1");

            // CSV files: the summaries' table ends with the inventory's columns, the same for every row.
            var csvDir = Path.Combine(_dir, "audit-csv");
            var (exitCsv, _, stderrCsv) = SpitoolsProcess.RunWithEnvironment("", env, new[] { "audit", "--inventory", inventory, "--format", "csv", "--out", csvDir }.Concat(common).ToArray());
            Assert.True(exitCsv == 6, stderrCsv);
            var lines = File.ReadAllLines(Path.Combine(csvDir, "DeviceAuditSummary.csv"));
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("RecordType,Device,", lines[0], StringComparison.Ordinal);
            Assert.EndsWith(",Source,Line,LastLine,Site,Owner", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,edge-lab,fw-edge1,", StringComparison.Ordinal) && l.EndsWith(",Lab 3,\"netops, night shift\"", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,branch-9,,", StringComparison.Ordinal) && l.Contains(",Failed,", StringComparison.Ordinal) && l.EndsWith(",Branch 9,", StringComparison.Ordinal));

            // CSV of the summaries to standard output: the same columns.
            var (exitOne, one, stderrOne) = SpitoolsProcess.RunWithEnvironment("", env, new[] { "audit", "--inventory", inventory, "--format", "csv", "--record-type", "DeviceAuditSummary" }.Concat(common).ToArray());
            Assert.True(exitOne == 6, stderrOne);
            var oneLines = one.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(lines[0], oneLines[0]);
            Assert.Contains(oneLines, l => l.StartsWith("DeviceAuditSummary,branch-9,", StringComparison.Ordinal) && l.EndsWith(",Branch 9,", StringComparison.Ordinal));
        }

        [Fact]
        public void A_device_on_a_refused_port_is_named_by_its_inventory_name_with_its_address_on_stderr_in_the_summary_both_csv_files_and_the_report()
        {
            using var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "Name,ComputerName,Port,User,CredentialName,Site",
                $"edge-lab,127.0.0.1,{asa.Port},{asa.UserName},fw,Lab 3",
                $"branch-9,127.0.0.1,1,{asa.UserName},fw,Branch 9",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = asa.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };
            string[] common = { "--enable-password-env", "FW_ENABLE", "--known-hosts", kh, "--throttle", "2", "--device-timeout", "60" };
            const string Named = "branch-9 (127.0.0.1:1): connection refused (is SSH enabled for this address and interface?).";

            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, new[] { "audit", "--inventory", inventory, "--format", "json" }.Concat(common).ToArray());
            Assert.True(exit == 6, stderr + asa.Log); // findings on edge-lab, branch-9 refused
            // Standard error: one line for the failed device, named as the inventory names it, with the address to act on.
            var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.EndsWith("]", StringComparison.Ordinal) && !l.StartsWith("spitools: warning:", StringComparison.Ordinal) && !l.StartsWith("spitools: what to do:", StringComparison.Ordinal)).ToList();
            Assert.Equal($"spitools: {Named} [ConnectionRefused]", Assert.Single(errors));
            Assert.DoesNotContain("127.0.0.1:1:", stderr);
            var records = Records(stdout);
            var summaries = records.Where(r => Text(r, "RecordType") == "DeviceAuditSummary").ToDictionary(r => Text(r, "Device"));
            Assert.Equal(new[] { "branch-9", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var branch = summaries["branch-9"];
            Assert.Equal(("Failed", "ConnectionRefused", Named, "127.0.0.1", "Branch 9"),
                (Text(branch, "Status"), Text(branch, "ErrorId"), Text(branch, "ErrorMessage"), Text(branch, "Source"), Text(branch, "Site")));
            // The healthy device of the same run is reported as ever.
            var lab = summaries["edge-lab"];
            Assert.Equal(("Findings", "fw-edge1", "", "Lab 3"), (Text(lab, "Status"), Text(lab, "Hostname"), Text(lab, "ErrorId"), Text(lab, "Site")));
            var findings = records.Where(r => Text(r, "RecordType") == "Finding").ToList();
            Assert.Contains(findings, f => Text(f, "Device") == "edge-lab" && Text(f, "Code") == "StaleVpnContext");
            Assert.All(findings, f => Assert.Equal("edge-lab", Text(f, "Device")));

            // The report built from that JSON: the failed device's section and its failure, and the healthy device's findings.
            var json = Path.Combine(_dir, "audit.json");
            File.WriteAllText(json, stdout);
            var html = Path.Combine(_dir, "report.html");
            var report = SpitoolsProcess.Run("report", "--out", html, json);
            Assert.True(report.Exit == 0, report.Err);
            var page = File.ReadAllText(html);
            Assert.Contains("<span class=\"name\">branch-9</span>", page);
            Assert.Contains("<span class=\"errid\">ConnectionRefused</span></p><p>branch-9 (127.0.0.1:1): connection refused", page);
            Assert.DoesNotContain("127.0.0.1:1:", page);
            Assert.Contains("<span class=\"name\">edge-lab</span>", page);

            // Both CSV files: the failed device's summary row carries the named message; the findings are the healthy device's.
            var csvDir = Path.Combine(_dir, "audit-csv");
            var (exitCsv, _, stderrCsv) = SpitoolsProcess.RunWithEnvironment("", env, new[] { "audit", "--inventory", inventory, "--format", "csv", "--out", csvDir }.Concat(common).ToArray());
            Assert.True(exitCsv == 6, stderrCsv);
            Assert.Contains($"spitools: {Named} [ConnectionRefused]", stderrCsv);
            var summaryCsv = File.ReadAllText(Path.Combine(csvDir, "DeviceAuditSummary.csv"));
            var findingCsv = File.ReadAllText(Path.Combine(csvDir, "Finding.csv"));
            var summaryLines = summaryCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains(summaryLines, l => l.StartsWith("DeviceAuditSummary,branch-9,,", StringComparison.Ordinal) && l.Contains($",{Named},", StringComparison.Ordinal) && l.EndsWith(",Branch 9", StringComparison.Ordinal));
            Assert.Contains(summaryLines, l => l.StartsWith("DeviceAuditSummary,edge-lab,fw-edge1,", StringComparison.Ordinal) && l.EndsWith(",Lab 3", StringComparison.Ordinal));
            Assert.Contains("Finding,StaleVpnContext,Critical,edge-lab,", findingCsv);
            Assert.DoesNotContain("branch-9", findingCsv);
            Assert.DoesNotContain("127.0.0.1:1:", summaryCsv + findingCsv);
        }
    }
}
