using System.Management.Automation;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Threading;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// An audit of both ends of a tunnel run twice into one evidence folder (Invoke-SpiAudit -SaveCapture, spitools audit --out)
    /// against simulated ASAs behind real sshd processes on loopback, then the saved root read back through both front ends
    /// (Compare-SpiContext -LiteralPath, spitools diagnose): the replay gives the second run's findings, the both-ends findings
    /// (SpiDesync) with the Change the audit gave them, as a device's own.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class AuditEndsReplayTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-ends-replay").FullName;

        public AuditEndsReplayTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>What parity is judged on: what changed, who, what, the other end, which peer, how bad, the evidence word for word.</summary>
        private static string Key(PSObject f) =>
            $"{f.Properties["Change"].Value} {f.Properties["Device"].Value} {f.Properties["Code"].Value} {f.Properties["PeerDevice"].Value} {f.Properties["Peer"].Value} " +
            $"{f.Properties["Severity"].Value} | {f.Properties["Evidence"].Value}";

        private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString() ?? "" : "";

        /// <summary>The findings of a JSON array (an audit's also holds summaries and SAs), keyed as <see cref="Key(PSObject)"/>.</summary>
        private static List<string> Keys(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(r => !r.TryGetProperty("RecordType", out var t) || t.GetString() == "Finding")
            .Select(f => $"{Text(f, "Change")} {Text(f, "Device")} {Text(f, "Code")} {Text(f, "PeerDevice")} {Text(f, "Peer")} {Text(f, "Severity")} | {Text(f, "Evidence")}")
            .OrderBy(k => k, StringComparer.Ordinal).ToList();

        private static List<string> Sorted(IEnumerable<string> keys) => keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        [Fact]
        public void Both_ends_audited_twice_then_read_back_give_the_both_ends_findings_the_change_the_audit_gave_them_in_both_front_ends()
        {
            // fw-edge1 after the clear and fw-branch renegotiated on its own: a desync on each end, the same both nights.
            var (edge, branch) = SshdHost.StartPair(new SshdOptions { Scenario = "asa-clean" }, new SshdOptions { Scenario = "asa-desync-far-end" });
            using var _ = edge;
            using var __ = branch;
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, edge.KnownHostsLines.Concat(branch.KnownHostsLines));
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[] { "ComputerName,Port,CredentialName", $"{edge.Host},{edge.Port},fw", $"{branch.Host},{branch.Port},fw" });
            var vars = new Dictionary<string, object?>
            {
                ["inventory"] = inventory,
                ["cred"] = new PSCredential(edge.UserName, InventoryAudit.Secure(edge.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
                ["kh"] = kh,
                ["psOut"] = Path.Combine(_dir, "ps"),
            };
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = edge.Password, ["FW_ENABLE"] = EnableSecret };
            string logs() => edge.Log + branch.Log;
            string[] desyncs = { $"{edge.Host}:{edge.Port} SpiDesync {branch.Host}:{branch.Port}", $"{branch.Host}:{branch.Port} SpiDesync {edge.Host}:{edge.Port}" };

            List<string> PsAudit()
            {
                var r = _ps.Run("Import-Csv $inventory | Select-Object ComputerName, Port | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $psOut", vars);
                Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + logs());
                return Sorted(r.Output.Where(o => o.TypeNames.Any(t => t.StartsWith("SpiTools.Finding", StringComparison.Ordinal))).Select(Key));
            }
            var cliOut = Path.Combine(_dir, "cli");
            List<string> CliAudit()
            {
                var (exit, stdout, stderr) = FrontEndParityTests.Cli(env, "audit", "--inventory", inventory, "--user", edge.UserName, "--enable-password-env", "FW_ENABLE",
                    "--known-hosts", kh, "--format", "json", "--out", cliOut);
                Assert.True(exit == 4, stderr + logs()); // findings
                return Keys(stdout);
            }

            var firstNight = PsAudit();
            // The first run has nothing to compare with.
            foreach (var d in desyncs) Assert.Contains(firstNight, k => k.StartsWith(" " + d + " ", StringComparison.Ordinal));
            CliAudit();
            Thread.Sleep(1100); // a run is saved under its start time, to the second
            var psLive = PsAudit();
            var cliLive = CliAudit();
            // The second run: each end's desync persists, a both-ends finding marked as a device's own is. (The two front ends'
            // runs started at other times, which the evidence of what was not judged names: each replay is compared with its own.)
            foreach (var d in desyncs) Assert.Contains(psLive, k => k.StartsWith("Persisting " + d + " ", StringComparison.Ordinal));
            Assert.Equal(psLive.Select(k => k.Split(" | ")[0]), cliLive.Select(k => k.Split(" | ")[0]));

            foreach (var (saved, live) in new[] { ((string)vars["psOut"]!, psLive), (cliOut, cliLive) })
            {
                var replay = _ps.Run("Compare-SpiContext -LiteralPath $root", new Dictionary<string, object?> { ["root"] = saved }).ThrowOnError();
                Assert.Equal(live, Sorted(replay.Output.Select(Key)));
                var (rexit, rout, rerr) = FrontEndParityTests.Cli(null, "diagnose", "--format", "json", saved);
                Assert.True(rexit == 0, rerr);
                Assert.Equal(live, Keys(rout));
            }
        }
    }
}
