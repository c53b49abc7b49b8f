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
    /// with diagnose as the live run found it; a device refused or never logged in to is a Failed row named as the
    /// inventory names it. The inventory audits share one set-up (<see cref="InventoryAudit"/>).
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
            using var audit = InventoryAudit.Start(_dir, "asa-multi-context").Rows(
                "Name,ComputerName,Port,Context,User,CredentialName",
                ",127.0.0.1,{port},cust-a,{user},fw",
                "edge-b,127.0.0.1,{port},cust-b,{user},fw");
            var root = Path.Combine(_dir, "audit");
            var (exit, stdout, stderr) = audit.Run("--format", "json", "--out", root);
            Assert.True(exit == 4, stderr + audit.Device.Log); // findings
            var records = Records(stdout);
            var summaries = records.Where(r => Text(r, "RecordType") == "DeviceAuditSummary").OrderBy(r => Text(r, "Device"), StringComparer.Ordinal).ToList();
            string cust = $"127.0.0.1:{audit.Device.Port}/cust-a";
            Assert.Equal(new[] { cust, "edge-b" }, summaries.Select(s => Text(s, "Device")));
            Assert.All(summaries, s => Assert.Equal("fw-edge1", Text(s, "Hostname")));
            Assert.Equal(new[] { $"127.0.0.1_{audit.Device.Port}_cust-a", "edge-b" }, Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Contains(records, r => Text(r, "RecordType") == "Finding" && Text(r, "Device") == cust && Text(r, "Code") == "StaleVpnContext");

            var (replayExit, replay, replayErr) = SpitoolsProcess.Run("diagnose", "--format", "json", root);
            Assert.True(replayExit == 0, replayErr);
            Assert.Equal(FindingKeys(records), FindingKeys(Records(replay)));
        }

        [Fact]
        public void An_audit_carries_the_inventorys_own_columns_to_json_properties_and_csv_columns_and_names_a_failed_device_by_its_name()
        {
            using var audit = InventoryAudit.Start(_dir).Rows(
                "Site,Name,ComputerName,Port,User,CredentialName,Owner,Status",
                "Lab 3,edge-lab,127.0.0.1,{port},{user},fw,\"netops, night shift\",in service",
                "Branch 9,branch-9,127.0.0.1,1,{user},fw,,retired");

            var (exit, stdout, stderr) = audit.Run("--format", "json");
            Assert.True(exit == 6, stderr + audit.Device.Log); // findings on edge-lab, branch-9 refused
            var summaries = Summaries(stdout);
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
            var (exitCsv, _, stderrCsv) = audit.Run("--format", "csv", "--out", csvDir);
            Assert.True(exitCsv == 6, stderrCsv);
            var lines = File.ReadAllLines(Path.Combine(csvDir, "DeviceAuditSummary.csv"));
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("RecordType,Device,", lines[0], StringComparison.Ordinal);
            Assert.EndsWith(",Source,Line,LastLine,Site,Owner", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,edge-lab,fw-edge1,", StringComparison.Ordinal) && l.EndsWith(",Lab 3,\"netops, night shift\"", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,branch-9,,", StringComparison.Ordinal) && l.Contains(",Failed,", StringComparison.Ordinal) && l.EndsWith(",Branch 9,", StringComparison.Ordinal));

            // CSV of the summaries to standard output: the same columns.
            var (exitOne, one, stderrOne) = audit.Run("--format", "csv", "--record-type", "DeviceAuditSummary");
            Assert.True(exitOne == 6, stderrOne);
            var oneLines = one.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(lines[0], oneLines[0]);
            Assert.Contains(oneLines, l => l.StartsWith("DeviceAuditSummary,branch-9,", StringComparison.Ordinal) && l.EndsWith(",Branch 9,", StringComparison.Ordinal));
        }

        [Fact]
        public void A_device_on_a_refused_port_is_named_by_its_inventory_name_with_its_address_on_stderr_in_the_summary_both_csv_files_and_the_report()
        {
            using var audit = InventoryAudit.Start(_dir).Rows(
                "Name,ComputerName,Port,User,CredentialName,Site",
                "edge-lab,127.0.0.1,{port},{user},fw,Lab 3",
                "branch-9,127.0.0.1,1,{user},fw,Branch 9");
            const string Named = "branch-9 (127.0.0.1:1): connection refused (is SSH enabled for this address and interface?).";

            var (exit, stdout, stderr) = audit.Run("--format", "json");
            Assert.True(exit == 6, stderr + audit.Device.Log); // findings on edge-lab, branch-9 refused
            // Standard error: one line for the failed device, named as the inventory names it, with the address to act on.
            Assert.Equal($"spitools: {Named} [ConnectionRefused]", Assert.Single(ErrorLines(stderr)));
            Assert.DoesNotContain("127.0.0.1:1:", stderr);
            var summaries = Summaries(stdout);
            Assert.Equal(new[] { "branch-9", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var branch = summaries["branch-9"];
            Assert.Equal(("Failed", "ConnectionRefused", Named, "127.0.0.1", "Branch 9"),
                (Text(branch, "Status"), Text(branch, "ErrorId"), Text(branch, "ErrorMessage"), Text(branch, "Source"), Text(branch, "Site")));
            // The healthy device of the same run is reported as ever.
            HealthyLabDevice(stdout);

            // The report built from that JSON: the failed device's section and its failure, and the healthy device's findings.
            var page = audit.Report(stdout);
            Assert.Contains("<span class=\"name\">branch-9</span>", page);
            Assert.Contains("<span class=\"errid\">ConnectionRefused</span></p><p>branch-9 (127.0.0.1:1): connection refused", page);
            Assert.DoesNotContain("127.0.0.1:1:", page);
            Assert.Contains("<span class=\"name\">edge-lab</span>", page);

            // Both CSV files: the failed device's summary row carries the named message; the findings are the healthy device's.
            var csvDir = Path.Combine(_dir, "audit-csv");
            var (exitCsv, _, stderrCsv) = audit.Run("--format", "csv", "--out", csvDir);
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

        [Fact]
        public void A_device_that_cannot_be_logged_in_to_is_a_Failed_row_named_by_its_inventory_name_as_in_Invoke_SpiAudit()
        {
            // No --password-env: edge-lab's password is in its CredentialName's variable; branch-7 names none, branch-8 one that is not set.
            using var audit = InventoryAudit.Start(_dir).Rows(
                "Name,ComputerName,Port,User,CredentialName,Site",
                "edge-lab,127.0.0.1,{port},{user},fw,Lab 3",
                "branch-7,127.0.0.1,{port},{user},,Branch 7",
                "branch-8,127.0.0.1,{port},{user},gone,Branch 8");
            string missing = $"branch-7 (127.0.0.1:{audit.Device.Port}): no --password-env, --password-stdin or --identity-file, and no CredentialName for this device";
            string notFound = $"branch-8 (127.0.0.1:{audit.Device.Port}): CredentialName 'gone': the environment variable SPITOOLS_PASSWORD_GONE is not set";

            var (exit, stdout, stderr) = audit.Run("--format", "json");
            Assert.True(exit == 6, stderr + audit.Device.Log); // findings on edge-lab, two devices failed
            // One error line a device, named as the inventory names it.
            Assert.Equal(new[] { $"spitools: {missing} [CredentialMissing]", $"spitools: {notFound} [CredentialNotFound]" }, ErrorLines(stderr).OrderBy(l => l, StringComparer.Ordinal));
            // What to do, in the command line's words.
            Assert.Contains("spitools: what to do: Check the inventory's CredentialName names a login that is there: for a row of --inventory, its password in the environment variable SPITOOLS_PASSWORD_<NAME> " +
                "(the name in upper case, other characters as _); or give a login with --user with --password-env VAR or --password-stdin.", stderr);
            var summaries = Summaries(stdout);
            Assert.Equal(new[] { "branch-7", "branch-8", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(("Failed", "CredentialMissing", missing, "127.0.0.1", "Branch 7", ""),
                (Text(summaries["branch-7"], "Status"), Text(summaries["branch-7"], "ErrorId"), Text(summaries["branch-7"], "ErrorMessage"), Text(summaries["branch-7"], "Source"), Text(summaries["branch-7"], "Site"), Text(summaries["branch-7"], "Hostname")));
            Assert.Equal(("Failed", "CredentialNotFound", notFound, "Branch 8"),
                (Text(summaries["branch-8"], "Status"), Text(summaries["branch-8"], "ErrorId"), Text(summaries["branch-8"], "ErrorMessage"), Text(summaries["branch-8"], "Site")));
            HealthyLabDevice(stdout);
            // Nothing was sent for the devices with no login: one session, the healthy device's.
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");

            // The report and the summaries' CSV file have the rows.
            var page = audit.Report(stdout);
            Assert.Contains($"<span class=\"errid\">CredentialMissing</span></p><p>{missing}", page);
            Assert.Contains(">branch-8</a></td><td class=\"inv\">Branch 8</td>", page);
            Assert.Contains("Failed <b>2</b>", page);
            var csvDir = Path.Combine(_dir, "audit-csv");
            var (exitCsv, _, stderrCsv) = audit.Run("--format", "csv", "--out", csvDir);
            Assert.True(exitCsv == 6, stderrCsv);
            var lines = File.ReadAllLines(Path.Combine(csvDir, "DeviceAuditSummary.csv"));
            Assert.Equal(4, lines.Length);
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,branch-7,,", StringComparison.Ordinal) && l.Contains(",Failed,", StringComparison.Ordinal) && l.Contains(",CredentialMissing,", StringComparison.Ordinal) && l.EndsWith(",Branch 7", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("DeviceAuditSummary,branch-8,,", StringComparison.Ordinal) && l.Contains(",CredentialNotFound,", StringComparison.Ordinal));

            // An inventory that names no login at all, with none on the command line, is still refused before anything is sent.
            var (noneExit, noneOut, noneErr) = audit.Rows("Name,ComputerName,Port,User,Site", "branch-7,127.0.0.1,{port},{user},Branch 7").Run("--format", "json");
            Assert.True(noneExit == 3, noneErr);
            Assert.DoesNotContain("DeviceAuditSummary", noneOut);
            Assert.Contains("[InvalidDeviceArgument]", noneErr);
        }

        [Fact]
        public void A_malformed_HostKeyFingerprint_or_Context_in_one_inventory_row_fails_that_device_only_and_the_others_are_audited()
        {
            const string Md5 = "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48";
            using var audit = InventoryAudit.Start(_dir).Rows(
                "Name,ComputerName,Port,Context,User,CredentialName,HostKeyFingerprint,Site",
                "edge-lab,127.0.0.1,{port},,{user},fw,,Lab 3",
                $"branch-5,127.0.0.1,{{port}},,{{user}},fw,{Md5},Branch 5",
                ",127.0.0.1,{port},cust;a,{user},fw,,Branch 6");
            string badContext = $"127.0.0.1:{audit.Device.Port}/cust;a";
            string fingerprintError = $"branch-5 (127.0.0.1:{audit.Device.Port}): {audit.Inventory} line 3, column HostKeyFingerprint: an MD5 fingerprint; " +
                "a SHA256 fingerprint is SHA256: and 43 base64 characters, as ssh-keygen -l -E sha256 prints it; the device was not contacted";
            string contextError = $"{badContext}: {audit.Inventory} line 4, column Context: character 5 is ';'; " +
                "a context name is letters, digits, '-', '_' or '.', at most 64, starting with a letter or digit; the device was not contacted";

            var (exit, stdout, stderr) = audit.Run("--format", "json");
            Assert.True(exit == 6, stderr + audit.Device.Log); // findings on edge-lab, two devices failed
            // One error line a bad row, named by its identity, saying where and what, never the value; what to do under it.
            Assert.Equal(new[] { $"spitools: {contextError} [InvalidDeviceArgument]", $"spitools: {fingerprintError} [InvalidDeviceArgument]" },
                ErrorLines(stderr).OrderBy(l => l, StringComparer.Ordinal));
            Assert.Contains("spitools: what to do: Correct the value the message names: nothing was sent to the device.", stderr);
            Assert.DoesNotContain("16:27:ac", stderr);
            var summaries = Summaries(stdout);
            Assert.Equal(new[] { badContext, "branch-5", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(("Failed", "InvalidDeviceArgument", fingerprintError, "127.0.0.1", "Branch 5"),
                (Text(summaries["branch-5"], "Status"), Text(summaries["branch-5"], "ErrorId"), Text(summaries["branch-5"], "ErrorMessage"), Text(summaries["branch-5"], "Source"), Text(summaries["branch-5"], "Site")));
            Assert.Equal(("Failed", "InvalidDeviceArgument", contextError, "Branch 6"),
                (Text(summaries[badContext], "Status"), Text(summaries[badContext], "ErrorId"), Text(summaries[badContext], "ErrorMessage"), Text(summaries[badContext], "Site")));
            HealthyLabDevice(stdout);
            // Nothing was sent for the bad rows: one session, the healthy device's.
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");

            // The same fingerprint given as an option is the run's: refused before any device is contacted, nothing on standard output.
            var (refused, refusedOut, refusedErr) = audit.Run("--format", "json", "--host-key-fingerprint", Md5);
            Assert.True(refused == 3, refusedErr);
            Assert.Equal("", refusedOut);
            Assert.Contains("--host-key-fingerprint", refusedErr);
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");
        }

        private static Dictionary<string, JsonElement> Summaries(string json) =>
            Records(json).Where(r => Text(r, "RecordType") == "DeviceAuditSummary").ToDictionary(r => Text(r, "Device"));

        /// <summary>The error lines of standard error (not warnings, not the remedies under them).</summary>
        private static List<string> ErrorLines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.EndsWith("]", StringComparison.Ordinal) && !l.StartsWith("spitools: warning:", StringComparison.Ordinal) && !l.StartsWith("spitools: what to do:", StringComparison.Ordinal)).ToList();

        /// <summary>edge-lab, the device that answers, reported as ever: its summary, a StaleVpnContext, and no finding named otherwise.</summary>
        private static void HealthyLabDevice(string json)
        {
            var lab = Summaries(json)["edge-lab"];
            Assert.Equal(("Findings", "fw-edge1", "", "Lab 3"), (Text(lab, "Status"), Text(lab, "Hostname"), Text(lab, "ErrorId"), Text(lab, "Site")));
            var findings = Records(json).Where(r => Text(r, "RecordType") == "Finding").ToList();
            Assert.Contains(findings, f => Text(f, "Device") == "edge-lab" && Text(f, "Code") == "StaleVpnContext");
            Assert.All(findings, f => Assert.Equal("edge-lab", Text(f, "Device")));
        }
    }
}
