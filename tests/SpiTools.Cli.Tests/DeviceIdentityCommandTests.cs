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
    }
}
