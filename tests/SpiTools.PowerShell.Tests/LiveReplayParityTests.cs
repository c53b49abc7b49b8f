using System.Management.Automation;
using System.Runtime.Versioning;
using System.Text.Json;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Live equals replay, in both front ends: each live scenario runs through Compare-SpiContext (in a hosted PowerShell)
    /// and spitools diagnose, each saving what it collected (-SaveCapture, --out), then each saved folder is replayed through
    /// both front ends; all four give the same findings (Device, Code, Peer, Severity, Evidence), in the same order for the
    /// same front end. The devices are simulated behind real sshd processes on loopback.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveReplayParityTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-live-replay").FullName;
        private readonly List<SshdHost> _hosts = new();

        public LiveReplayParityTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        /// <summary>What the parity is judged on: who, what, which peer, how bad, and the evidence word for word.</summary>
        private static string Key(PSObject f) =>
            $"{f.Properties["Device"].Value} {f.Properties["Code"].Value} {f.Properties["Peer"].Value} {f.Properties["Severity"].Value} | {f.Properties["Evidence"].Value}";

        private static List<string> Keys(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(f =>
            $"{f.GetProperty("Device").GetString()} {f.GetProperty("Code").GetString()} {(f.TryGetProperty("Peer", out var p) ? p.GetString() : null)} " +
            $"{f.GetProperty("Severity").GetString()} | {(f.TryGetProperty("Evidence", out var e) ? e.GetString() : null)}").ToList();

        private static List<string> Sorted(IEnumerable<string> keys) => keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        private (Dictionary<string, object?> Vars, string[] CliLogin) Trust(params SshdHost[] hosts)
        {
            _hosts.AddRange(hosts);
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, hosts.SelectMany(h => h.KnownHostsLines));
            var vars = new Dictionary<string, object?>
            {
                ["hosts"] = hosts.Select(h => h.Host).ToArray(),
                ["port"] = hosts[0].Port,
                ["cred"] = new PSCredential(hosts[0].UserName, InventoryAudit.Secure(hosts[0].Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
                ["kh"] = kh,
                ["psOut"] = Path.Combine(_dir, "ps"),
            };
            var login = new[] { "--host" }.Concat(hosts.Select(h => h.Host)).Concat(new[]
            {
                "--port", hosts[0].Port.ToString(), "--user", hosts[0].UserName, "--password-env", "FW_PASSWORD", "--enable-password-env", "FW_ENABLE", "--known-hosts", kh,
            }).ToArray();
            return (vars, login);
        }

        /// <summary>
        /// Runs the scenario live in both front ends and replays both saved roots (<c>-SaveCapture</c>, <c>--out</c>) in both,
        /// as a user would: the root, not its device folders; returns the live findings of the cmdlet, after asserting that the
        /// other three runs and the four replays give the same. Each device is saved under its identity's folder.
        /// </summary>
        private List<string> LiveAndReplayed(SshdHost[] hosts, string psOptions, string[] cliOptions)
        {
            var (vars, login) = Trust(hosts);
            var env = new Dictionary<string, string> { ["FW_PASSWORD"] = hosts[0].Password, ["FW_ENABLE"] = EnableSecret };
            string logs() => string.Concat(hosts.Select(h => h.Log));

            var ps = _ps.Run("Compare-SpiContext -ComputerName $hosts -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $psOut " + psOptions, vars);
            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors) + "\n" + logs());
            var live = ps.Output.Select(Key).ToList();
            Assert.NotEmpty(live);

            var cliOut = Path.Combine(_dir, "cli");
            var (exit, stdout, stderr) = FrontEndParityTests.Cli(env, new[] { "diagnose", "--format", "json", "--out", cliOut }.Concat(cliOptions).Concat(login).ToArray());
            Assert.True(exit == 0, stderr + logs());
            var cliLive = Keys(stdout);
            Assert.Equal(Sorted(live), Sorted(cliLive));

            foreach (var saved in new[] { (string)vars["psOut"]!, cliOut })
            {
                foreach (var h in hosts)
                {
                    var folder = Path.Combine(saved, FolderName(Identity(h)));
                    Assert.True(File.Exists(Path.Combine(folder, "spitools-capture.manifest")), folder + " was saved with its manifest");
                }
                var replay = _ps.Run("Compare-SpiContext -LiteralPath $root", new Dictionary<string, object?> { ["root"] = saved }).ThrowOnError();
                Assert.Equal(Sorted(live), Sorted(replay.Output.Select(Key)));
                var (rexit, rout, rerr) = FrontEndParityTests.Cli(null, new[] { "diagnose", "--format", "json", saved });
                Assert.True(rexit == 0, rerr);
                // The same front end gives them in the same order, live and replayed.
                Assert.Equal(cliLive, Keys(rout));
            }
            return live;
        }

        /// <summary>A simulated device's identity: its address and, as sshd listens on another port than 22, the port.</summary>
        private static string Identity(SshdHost h) => h.Port == 22 ? h.Host : $"{h.Host}:{h.Port}";

        /// <summary>The folder an identity is saved under, as the documentation gives it (':' and '/' as '_').</summary>
        private static string FolderName(string identity) => identity.Replace(':', '_').Replace('/', '_');

        [Fact]
        public void One_asa_with_a_flow_gives_the_same_findings_live_and_replayed_in_both_front_ends()
        {
            var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var live = LiveAndReplayed(new[] { asa },
                "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389",
                new[] { "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389" });
            // Named by its identity, not by the host name its prompt shows (fw-edge1).
            string id = Identity(asa);
            Assert.Equal(new[] { id + " StaleVpnContext", id + " OneWayTraffic" }, live.Select(k => string.Join(' ', k.Split(' ').Take(2))));
            Assert.Contains(asa.ReadRecording(), l => l.StartsWith("packet-tracer input inside udp", StringComparison.Ordinal));
        }

        /// <summary>What an IOS-XE device's log filter sends (the collection plan's text, word for word).</summary>
        internal const string IosLogCommand = "show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message id|sa_dest|sa_spi|sa_conn";

        [Fact]
        public void The_hub_and_spoke_with_their_logs_give_the_same_findings_live_and_replayed_in_both_front_ends()
        {
            var (hub, spoke) = SshdHost.StartPair(new SshdOptions { Scenario = "iosxe-hub-and-spoke-hub" }, new SshdOptions { Scenario = "iosxe-hub-and-spoke-spoke" });
            var live = LiveAndReplayed(new[] { hub, spoke }, "-IncludeLog", new[] { "--include-log" });
            string asr1 = Identity(hub), spoke3 = Identity(spoke);
            Assert.Equal(new[] { asr1 + " RekeyChurn", asr1 + " OrphanSaPair", asr1 + " ReplayOrAuthErrors", asr1 + " RekeyTimeline", asr1 + " RekeyCollision" },
                live.Select(k => string.Join(' ', k.Split(' ').Take(2))));
            // The Quick Mode collision that left the hub's orphan SA pair, read from both ends' logs as collected live: each
            // end's start is its own debug line, and the pair is the one the hub's SA capture still holds unused.
            var collision = Assert.Single(live, k => k.StartsWith(asr1 + " RekeyCollision ", StringComparison.Ordinal));
            Assert.Contains($"{asr1} started Quick Mode M-ID 1405873911 at 22:22:46 and {spoke3} started M-ID 2970012264 at 22:22:46", collision);
            Assert.Contains("SA 0xCDD2533F from this collision is still installed with its whole volume lifetime left", collision);
            // Only the collection plan's texts were sent, the log filter word for word, once per front end.
            string[] plan =
            {
                "", "enable", "<enable-password>", "show version", "terminal length 0", "terminal width 512",
                "show crypto ipsec sa", "show crypto ipsec profile", "show crypto ipsec security-association lifetime", IosLogCommand,
            };
            foreach (var end in new[] { hub, spoke })
                Assert.Equal(string.Join("\n", plan.Concat(plan)), string.Join("\n", end.ReadRecording()));
            // Both ends' logs were collected, filtered on the device, and saved where the replay read them: the IKE lines of
            // the rekeys kept, the buffer's other messages left on the device.
            foreach (var saved in new[] { "ps", "cli" })
                foreach (var end in new[] { hub, spoke })
                {
                    var log = File.ReadAllText(Path.Combine(_dir, saved, FolderName(Identity(end)), "show-logging.txt"));
                    Assert.Contains(IosLogCommand, log);
                    Assert.Contains("beginning Quick Mode exchange, M-ID of ", log);
                    Assert.Contains("QM Responder gets spi", log);
                    Assert.DoesNotContain("%SYS-5-CONFIG_I", log);
                    Assert.DoesNotContain("Log Buffer", log);
                }
        }

        private static List<string> FindingKeys(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(r => r.TryGetProperty("RecordType", out var t) && t.GetString() == "Finding")
            .Select(f => $"{f.GetProperty("Device").GetString()} {f.GetProperty("Code").GetString()} {(f.TryGetProperty("Peer", out var p) ? p.GetString() : null)} " +
                         $"{f.GetProperty("Severity").GetString()} | {(f.TryGetProperty("Evidence", out var e) ? e.GetString() : null)}").ToList();

        [Fact]
        public void An_audit_of_two_contexts_of_one_asa_and_two_boxes_sharing_a_host_name_gives_the_same_findings_live_and_replayed_in_both_front_ends()
        {
            // Two boxes whose prompts both say fw-edge1 (127.0.0.2 and .3), and a multi-context ASA (127.0.0.1, also fw-edge1)
            // audited as its contexts cust-a and cust-b: four devices, by identity.
            var (a, b) = SshdHost.StartPair(new SshdOptions { Scenario = "asa-stale-spi" }, new SshdOptions { Scenario = "asa-stale-spi" });
            var multi = SshdHost.Start(new SshdOptions { Scenario = "asa-multi-context" });
            var (vars, _) = Trust(a, b, multi);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "ComputerName,Port,Context,CredentialName",
                $"{a.Host},{a.Port},,fw",
                $"{b.Host},{b.Port},,fw",
                $"{multi.Host},{multi.Port},cust-a,fw",
                $"{multi.Host},{multi.Port},cust-b,fw",
            });
            string[] ids = { Identity(a), Identity(b), Identity(multi) + "/cust-a", Identity(multi) + "/cust-b" };
            vars["inventory"] = inventory;
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = a.Password, ["FW_ENABLE"] = EnableSecret };
            string logs() => a.Log + b.Log + multi.Log;

            var ps = _ps.Run("Import-Csv $inventory | Select-Object ComputerName, Port, Context | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $psOut", vars);
            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors) + "\n" + logs());
            var summaries = ps.Output.Where(o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary").ToList();
            Assert.Equal(ids.OrderBy(x => x, StringComparer.Ordinal), summaries.Select(o => (string)o.Properties["Device"].Value).OrderBy(x => x, StringComparer.Ordinal));
            Assert.All(summaries, o => Assert.Equal("fw-edge1", o.Properties["Hostname"].Value));
            var live = Sorted(ps.Output.Where(o => o.TypeNames.Any(t => t.StartsWith("SpiTools.Finding", StringComparison.Ordinal))).Select(Key));
            // Both boxes and the context with the stale SA each have their own findings (cust-b's SAs are healthy).
            foreach (var id in ids.Take(3)) Assert.Contains(live, k => k.StartsWith(id + " StaleVpnContext ", StringComparison.Ordinal));

            var cliOut = Path.Combine(_dir, "cli");
            var (exit, stdout, stderr) = FrontEndParityTests.Cli(env, "audit", "--inventory", inventory, "--user", a.UserName, "--enable-password-env", "FW_ENABLE",
                "--known-hosts", (string)vars["kh"]!, "--format", "json", "--out", cliOut);
            Assert.True(exit == 4, stderr + logs()); // findings
            Assert.Equal(live, Sorted(FindingKeys(stdout)));

            foreach (var saved in new[] { (string)vars["psOut"]!, cliOut })
            {
                // One evidence folder per device: nothing of one context or box overwritten by another's.
                Assert.Equal(ids.Select(FolderName).OrderBy(x => x, StringComparer.Ordinal),
                    Directory.GetDirectories(saved).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal));
                var replay = _ps.Run("Compare-SpiContext -LiteralPath $root", new Dictionary<string, object?> { ["root"] = saved }).ThrowOnError();
                Assert.Equal(live, Sorted(replay.Output.Select(Key)));
                var (rexit, rout, rerr) = FrontEndParityTests.Cli(null, "diagnose", "--format", "json", saved);
                Assert.True(rexit == 0, rerr);
                Assert.Equal(live, Sorted(Keys(rout)));
            }
        }
    }
}
