using System.Text.RegularExpressions;
using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Compare-SpiContext -ComputerName on the two ends of a tunnel, each a simulated ASA behind its own real sshd:
    /// both on one port, at 127.0.0.2 and 127.0.0.3, so that one call with one -Port reaches both. The devices are
    /// named by their prompts and paired as captures are; each device's own findings come first, the both-ends
    /// findings once both are collected.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveTunnelEndsTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private const string BothEnds = "Compare-SpiContext -ComputerName 127.0.0.2, 127.0.0.3 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh";

        /// <summary>What the collection plan without a flow sends to an ASA, after the session setup (show version, exit and pager keys left out).</summary>
        internal static readonly string[] AsaPlan =
        {
            "", "enable", "<enable-password>", "terminal pager 0",
            "show crypto ipsec sa",
            "show asp table vpn-context detail",
            "show running-config crypto ipsec",
            "show vpn-sessiondb detail l2l",
        };

        /// <summary>What -IncludeLog adds to an ASA's plan, last.</summary>
        internal const string AsaLogCommand = "show logging | include 40211[46]|60230[34]|71311[9]|713120|713049";

        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-live-ends").FullName;
        private readonly List<SshdHost> _hosts = new();

        public LiveTunnelEndsTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        /// <summary>fw-edge1's scenario at 127.0.0.2 and its far end's at 127.0.0.3, on one port, trusted in a known_hosts file of their own.</summary>
        private (SshdHost Near, SshdHost Far, Dictionary<string, object?> Vars) Pair(string near, string far, IReadOnlyList<string>? nearFaults = null)
        {
            var (a, b) = SshdHost.StartPair(new SshdOptions { Scenario = near, Faults = nearFaults ?? [] }, new SshdOptions { Scenario = far });
            _hosts.Add(a);
            _hosts.Add(b);
            Assert.Equal(("127.0.0.2", "127.0.0.3", a.Port), (a.Host, b.Host, b.Port));
            var kh = Path.Combine(_dir, near + ".known_hosts");
            File.WriteAllLines(kh, a.KnownHostsLines.Concat(b.KnownHostsLines));
            var vars = new Dictionary<string, object?>
            {
                ["port"] = a.Port,
                ["cred"] = new PSCredential(a.UserName, InventoryAudit.Secure(a.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
                ["kh"] = kh,
                ["dir"] = Path.Combine(_dir, near),
                // Each end by its identity (both answer on one port, so each is its address and the port), and its evidence folder.
                ["edgeId"] = Id(a),
                ["branchId"] = Id(b),
                ["edgeFolder"] = $"{a.Host}_{a.Port}",
                ["branchFolder"] = $"{b.Host}_{b.Port}",
            };
            return (a, b, vars);
        }

        private static string Id(SshdHost host) => $"{host.Host}:{host.Port}";

        /// <summary>The expected texts with the ends named by their identities (fw-edge1 the near end, fw-branch the far end).</summary>
        private static string[] Named(SshdHost edge, SshdHost branch, params string[] texts) =>
            texts.Select(t => t.Replace("fw-edge1", Id(edge), StringComparison.Ordinal).Replace("fw-branch", Id(branch), StringComparison.Ordinal)).ToArray();

        private static string Describe(PSObject f) => $"{f.Properties["Code"].Value} {f.Properties["Device"].Value} {f.Properties["PeerDevice"].Value}".TrimEnd();

        /// <summary>Every line a device received, setup and session commands aside.</summary>
        private static IEnumerable<string> Sent(SshdHost host) =>
            host.ReadRecording().Where(l => l != "show version" && l != "exit" && !l.StartsWith("<pager", StringComparison.Ordinal));

        private static void AssertOnlyThePlanWasSent(SshdHost host)
        {
            Assert.Equal(AsaPlan, Sent(host));
            Assert.DoesNotContain(host.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal) || l.StartsWith("conf", StringComparison.Ordinal));
        }

        [Fact]
        public void The_seed_incident_from_both_ends_live_rests_on_the_SAs_and_the_far_ends_log_added_makes_it_a_desync()
        {
            var (edge, branch, vars) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var r = _ps.Run(BothEnds + " -IncludeHealthy -SaveCapture $dir", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            // Without -IncludeLog the plan reads no log, so fw-branch's invalid-SPI drops are not seen and fw-edge1's stale context is
            // not called a desync; the SA tables agree, and a stale context is no clean tunnel: no both-ends finding.
            Assert.Equal(Named(edge, branch, "StaleVpnContext fw-edge1", "OneWayTraffic fw-edge1", "OneWayTraffic fw-branch"), r.Output.Select(Describe));
            AssertOnlyThePlanWasSent(edge);
            AssertOnlyThePlanWasSent(branch);

            // fw-branch's show logging saved beside what was collected: fw-edge1's stale SPI is the one fw-branch drops.
            File.Copy(PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures/ends/asa-stale/fw-branch/show-logging.txt"),
                Path.Combine((string)vars["dir"]!, (string)vars["branchFolder"]!, "show-logging.txt"));
            var withLog = _ps.Run("Compare-SpiContext -LiteralPath (Join-Path $dir $edgeFolder), (Join-Path $dir $branchFolder)", vars).ThrowOnError();
            var desync = Assert.Single(withLog.Output, f => f.Properties["Code"].Value as string == "SpiDesync");
            Assert.Equal(Named(edge, branch, "SpiDesync fw-edge1 fw-branch")[0], Describe(desync));
            Assert.Equal("0x25A3076D", desync.Properties["Spi"].Value);
        }

        [Fact]
        public void The_seed_incident_from_both_ends_live_with_include_log_is_a_desync_citing_the_far_ends_drops()
        {
            var (edge, branch, vars) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var r = _ps.Run(BothEnds + " -IncludeLog -SaveCapture $dir", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            Assert.DoesNotContain(r.Warnings, w => w.Contains("logging", StringComparison.Ordinal)); // both ends answered it
            var desync = Assert.Single(r.Output, f => f.Properties["Code"].Value as string == "SpiDesync");
            Assert.Equal(Named(edge, branch, "SpiDesync fw-edge1 fw-branch")[0], Describe(desync));
            Assert.Equal("0x25A3076D", desync.Properties["Spi"].Value);
            // The evidence is fw-branch's own drops, cited from the log collected live, as saved.
            Assert.Contains(Named(edge, branch, "fw-branch show-logging.txt:")[0], (string)desync.Properties["SourceLines"].Value);
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(edge));
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(branch));
            Assert.DoesNotContain(edge.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal) || l.StartsWith("conf", StringComparison.Ordinal));

            // Saved under the name the file input reads as a log: the replay gives the same findings and citations.
            var saved = File.ReadAllLines(Path.Combine((string)vars["dir"]!, (string)vars["branchFolder"]!, "show-logging.txt"));
            Assert.Equal("fw-branch# " + AsaLogCommand, saved[0]);
            var replay = _ps.Run("Compare-SpiContext -LiteralPath (Join-Path $dir $edgeFolder), (Join-Path $dir $branchFolder)", vars).ThrowOnError();
            Assert.Equal(Cited(r.Output), Cited(replay.Output));
        }

        [Fact]
        public void Get_SaTimeline_from_live_devices_collects_each_ones_log_and_gives_the_rows_its_saved_log_gives()
        {
            var (edge, branch, vars) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var r = _ps.Run("Get-SaTimeline -ComputerName 127.0.0.2, 127.0.0.3 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            // The log is what the timeline reads: it is collected without being asked for, after the plan, and nothing else is sent.
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(edge));
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(branch));
            // fw-edge1's log holds no SA message; fw-branch's four drops of fw-edge1's stale SPI are its end of the tunnel.
            string Row(PSObject x) => $"{x.Properties["EndA"].Value} {((DateTime)x.Properties["Time"].Value).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} {x.Properties["EventA"].Value} {x.Properties["SpiA"].Value}";
            var live = r.Output.Select(Row).ToList();
            Assert.Equal(4, live.Count);
            Assert.All(live, row => Assert.Matches("^" + Regex.Escape(Id(branch)) + @" \S+ InvalidSpi 0x25A3076D$", row));
            var offline = _ps.Run("Get-SaTimeline -LiteralPath $log",
                new Dictionary<string, object?> { ["log"] = PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures/ends/asa-stale/fw-branch/show-logging.txt") }).ThrowOnError();
            // The same rows as the saved log's, the end named by its identity live and by the log's host name offline.
            Assert.Equal(offline.Output.Select(Row).Select(x => x.Replace("fw-branch ", Id(branch) + " ", StringComparison.Ordinal)), live);
        }

        [Fact]
        public void A_device_refusing_the_log_gives_a_warning_and_the_desync_from_the_other_ends_log()
        {
            var (edge, branch, vars) = Pair("asa-stale-spi", "asa-stale-spi-far-end", nearFaults: ["missing=show logging"]);
            var r = _ps.Run(BothEnds + " -IncludeLog", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            var warning = Assert.Single(r.Warnings, w => w.Contains("logging", StringComparison.Ordinal));
            Assert.Contains(Named(edge, branch, "fw-edge1: '")[0] + AsaLogCommand + "' is not available here", warning);
            Assert.Equal(Named(edge, branch, "StaleVpnContext fw-edge1", "SpiDesync fw-edge1 fw-branch"),
                r.Output.Select(Describe).Where(d => d.StartsWith("StaleVpnContext", StringComparison.Ordinal) || d.StartsWith("SpiDesync", StringComparison.Ordinal)));
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(edge));
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(branch));
        }

        [Fact]
        public void Get_sa_event_from_a_live_device_reads_its_log_without_a_switch()
        {
            var (edge, branch, vars) = Pair("asa-stale-spi", "asa-stale-spi-far-end");
            var r = _ps.Run("Get-SaEvent -ComputerName 127.0.0.3 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + branch.Log);
            Assert.DoesNotContain(r.Warnings, w => w.Contains("logging", StringComparison.Ordinal));
            Assert.Equal(4, r.Output.Count);
            Assert.All(r.Output, e => Assert.Equal((Id(branch), "0x25A3076D"), ((string)e.Properties["Device"].Value, (string)e.Properties["Spi"].Value)));
            Assert.Equal(AsaPlan.Append(AsaLogCommand), Sent(branch));
            Assert.Empty(edge.ReadRecording());
        }

        [Fact]
        public void Both_ends_out_of_step_live_are_two_desyncs_after_each_devices_own_findings()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-desync-far-end");
            var r = _ps.Run(BothEnds + " -SaveCapture $dir", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            // fw-edge1 has none of its own, fw-branch its one-way SA; then, both collected, the desync of each end.
            Assert.Equal(Named(edge, branch, "OneWayTraffic fw-branch", "SpiDesync fw-edge1 fw-branch", "SpiDesync fw-branch fw-edge1"), r.Output.Select(Describe));
            Assert.Equal("0xA19EC57E", r.Output[1].Properties["Spi"].Value);
            AssertOnlyThePlanWasSent(edge);
            AssertOnlyThePlanWasSent(branch);

            // What was collected, read back from the saved captures, gives the same findings, down to the evidence and
            // the file:line citations: live records cite each output by the file it is saved under, lines counted from its echo.
            var replay = _ps.Run("Compare-SpiContext -LiteralPath (Join-Path $dir $edgeFolder), (Join-Path $dir $branchFolder)", vars).ThrowOnError();
            Assert.Equal(Verdicts(replay.Output), Verdicts(r.Output));
            Assert.Equal(Cited(replay.Output), Cited(r.Output));
            Assert.Contains(Named(edge, branch, "fw-edge1 show-crypto-ipsec-sa.txt:")[0], (string)r.Output[1].Properties["SourceLines"].Value);
        }

        private static List<string> Cited(IEnumerable<PSObject> findings) => findings
            .Select(f => $"{Describe(f)} | {f.Properties["Evidence"].Value} | {f.Properties["SourceLines"].Value}")
            .OrderBy(v => v, StringComparer.Ordinal).ToList();

        private static List<string> Verdicts(IEnumerable<PSObject> findings) => findings
            .Select(f => $"{Describe(f)} {f.Properties["Spi"].Value} {f.Properties["Severity"].Value} | {f.Properties["Remediation"].Value}")
            .OrderBy(v => v, StringComparer.Ordinal).ToList();

        [Fact]
        public void Compare_spi_context_and_spitools_diagnose_agree_on_two_live_ends()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-desync-far-end");
            var r = _ps.Run(BothEnds + " -IncludeHealthy", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            var (exit, stdout, stderr) = FrontEndParityTests.Cli(new Dictionary<string, string> { ["FW_PASSWORD"] = edge.Password, ["FW_ENABLE"] = EnableSecret },
                "diagnose", "--format", "json", "--include-healthy", "--host", edge.Host, branch.Host, "--port", edge.Port.ToString(), "--user", edge.UserName,
                "--password-env", "FW_PASSWORD", "--enable-password-env", "FW_ENABLE", "--known-hosts", (string)vars["kh"]!);
            Assert.True(exit == 0, stderr);
            var fromCli = System.Text.Json.JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(f =>
                $"{f.GetProperty("Code").GetString()} {f.GetProperty("Device").GetString()} {(f.TryGetProperty("PeerDevice", out var p) ? p.GetString() : null)}".TrimEnd()
                + $" {(f.TryGetProperty("Spi", out var spi) ? spi.GetString() : null)} {f.GetProperty("Severity").GetString()} | {(f.TryGetProperty("Remediation", out var rem) ? rem.GetString() : null)}")
                .OrderBy(v => v, StringComparer.Ordinal).ToList();
            Assert.Contains(fromCli, v => v.StartsWith(Named(edge, branch, "SpiDesync fw-edge1 fw-branch ")[0], StringComparison.Ordinal));
            Assert.Equal(Verdicts(r.Output), fromCli);
            // Each front end sent the plan once to each device.
            Assert.Equal(AsaPlan.Concat(AsaPlan), Sent(edge));
            Assert.Equal(AsaPlan.Concat(AsaPlan), Sent(branch));
        }

        [Fact]
        public void A_clean_pair_live_gives_nothing_and_with_include_healthy_the_ends_agree()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-clean-far-end");
            var quiet = _ps.Run(BothEnds, vars);
            Assert.True(quiet.Errors.Count == 0, string.Join("\n", quiet.Errors) + "\n" + edge.Log + branch.Log);
            Assert.Empty(quiet.Output);
            var r = _ps.Run(BothEnds + " -IncludeHealthy", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
            var agree = Assert.Single(r.Output);
            Assert.Equal(Named(edge, branch, "EndsAgree fw-edge1 fw-branch")[0], Describe(agree));
            Assert.Equal("0xA19EC57E", agree.Properties["Spi"].Value);
            Assert.Equal(AsaPlan.Concat(AsaPlan), Sent(edge));
            Assert.Equal(AsaPlan.Concat(AsaPlan), Sent(branch));
        }

        private const string AuditBothEnds = "Invoke-SpiAudit -ComputerName 127.0.0.2, 127.0.0.3 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -ThrottleLimit 2 -TimeoutSeconds 60";

        private static string Row(PSObject o) => o.TypeNames[0] == "SpiTools.DeviceAuditSummary"
            ? $"S {o.Properties["Device"].Value} {o.Properties["Status"].Value} {o.Properties["CriticalCount"].Value}/{o.Properties["WarningCount"].Value}/{o.Properties["InfoCount"].Value}"
            : "F " + Describe(o);

        [Fact]
        public void Invoke_SpiAudit_of_two_desynced_ends_reports_the_desync_on_each_counts_it_and_the_report_shows_it()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-desync-far-end");
            var html = Path.Combine(_dir, "audit.html");
            vars["html"] = html;
            var r = _ps.Run("$all = " + AuditBothEnds + " -SaveCapture $dir; $all; $all | Export-SpiReport -Path $html -Title 'Both ends'", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + edge.Log + branch.Log);
            var rows = r.Output.Select(Row).ToList();
            // fw-branch's own one-way SA as it finished; both collected, the desync of each end; then one summary per
            // device: fw-edge1 has no finding of its own and the desync reported on it makes it Findings.
            Assert.Equal(Named(edge, branch, "F OneWayTraffic fw-branch", "F SpiDesync fw-edge1 fw-branch", "F SpiDesync fw-branch fw-edge1"), rows.Take(3));
            Assert.Equal(Named(edge, branch, "S fw-branch Findings 1/1/0", "S fw-edge1 Findings 1/0/0").OrderBy(x => x, StringComparer.Ordinal), rows.Skip(3).OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal("0xA19EC57E", r.Output[1].Properties["Spi"].Value);
            AssertOnlyThePlanWasSent(edge);
            AssertOnlyThePlanWasSent(branch);
            var page = File.ReadAllText(html);
            Assert.Matches("<span class=\"code\">SpiDesync</span> <span class=\"about\">[^<]*other end <a href=\"#[^\"]+\">" + Regex.Escape(Id(branch)) + "</a>", page);
            Assert.Matches("<span class=\"code\">SpiDesync</span> <span class=\"about\">[^<]*other end <a href=\"#[^\"]+\">" + Regex.Escape(Id(edge)) + "</a>", page);
        }

        [Fact]
        public void Invoke_SpiAudit_run_over_run_marks_the_both_ends_findings_as_it_marks_each_devices_own_and_counts_them()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-desync-far-end");
            var first = _ps.Run(AuditBothEnds + " -SaveCapture $dir", vars);
            Assert.True(first.Errors.Count == 0, string.Join("\n", first.Errors) + "\n" + edge.Log + branch.Log);
            // Nothing to compare with yet: no change on any finding.
            Assert.All(first.Output.Where(o => o.Properties["Code"] != null), f => Assert.Null(f.Properties["Change"].Value));

            var second = _ps.Run("Start-Sleep -Seconds 1; " + AuditBothEnds + " -SaveCapture $dir", vars);
            Assert.True(second.Errors.Count == 0, string.Join("\n", second.Errors) + "\n" + edge.Log + branch.Log);
            // The desync of each end was there the run before: Persisting, as the devices' own findings are marked.
            var desyncs = second.Output.Where(o => o.Properties["Code"]?.Value as string == "SpiDesync").ToList();
            Assert.Equal(Named(edge, branch, "SpiDesync fw-edge1 fw-branch Persisting", "SpiDesync fw-branch fw-edge1 Persisting"),
                desyncs.Select(f => Describe(f) + " " + f.Properties["Change"].Value));
            Assert.All(second.Output.Where(o => o.Properties["Code"] != null), f => Assert.NotNull(f.Properties["Change"].Value));
            // fw-edge1's only finding is the desync reported on it: its summary counts it as persisting, compared with its previous run.
            var summary = second.Output.Single(o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary" && (string)o.Properties["Device"].Value == Id(edge));
            Assert.NotNull(summary.Properties["ComparedWith"].Value);
            Assert.Equal((0, 1, 0), ((int)summary.Properties["NewCount"].Value, (int)summary.Properties["PersistingCount"].Value, (int)summary.Properties["ResolvedCount"].Value));
            Assert.Equal("Findings", summary.Properties["Status"].Value?.ToString());
        }

        [Fact]
        public void Invoke_SpiAudit_partitions_that_split_the_two_ends_diagnose_each_end_alone_without_error()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-desync-far-end");
            // A partition count that puts the two ends in different parts (the names hashed are host:port).
            var split = _ps.Run("foreach ($n in 2..64) { foreach ($k in 1..$n) { " +
                "if ([SpiTools.Services.AuditPartition]::Includes(\"127.0.0.2:$port\", \"$k/$n\") -and -not [SpiTools.Services.AuditPartition]::Includes(\"127.0.0.3:$port\", \"$k/$n\")) { " +
                "foreach ($j in 1..$n) { if ([SpiTools.Services.AuditPartition]::Includes(\"127.0.0.3:$port\", \"$j/$n\")) { return \"$k/$n\", \"$j/$n\" } } } } }", vars).ThrowOnError().Strings();
            Assert.Equal(2, split.Count);
            vars["edgePart"] = split[0];
            vars["branchPart"] = split[1];
            var alone = _ps.Run(AuditBothEnds + " -Partition $edgePart", vars);
            Assert.True(alone.Errors.Count == 0, string.Join("\n", alone.Errors) + "\n" + edge.Log + branch.Log);
            Assert.Equal(Named(edge, branch, "S fw-edge1 Healthy 0/0/0"), alone.Output.Select(Row));
            var other = _ps.Run(AuditBothEnds + " -Partition $branchPart", vars);
            Assert.True(other.Errors.Count == 0, string.Join("\n", other.Errors));
            Assert.Equal(Named(edge, branch, "F OneWayTraffic fw-branch", "S fw-branch Findings 0/1/0"), other.Output.Select(Row));
            // The whole inventory in one part pairs them again.
            var whole = _ps.Run(AuditBothEnds + " -Partition 1/1", vars);
            Assert.True(whole.Errors.Count == 0, string.Join("\n", whole.Errors));
            Assert.Equal(2, whole.Output.Count(o => o.Properties["Code"]?.Value as string == "SpiDesync"));
        }

        [Fact]
        public void Invoke_SpiAudit_of_a_clean_pair_finds_nothing_include_healthy_agrees_and_a_malformed_peer_of_is_refused()
        {
            var (edge, branch, vars) = Pair("asa-clean", "asa-clean-far-end");
            var quiet = _ps.Run(AuditBothEnds, vars);
            Assert.True(quiet.Errors.Count == 0, string.Join("\n", quiet.Errors) + "\n" + edge.Log + branch.Log);
            Assert.Equal(Named(edge, branch, "S fw-branch Healthy 0/0/0", "S fw-edge1 Healthy 0/0/0").OrderBy(x => x, StringComparer.Ordinal), quiet.Output.Select(Row).OrderBy(x => x, StringComparer.Ordinal));

            var healthy = _ps.Run(AuditBothEnds + " -IncludeHealthy -PeerOf @{ $edgeId = $branchId }", vars);
            Assert.True(healthy.Errors.Count == 0, string.Join("\n", healthy.Errors));
            Assert.Equal(Named(edge, branch, "F EndsAgree fw-edge1 fw-branch", "S fw-branch Healthy 0/0/0", "S fw-edge1 Healthy 0/0/0").OrderBy(x => x, StringComparer.Ordinal),
                healthy.Output.Select(Row).OrderBy(x => x, StringComparer.Ordinal));

            int sent = edge.ReadRecording().Count;
            var bad = _ps.Run(AuditBothEnds + " -PeerOf @{ 'fw-edge1' = '' }", vars);
            Assert.Equal("PeerOfInvalid,SpiTools.Commands.InvokeSpiAuditCommand", Assert.Single(bad.Errors).FullyQualifiedErrorId);
            Assert.Empty(bad.Output);
            Assert.Equal(sent, edge.ReadRecording().Count);
        }
    }
}
