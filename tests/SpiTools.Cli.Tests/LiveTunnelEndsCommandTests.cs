using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// spitools diagnose --host on the two ends of a tunnel, each a simulated ASA behind its own real sshd, both on
    /// one port at 127.0.0.2 and 127.0.0.3: the devices are named by their prompts and paired as captures are.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveTunnelEndsCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-cli-live-ends").FullName;
        private readonly List<SshdHost> _hosts = new();

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        /// <summary>Starts the pair and returns the diagnose arguments that reach both with one --port.</summary>
        private (SshdHost Near, SshdHost Far, string[] Args) Pair(string near, string far, IReadOnlyList<string>? nearFaults = null)
        {
            var (a, b) = SshdHost.StartPair(new SshdOptions { Scenario = near, Faults = nearFaults ?? Array.Empty<string>() }, new SshdOptions { Scenario = far });
            _hosts.Add(a);
            _hosts.Add(b);
            var kh = Path.Combine(_dir, near + ".known_hosts");
            File.WriteAllLines(kh, a.KnownHostsLines.Concat(b.KnownHostsLines));
            return (a, b, new[]
            {
                "diagnose", "--format", "json", "--host", a.Host, b.Host, "--port", a.Port.ToString(), "--user", a.UserName,
                "--password-env", "FW_PASSWORD", "--enable-password-env", "FW_ENABLE", "--known-hosts", kh,
            });
        }

        private static List<string> Findings(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(f => $"{f.GetProperty("Code").GetString()} {f.GetProperty("Device").GetString()} {(f.TryGetProperty("PeerDevice", out var p) ? p.GetString() : null)}".TrimEnd())
            .ToList();

        /// <summary>A device's identity: the two ends share one port, so each is its address and the port (both prompts are their own).</summary>
        private static string Id(SshdHost host) => $"{host.Host}:{host.Port}";

        /// <summary>The expected texts with the ends named by their identities (fw-edge1 the near end, fw-branch the far end).</summary>
        private static string[] Named(SshdHost edge, SshdHost branch, params string[] texts) =>
            texts.Select(t => t.Replace("fw-edge1", Id(edge), StringComparison.Ordinal).Replace("fw-branch", Id(branch), StringComparison.Ordinal)).ToArray();

        /// <summary>Where --out saves a device: its identity as a folder name.</summary>
        private static string Folder(string outDir, SshdHost host) => Path.Combine(outDir, $"{host.Host}_{host.Port}");

        private static (int Exit, string Out, string Err) Run(SshdHost host, params string[] args) =>
            SpitoolsProcess.RunWithEnvironment("", new Dictionary<string, string> { ["FW_PASSWORD"] = host.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret }, args);

        [Fact]
        public void Diagnose_two_hosts_on_one_port_pairs_them_and_names_each_end()
        {
            var (edge, branch, args) = Pair("asa-clean", "asa-desync-far-end");
            var (exit, stdout, stderr) = Run(edge, args);
            Assert.True(exit == 0, stderr + edge.Log + branch.Log);
            // Each device's findings, then what comparing it with the other end adds.
            Assert.Equal(Named(edge, branch, "SpiDesync fw-edge1 fw-branch", "OneWayTraffic fw-branch", "SpiDesync fw-branch fw-edge1"), Findings(stdout));
            foreach (var host in new[] { edge, branch })
            {
                var sent = host.ReadRecording().Where(l => l != "show version" && l != "exit" && !l.StartsWith("<pager", StringComparison.Ordinal));
                Assert.Equal(new[]
                {
                    "", "enable", "<enable-password>", "terminal pager 0", "show crypto ipsec sa", "show asp table vpn-context detail",
                    "show running-config crypto ipsec", "show vpn-sessiondb detail l2l",
                }, sent);
            }
            Assert.DoesNotContain(edge.Password, stdout + stderr);
        }

        private const string AsaLog = "show logging | include 40211[46]|60230[34]|71311[9]|713120|713049";

        private static readonly string[] AsaPlan =
        {
            "", "enable", "<enable-password>", "terminal pager 0", "show crypto ipsec sa", "show asp table vpn-context detail",
            "show running-config crypto ipsec", "show vpn-sessiondb detail l2l",
        };

        private static IEnumerable<string> Sent(SshdHost host) =>
            host.ReadRecording().Where(l => l != "show version" && l != "exit" && !l.StartsWith("<pager", StringComparison.Ordinal));

        [Fact]
        public void Diagnose_the_seed_pair_with_include_log_is_a_desync_from_the_far_ends_drops_and_without_it_sends_no_log_command()
        {
            var (edge, branch, args) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var (exit, plain, stderr) = Run(edge, args);
            Assert.True(exit == 0, stderr + edge.Log + branch.Log);
            Assert.DoesNotContain(Findings(plain), f => f.StartsWith("SpiDesync", StringComparison.Ordinal));
            Assert.Equal(AsaPlan, Sent(edge));
            Assert.Equal(AsaPlan, Sent(branch));

            var outDir = Path.Combine(_dir, "out");
            var (exit2, withLog, stderr2) = Run(edge, args.Concat(new[] { "--include-log", "--out", outDir }).ToArray());
            Assert.True(exit2 == 0, stderr2 + edge.Log + branch.Log);
            Assert.DoesNotContain("logging", stderr2); // both ends answered it
            Assert.Contains(Named(edge, branch, "SpiDesync fw-edge1 fw-branch")[0], Findings(withLog));
            var desync = JsonDocument.Parse(withLog).RootElement.EnumerateArray().Single(f => f.GetProperty("Code").GetString() == "SpiDesync");
            Assert.Equal("0x25A3076D", desync.GetProperty("Spi").GetString());
            Assert.Contains(Named(edge, branch, "fw-branch show-logging.txt:")[0], desync.GetProperty("SourceLines").GetString());
            Assert.Equal(AsaPlan.Concat(AsaPlan).Append(AsaLog), Sent(edge));
            Assert.Equal(AsaPlan.Concat(AsaPlan).Append(AsaLog), Sent(branch));
            Assert.Equal("fw-branch# " + AsaLog, File.ReadLines(Path.Combine(Folder(outDir, branch), "show-logging.txt")).First());

            // The saved outputs replay to the same findings.
            var (exit3, replay, stderr3) = SpitoolsProcess.RunWithEnvironment("", new Dictionary<string, string>(),
                "diagnose", "--format", "json", Folder(outDir, edge), Folder(outDir, branch));
            Assert.True(exit3 == 0, stderr3);
            Assert.Equal(Findings(withLog).OrderBy(f => f, StringComparer.Ordinal), Findings(replay).OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void Timeline_from_live_devices_collects_each_ones_log_and_gives_the_rows_of_the_saved_log()
        {
            var (edge, branch, args) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var timeline = new[] { "timeline" }.Concat(args.Skip(1)).ToArray();
            var (exit, stdout, stderr) = Run(edge, timeline);
            Assert.True(exit == 0, stderr);
            Assert.Equal(AsaPlan.Append(AsaLog), Sent(edge));
            Assert.Equal(AsaPlan.Append(AsaLog), Sent(branch));
            static List<string> Rows(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
                .Select(r => $"{r.GetProperty("EndA").GetString()} {r.GetProperty("Time").GetString()} {r.GetProperty("EventA").GetString()} {r.GetProperty("SpiA").GetString()}").ToList();
            var live = Rows(stdout);
            Assert.Equal(4, live.Count);
            Assert.All(live, row => Assert.Matches("^" + Regex.Escape(Id(branch)) + @" \S+ InvalidSpi 0x25A3076D$", row));
            var log = Path.Combine(NativeBuild.RepoRoot, "tests", "SpiTools.Core.Tests", "Fixtures", "ends", "asa-stale", "fw-branch", "show-logging.txt");
            var offline = SpitoolsProcess.Run("timeline", "--format", "json", log);
            Assert.True(offline.Exit == 0, offline.Err);
            // The same rows as the saved log's, each end named by the identity live and by the log's host name offline.
            Assert.Equal(Rows(offline.Out).Select(r => r.Replace("fw-branch ", Id(branch) + " ", StringComparison.Ordinal)), live);

            // Neither paths nor --host: refused, and nothing is collected.
            var none = SpitoolsProcess.Run("timeline");
            Assert.Equal(3, none.Exit);
            Assert.Contains("timeline needs log files or folders, or --host", none.Err);
        }

        [Fact]
        public void Collect_with_include_log_from_a_device_refusing_it_warns_and_saves_the_rest_and_the_other_ends_log()
        {
            var (edge, branch, args) = Pair("asa-stale-spi", "asa-stale-spi-far-end", nearFaults: new[] { "missing=show logging" });
            var outDir = Path.Combine(_dir, "collected");
            var collect = new[] { "collect" }.Concat(args.Skip(3)).Concat(new[] { "--include-log", "--out", outDir }).ToArray();
            var (exit, stdout, stderr) = Run(edge, collect);
            Assert.True(exit == 0, stderr + edge.Log + branch.Log);
            Assert.Single(stderr.Split('\n'), l => l.Contains("logging", StringComparison.Ordinal) && l.Contains(Id(edge) + ": '" + AsaLog + "' is not available here", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(Folder(outDir, edge), "show-logging.txt")));
            Assert.True(File.Exists(Path.Combine(Folder(outDir, edge), "show-crypto-ipsec-sa.txt")));
            Assert.Equal("fw-branch# " + AsaLog, File.ReadLines(Path.Combine(Folder(outDir, branch), "show-logging.txt")).First());
            Assert.Equal(AsaPlan.Append(AsaLog), Sent(edge));
            Assert.Equal(AsaPlan.Append(AsaLog), Sent(branch));
            // What was collected still makes the desync, from fw-branch's drops.
            var (exit2, replay, stderr2) = SpitoolsProcess.RunWithEnvironment("", new Dictionary<string, string>(),
                "diagnose", "--format", "json", Folder(outDir, edge), Folder(outDir, branch));
            Assert.True(exit2 == 0, stderr2);
            Assert.Contains(Named(edge, branch, "SpiDesync fw-edge1 fw-branch")[0], Findings(replay));
        }

        [Fact]
        public void Diagnose_a_clean_pair_says_nothing_and_with_include_healthy_the_ends_agree()
        {
            var (edge, branch, args) = Pair("asa-clean", "asa-clean-far-end");
            var (exit, stdout, stderr) = Run(edge, args);
            Assert.True(exit == 0, stderr + edge.Log + branch.Log);
            Assert.Empty(Findings(stdout));
            var (exit2, healthy, stderr2) = Run(edge, args.Append("--include-healthy").ToArray());
            Assert.True(exit2 == 0, stderr2);
            Assert.Equal(Named(edge, branch, "EndsAgree fw-edge1 fw-branch"), Findings(healthy));
        }

        private static string[] Audit(string[] diagnoseArgs, params string[] more) =>
            new[] { "audit" }.Concat(diagnoseArgs.Skip(1)).Concat(new[] { "--throttle", "2", "--device-timeout", "60" }).Concat(more).ToArray();

        /// <summary>The findings and summaries of the JSON (an audit's JSON also carries each device's IpsecSa records, for the report).</summary>
        private static List<JsonElement> Records(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("RecordType").GetString() != "IpsecSa").ToList();

        private static string Describe(JsonElement r) => r.GetProperty("RecordType").GetString() == "DeviceAuditSummary"
            ? $"S {r.GetProperty("Device").GetString()} {r.GetProperty("Status").GetString()} {r.GetProperty("CriticalCount").GetInt32()}/{r.GetProperty("WarningCount").GetInt32()}/{r.GetProperty("InfoCount").GetInt32()}"
            : $"F {r.GetProperty("Code").GetString()} {r.GetProperty("Device").GetString()} {(r.TryGetProperty("PeerDevice", out var p) ? p.GetString() : null)}".TrimEnd();

        [Fact]
        public void Audit_of_two_desynced_ends_reports_the_desync_on_each_counts_it_in_the_summary_and_exit_code_and_the_report_shows_it()
        {
            var (edge, branch, args) = Pair("asa-clean", "asa-desync-far-end");
            var (exit, stdout, stderr) = Run(edge, Audit(args));
            var records = Records(stdout);
            var order = records.Select(Describe).ToList();
            // fw-branch's own one-way SA as it finished; both collected, the desync of each end; then the summaries:
            // fw-edge1 has no finding of its own, the desync reported on it makes it Findings.
            Assert.Equal(Named(edge, branch, "F OneWayTraffic fw-branch", "F SpiDesync fw-edge1 fw-branch", "F SpiDesync fw-branch fw-edge1"), order.Take(3));
            Assert.Equal(Named(edge, branch, "S fw-branch Findings 1/1/0", "S fw-edge1 Findings 1/0/0").OrderBy(o => o, StringComparer.Ordinal), order.Skip(3).OrderBy(o => o, StringComparer.Ordinal));
            Assert.True(exit == 4, stderr + edge.Log + branch.Log);

            // The report of the audit shows the desync in fw-edge1's section, naming the other end.
            var json = Path.Combine(_dir, "audit.json");
            var html = Path.Combine(_dir, "audit.html");
            File.WriteAllText(json, stdout);
            var report = SpitoolsProcess.Run("report", "--out", html, json);
            Assert.True(report.Exit == 0, report.Err);
            var page = File.ReadAllText(html);
            Assert.Matches("<span class=\"code\">SpiDesync</span> <span class=\"about\">[^<]*other end <a href=\"#[^\"]+\">" + Regex.Escape(Id(branch)) + "</a>", page);
            Assert.Matches("<span class=\"code\">SpiDesync</span> <span class=\"about\">[^<]*other end <a href=\"#[^\"]+\">" + Regex.Escape(Id(edge)) + "</a>", page);
        }

        [Fact]
        public void Audit_of_a_clean_pair_finds_nothing_and_include_healthy_agrees_without_changing_the_exit_code()
        {
            var (edge, branch, args) = Pair("asa-clean", "asa-clean-far-end");
            var (exit, stdout, stderr) = Run(edge, Audit(args));
            Assert.True(exit == 0, stderr + edge.Log + branch.Log);
            Assert.Equal(Named(edge, branch, "S fw-branch Healthy 0/0/0", "S fw-edge1 Healthy 0/0/0").OrderBy(o => o, StringComparer.Ordinal), Records(stdout).Select(Describe).OrderBy(o => o, StringComparer.Ordinal));

            var healthy = Run(edge, Audit(args, "--include-healthy"));
            Assert.True(healthy.Exit == 0, healthy.Err);
            Assert.Equal(Named(edge, branch, "F EndsAgree fw-edge1 fw-branch", "S fw-branch Healthy 0/0/0", "S fw-edge1 Healthy 0/0/0").OrderBy(o => o, StringComparer.Ordinal),
                Records(healthy.Out).Select(Describe).OrderBy(o => o, StringComparer.Ordinal));

            // A malformed --peer-of is refused before any device is contacted; a good one is taken.
            int before = edge.ReadRecording().Count();
            var bad = Run(edge, Audit(args, "--peer-of", "fw-edge1"));
            Assert.Equal(3, bad.Exit);
            Assert.Contains("PeerOfInvalid", bad.Err);
            Assert.Equal(before, edge.ReadRecording().Count());
            var byHand = Run(edge, Audit(args, "--include-healthy", "--peer-of", Named(edge, branch, "fw-edge1=fw-branch")[0]));
            Assert.True(byHand.Exit == 0, byHand.Err);
            Assert.Contains(Named(edge, branch, "F EndsAgree fw-edge1 fw-branch")[0], Records(byHand.Out).Select(Describe));
        }
    }
}
