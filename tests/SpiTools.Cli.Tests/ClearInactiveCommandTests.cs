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
    /// <summary>spitools clear-inactive against the simulated ASA behind a real sshd; what was sent is read from its recording.</summary>
    [SupportedOSPlatform("linux")]
    public sealed class ClearInactiveCommandTests : IDisposable
    {
        private const string Clear = "clear crypto ipsec sa inactive";
        private readonly SimulatedAsa _device = new("spitools-cli-clear");
        private SshdHost _asa => _device.Sshd;
        private string _dir => _device.Folder;

        public void Dispose() => _device.Dispose();

        private Dictionary<string, string> Env() => _device.Env();

        private string[] Args(params string[] extra) => new[] { "clear-inactive" }.Concat(_device.Login()).Concat(new[]
        {
            "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389", "--settle-seconds", "0.2",
        }).Concat(extra).ToArray();

        [Fact]
        public void Without_yes_or_what_if_it_refuses_before_connecting()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(), Args());
            Assert.Equal(3, exit);
            Assert.Contains("--yes", stderr);
            Assert.Contains("Nothing was sent", stderr);
            Assert.Equal("", stdout);
            Assert.Empty(_asa.ReadRecording());

            // The same call with --what-if does log in and read the evidence.
            var (whatIf, _, err) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--what-if"));
            Assert.True(whatIf == 0, err);
            Assert.NotEmpty(_asa.ReadRecording());
        }

        [Fact]
        public void What_if_lists_every_command_the_run_sends_and_they_are_the_commands_the_device_received()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--what-if", "--format", "json"));
            Assert.True(exit == 0, stderr + _asa.Log);
            var result = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList());
            var planned = result.GetProperty("PlannedCommands").GetString()!.Split("; ");
            Assert.Equal(["<Enter>", "enable"], planned.Take(2));
            int clearAt = Array.IndexOf(planned, Clear);
            Assert.True(clearAt > 0, string.Join(" | ", planned));
            Assert.Contains("show asp table vpn-context detail", planned.Skip(clearAt + 1)); // collected again after the clear

            // The device received the plan up to the clear: the prompt keystroke first, then each command in order.
            var received = _asa.ReadRecording();
            Assert.Equal("", received[0]);
            var commands = received.Where(l => l.Length > 0 && l != "<enable-password>").ToList();
            Assert.Equal(planned.Take(clearAt).Skip(1).Select(c => c == "show crypto ipsec sa peer <peer>" ? commands.FirstOrDefault(l => l.StartsWith("show crypto ipsec sa peer ")) : c), commands);

            // The what-if text shows the same list, one command a line, and the CSV holds it in one column.
            var (_, text, _) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--what-if"));
            Assert.Contains("  Commands the run sends:\n    <Enter>\n    enable\n", text.ReplaceLineEndings("\n"));
            Assert.Contains("    " + Clear + "\n", text.ReplaceLineEndings("\n"));
            var (_, csv, _) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--what-if", "--format", "csv"));
            Assert.Contains("PlannedCommands", csv.Split('\n')[0]);
            Assert.Contains("<Enter>; enable; ", csv);
        }

        [Fact]
        public void What_if_sends_no_clear_and_yes_sends_one_that_resolves_it()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--what-if", "--format", "json"));
            Assert.True(exit == 0, stderr + _asa.Log);
            Assert.Contains($"what if: 127.0.0.1:{_asa.Port} (fw-edge1): send '{Clear}'", stderr);
            var declined = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList());
            Assert.Equal("SaClearResult", declined.GetProperty("RecordType").GetString());
            Assert.Equal("WouldClear", declined.GetProperty("Status").GetString());
            Assert.Equal(Clear, declined.GetProperty("WouldSend").GetString());
            Assert.Equal(JsonValueKind.Null, declined.GetProperty("CommandSent").ValueKind);
            Assert.Equal("127.0.0.1", declined.GetProperty("Host").GetString());
            Assert.Equal(_asa.Port, declined.GetProperty("Port").GetInt32());
            Assert.Equal("ASA", declined.GetProperty("Platform").GetString()); // as Cisco writes it, as the audit summary does
            Assert.Equal(2, declined.GetProperty("BeforeFindings").GetArrayLength());
            Assert.Equal("StaleVpnContext;OneWayTraffic", declined.GetProperty("BeforeVerdict").GetString());
            Assert.Contains("show crypto ipsec sa inactive", _asa.ReadRecording());
            Assert.DoesNotContain(_asa.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal));

            var (yes, json, err) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--yes", "--format", "json"));
            Assert.True(yes == 0, err + _asa.Log);
            var cleared = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray().ToList());
            Assert.Equal("Cleared", cleared.GetProperty("Status").GetString());
            Assert.Equal(Clear, cleared.GetProperty("CommandSent").GetString());
            Assert.True(cleared.GetProperty("Resolved").GetBoolean());
            Assert.Equal("Healthy", cleared.GetProperty("AfterVerdict").GetString());
            Assert.Equal(0, cleared.GetProperty("AfterFindings").GetArrayLength());
            Assert.Single(err.Split('\n'), l => l.Contains("'show crypto ipsec sa inactive' is not available", StringComparison.Ordinal)); // once, not before and after
            var received = _asa.ReadRecording();
            Assert.Equal(1, received.Count(l => l == Clear));
            Assert.All(received, l => Assert.True(l == Clear || !l.StartsWith("clear", StringComparison.Ordinal) && !l.StartsWith("conf", StringComparison.Ordinal), l));
            Assert.DoesNotContain(_asa.Password, json + err);
            Assert.DoesNotContain("sim-enable-secret", json + err);
        }

        [Fact]
        public void The_table_says_what_was_done_and_csv_holds_the_result()
        {
            var (exit, table, stderr) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--yes"));
            Assert.True(exit == 0, stderr);
            Assert.Contains($"127.0.0.1:{_asa.Port}: Cleared, resolved", table);
            Assert.Contains($"Sent:           {Clear}", table);
            var (again, csv, _) = SpitoolsProcess.RunWithEnvironment("", Env(), Args("--yes", "--force", "--format", "csv"));
            Assert.Equal(0, again);
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("RecordType,Device,Hostname,Host,Port,Platform,Context,Status,CommandSent", lines[0]);
            Assert.StartsWith($"SaClearResult,127.0.0.1:{_asa.Port},fw-edge1,127.0.0.1,{_asa.Port},ASA,,Cleared,{Clear},", lines[1]);
            Assert.Equal(2, _asa.ReadRecording().Count(l => l == Clear)); // forced on the healthy device: asked and sent again
        }
    }
}
