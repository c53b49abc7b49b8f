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
    /// <summary>spitools collect, diagnose --host and audit against simulated devices behind a real sshd.</summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveDeviceCommandTests : IDisposable
    {
        private readonly SimulatedAsa _device = new("spitools-cli-live");
        private SshdHost _asa => _device.Sshd;
        private string _dir => _device.Folder;
        private string _knownHosts => _device.KnownHosts;

        public void Dispose() => _device.Dispose();

        private Dictionary<string, string> Env(string? password = null) => _device.Env(password);

        private string[] Login(SshdHost host) => _device.Login(host);

        [Fact]
        public void Diagnose_with_a_host_runs_the_stale_spi_procedure()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(),
                new[] { "diagnose", "--format", "json" }.Concat(Login(_asa))
                    .Concat(new[] { "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389" }).ToArray());
            Assert.True(exit == 0, stderr + _asa.Log);
            var codes = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(f => f.GetProperty("Code").GetString()).ToList();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, codes);
            Assert.Contains("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed", _asa.ReadRecording());
            Assert.DoesNotContain(_asa.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal));
            Assert.DoesNotContain(_asa.Password, stdout + stderr);
        }

        [Fact]
        public void Collect_saves_captures_that_diagnose_offline()
        {
            var outDir = Path.Combine(_dir, "evidence");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(), new[] { "collect", "--out", outDir }.Concat(Login(_asa)).ToArray());
            Assert.True(exit == 0, stderr);
            Assert.Contains($"127.0.0.1:{_asa.Port} (fw-edge1): 2 output(s)", stdout); // its identity, and its prompt's host name
            var folder = Path.Combine(outDir, $"127.0.0.1_{_asa.Port}");
            Assert.Equal(new[] { "show-asp-table-vpn-context-detail.txt", "show-crypto-ipsec-sa.txt", "spitools-capture.manifest" }, Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n));
            var (exit2, json, _) = SpitoolsProcess.Run("diagnose", "--format", "json", folder);
            Assert.Equal(0, exit2);
            Assert.Contains("StaleVpnContext", json);
            Assert.All(Directory.GetFiles(outDir, "*", SearchOption.AllDirectories), f => Assert.DoesNotContain("sim-enable-secret", File.ReadAllText(f)));
        }

        [Fact]
        public void Each_failure_has_its_exit_code_and_error_id_and_a_password_is_never_an_argument()
        {
            var (wrong, _, err) = SpitoolsProcess.RunWithEnvironment("", Env("not-the-password"), new[] { "collect", "--out", _dir }.Concat(Login(_asa)).ToArray());
            Assert.Equal(10, wrong);
            Assert.Contains("[AuthenticationFailed]", err);
            Assert.DoesNotContain("not-the-password", err);

            var emptyKh = Path.Combine(_dir, "empty");
            File.WriteAllText(emptyKh, "");
            var args = new[] { "collect", "--out", _dir }.Concat(Login(_asa)).ToArray();
            args[Array.IndexOf(args, _knownHosts)] = emptyKh;
            var (unknown, _, err2) = SpitoolsProcess.RunWithEnvironment("", Env(), args);
            Assert.Equal(11, unknown);
            Assert.Contains("[HostKeyUnknown]", err2);
            Assert.Contains("SHA256:", err2);

            var (noPassword, _, err3) = SpitoolsProcess.Run("collect", "--out", _dir, "--host", "127.0.0.1", "--port", _asa.Port.ToString(), "--user", _asa.UserName);
            Assert.Equal(3, noPassword);
            Assert.Contains("[InvalidDeviceArgument]", err3);
            Assert.DoesNotContain(_asa.ReadRecording(), l => l.StartsWith("show", StringComparison.Ordinal));

            // The password also comes from standard input, never from an argument.
            var (stdinExit, stdout, err4) = SpitoolsProcess.RunWithEnvironment(_asa.Password + "\n", new Dictionary<string, string> { ["FW_ENABLE"] = "sim-enable-secret" },
                "collect", "--out", Path.Combine(_dir, "stdin"), "--host", "127.0.0.1", "--port", _asa.Port.ToString(), "--user", _asa.UserName,
                "--password-stdin", "--enable-password-env", "FW_ENABLE", "--known-hosts", _knownHosts);
            Assert.True(stdinExit == 0, err4);
            Assert.Contains("fw-edge1", stdout);
        }

        [Fact]
        public void Audit_from_an_inventory_reports_every_device_and_its_exit_code_says_some_failed_and_findings()
        {
            using var hub = SshdHost.Start(new SshdOptions { Scenario = "iosxe-dmvpn-multi-spi" });
            File.AppendAllLines(_knownHosts, hub.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "ComputerName,Port,User,CredentialName",
                $"127.0.0.1,{_asa.Port},{_asa.UserName},fw",
                $"127.0.0.1,{hub.Port},{hub.UserName},hub",
                $"127.0.0.1,1,{_asa.UserName},fw",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = _asa.Password, ["SPITOOLS_PASSWORD_HUB"] = hub.Password, ["FW_ENABLE"] = "sim-enable-secret" };
            var outDir = Path.Combine(_dir, "audit");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, "audit", "--inventory", inventory, "--format", "json", "--out", outDir,
                "--enable-password-env", "FW_ENABLE", "--known-hosts", _knownHosts, "--throttle", "3", "--device-timeout", "60");
            // Findings on fw-edge1 and a refused device: 6 says both.
            Assert.Equal(6, exit);
            var records = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            var summaries = records.Where(r => r.GetProperty("RecordType").GetString() == "DeviceAuditSummary").ToList();
            Assert.Equal(3, summaries.Count);
            Assert.Contains(summaries, s => s.GetProperty("Device").GetString() == $"127.0.0.1:{_asa.Port}" && s.GetProperty("Hostname").GetString() == "fw-edge1" && s.GetProperty("Status").GetString() == "Findings");
            Assert.Contains(summaries, s => s.GetProperty("Status").GetString() == "Failed" && s.GetProperty("ErrorId").GetString() == "ConnectionRefused");
            Assert.Contains(records, r => r.GetProperty("RecordType").GetString() == "Finding" && r.GetProperty("Code").GetString() == "StaleVpnContext");
            Assert.True(Directory.Exists(Path.Combine(outDir, $"127.0.0.1_{_asa.Port}")), stderr);

            // --fail-on never: the findings no longer count, the failure still does (5); CSV with --out: one file per record type.
            var csvDir = Path.Combine(_dir, "audit-csv");
            var (exitCsv, stdoutCsv, stderrCsv) = SpitoolsProcess.RunWithEnvironment("", env, "audit", "--inventory", inventory, "--format", "csv", "--out", csvDir,
                "--fail-on", "never", "--enable-password-env", "FW_ENABLE", "--known-hosts", _knownHosts, "--throttle", "3", "--device-timeout", "60");
            Assert.True(exitCsv == 5, stderrCsv);
            Assert.Equal("", stdoutCsv);
            var summaryCsv = File.ReadAllLines(Path.Combine(csvDir, "DeviceAuditSummary.csv"));
            var findingCsv = File.ReadAllLines(Path.Combine(csvDir, "Finding.csv"));
            Assert.StartsWith("RecordType,Device,", summaryCsv[0]);
            Assert.Equal(4, summaryCsv.Length); // a header and one line per device, no second table
            Assert.DoesNotContain(summaryCsv.Skip(1), l => l.StartsWith("RecordType,", StringComparison.Ordinal));
            Assert.Contains("Code", findingCsv[0].Split(','));
            Assert.Contains(findingCsv, l => l.Contains("StaleVpnContext"));
            Assert.DoesNotContain(findingCsv, l => l.Contains("ConnectionRefused"));
            Assert.Contains("Finding.csv", stderrCsv);

            // CSV to standard output: one record type, asked for by name.
            var (exitOne, stdoutOne, stderrOne) = SpitoolsProcess.RunWithEnvironment("", env, "audit", "--inventory", inventory, "--format", "csv", "--record-type", "DeviceAuditSummary",
                "--fail-on", "critical", "--enable-password-env", "FW_ENABLE", "--known-hosts", _knownHosts, "--throttle", "3", "--device-timeout", "60");
            Assert.True(exitOne == 6, stderrOne); // StaleVpnContext is critical
            var lines = stdoutOne.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.Single(lines, l => l.StartsWith("RecordType,", StringComparison.Ordinal));
        }

        [Fact]
        public void Audit_partitions_share_the_inventory_out_by_the_cmdlets_hash()
        {
            using var hub = SshdHost.Start(new SshdOptions { Scenario = "iosxe-dmvpn-multi-spi" });
            File.AppendAllLines(_knownHosts, hub.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "ComputerName,Port,User,CredentialName",
                $"127.0.0.1,{_asa.Port},{_asa.UserName},fw",
                $"127.0.0.1,{hub.Port},{hub.UserName},hub",
            });
            var env = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = _asa.Password, ["SPITOOLS_PASSWORD_HUB"] = hub.Password, ["FW_ENABLE"] = "sim-enable-secret" };
            var seen = new List<string>();
            foreach (var part in new[] { "1/2", "2/2" })
            {
                var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", env, "audit", "--inventory", inventory, "--format", "json", "--partition", part,
                    "--enable-password-env", "FW_ENABLE", "--known-hosts", _knownHosts, "--device-timeout", "60");
                Assert.True(exit is 0 or 4, stderr);
                var ports = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Where(r => r.GetProperty("RecordType").GetString() == "DeviceAuditSummary")
                    .Select(r => r.GetProperty("Device").GetString()!).ToList();
                // Exactly the devices Invoke-SpiAudit -Partition keeps: the host and port, hashed by AuditPartition.
                var expected = new[] { (_asa.Port, $"127.0.0.1:{_asa.Port}"), (hub.Port, $"127.0.0.1:{hub.Port}") }
                    .Where(d => Services.AuditPartition.Includes($"127.0.0.1:{d.Item1}", part)).Select(d => d.Item2).ToList();
                Assert.True(expected.Count == ports.Count, $"{part}: {string.Join(",", ports)} vs {string.Join(",", expected)}\n{stderr}");
                seen.AddRange(ports);
            }
            Assert.Equal(2, seen.Count);
            Assert.Equal(2, seen.Distinct().Count());
        }
    }
}
