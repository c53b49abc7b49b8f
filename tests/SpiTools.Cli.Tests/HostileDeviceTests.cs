using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Threading;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// Devices that misbehave in the dialogue, behind a real sshd (the simulator's dialogue faults): configuration mode
    /// and questions at each step, a device renamed mid-session, banners with prompt-like lines, a clear whose answer
    /// never comes. Each asserts what the device received (the simulator's recording), the status, the exit code and
    /// the time taken.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class HostileDeviceTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _log;

        public HostileDeviceTests(Xunit.Abstractions.ITestOutputHelper log) => _log = log;

        private const string Clear = "clear crypto ipsec sa inactive";
        private static readonly string[] Flow = { "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389" };

        private sealed record Outcome(int Exit, string Out, string Err, IReadOnlyList<string> Received, TimeSpan Took)
        {
            public override string ToString() =>
                $"exit {Exit} after {Took.TotalSeconds:0.0} s\nreceived: [{string.Join(" | ", Received.Select(l => l.Length == 0 ? "<Enter>" : l))}]\nstdout: {Out}\nstderr: {Err}";
        }

        /// <summary>Runs spitools against the device; what happened (exit code, time, what the device received) goes to the test log.</summary>
        private Outcome Run(SimulatedAsa device, params string[] args)
        {
            var clock = Stopwatch.StartNew();
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", device.Env(), args.Concat(device.Login()).ToArray());
            var o = new Outcome(exit, stdout, stderr, device.Sshd.ReadRecording(), clock.Elapsed);
            _log.WriteLine(o.ToString());
            return o;
        }

        private Outcome Collect(SimulatedAsa device, params string[] extra) =>
            Run(device, new[] { "collect", "--out", Path.Combine(device.Folder, "out") }.Concat(extra).ToArray());

        private Outcome ClearInactive(SimulatedAsa device, params string[] extra) =>
            Run(device, new[] { "clear-inactive", "--yes", "--format", "json", "--settle-seconds", "0.2" }.Concat(Flow).Concat(extra).ToArray());

        /// <summary>
        /// Starts spitools on <paramref name="device"/> as from a terminal, for a test that presses Ctrl+C: a runner started
        /// as a background job hands its children SIGINT ignored, and spitools, as any program, then keeps ignoring it; env
        /// puts the default back before spitools starts.
        /// </summary>
        private static Process StartAsFromTerminal(SimulatedAsa device, params string[] args)
        {
            var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "spitools.dll") }.Concat(args).Concat(device.Login())) psi.ArgumentList.Add(a);
            foreach (var (k, v) in device.Env()) psi.Environment[k] = v;
            return Process.Start(psi)!;
        }

        private static JsonElement Result(Outcome o) => Assert.Single(JsonDocument.Parse(o.Out).RootElement.EnumerateArray().ToList());

        private static IEnumerable<string> Typed(Outcome o) => o.Received.Where(l => l.Length > 0);

        // ---- configuration mode ----

        [Fact]
        public void Configuration_mode_at_login_is_refused_before_anything_is_sent()
        {
            using var device = new SimulatedAsa("spitools-hostile", "config-after=login");
            var o = Collect(device);
            Assert.True(o.Exit == 23, o.ToString());
            Assert.Contains("[ConfigurationModeRefused]", o.Err);
            Assert.Empty(o.Received);
            Assert.True(o.Took < TimeSpan.FromSeconds(20), o.ToString());
        }

        [Fact]
        public void Configuration_mode_after_paging_off_stops_before_any_show_command_and_the_clear()
        {
            using var device = new SimulatedAsa("spitools-hostile", "config-after=terminal pager");
            var o = ClearInactive(device);
            Assert.True(o.Exit == 23, o.ToString());
            Assert.Contains("[ConfigurationModeRefused]", o.Err);
            Assert.Equal("terminal pager 0", Typed(o).Last());
            Assert.DoesNotContain(o.Received, l => l.StartsWith("show crypto", StringComparison.Ordinal) || l.StartsWith("packet", StringComparison.Ordinal) || l == Clear);
            var r = Result(o);
            Assert.Equal("NotAttempted", r.GetProperty("Status").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("CommandSent").ValueKind);
            Assert.True(o.Took < TimeSpan.FromSeconds(20), o.ToString());
        }

        [Fact]
        public void Configuration_mode_after_a_show_command_stops_there()
        {
            using var device = new SimulatedAsa("spitools-hostile", "config-after=show asp table");
            var o = ClearInactive(device);
            Assert.True(o.Exit == 23, o.ToString());
            Assert.Equal("show asp table vpn-context detail", Typed(o).Last());
            Assert.DoesNotContain(Clear, o.Received);
            Assert.Equal("NotAttempted", Result(o).GetProperty("Status").GetString());
        }

        [Fact]
        public void Configuration_mode_after_the_clear_keeps_the_clear_in_the_result()
        {
            using var device = new SimulatedAsa("spitools-hostile", "config-after=clear crypto ipsec sa inactive");
            var o = ClearInactive(device);
            Assert.True(o.Exit == 23, o.ToString());
            Assert.Equal(Clear, Typed(o).Last());
            var r = Result(o);
            Assert.Equal("ClearedUnverified", r.GetProperty("Status").GetString());
            Assert.Equal(Clear, r.GetProperty("CommandSent").GetString());
            Assert.Contains("by hand", r.GetProperty("NextStep").GetString());
        }

        // ---- questions ----

        [Fact]
        public void A_confirmation_at_login_gets_no_keystroke()
        {
            using var device = new SimulatedAsa("spitools-hostile", "ask=login|Proceed with reload? [confirm]");
            var o = Collect(device);
            Assert.True(o.Exit == 24, o.ToString());
            Assert.Contains("[UnexpectedDevicePrompt]", o.Err);
            Assert.Contains("Proceed with reload? [confirm]", o.Err);
            Assert.Empty(o.Received); // not even Enter
            Assert.True(o.Took < TimeSpan.FromSeconds(20), o.ToString());
        }

        [Fact]
        public void A_yes_no_question_after_paging_off_is_not_answered()
        {
            using var device = new SimulatedAsa("spitools-hostile", "ask=terminal pager|Do you want to save the configuration? [yes/no]:");
            var o = Collect(device);
            Assert.True(o.Exit == 24, o.ToString());
            Assert.Equal("terminal pager 0", o.Received.Last());
        }

        [Fact]
        public void A_question_after_a_show_command_is_not_answered()
        {
            using var device = new SimulatedAsa("spitools-hostile", "ask=show crypto ipsec sa|Destination filename [running-config]?");
            var o = Collect(device);
            Assert.True(o.Exit == 24, o.ToString());
            Assert.Equal("show crypto ipsec sa", o.Received.Last());
        }

        [Fact]
        public void A_confirmation_after_the_clear_is_not_answered_and_the_clear_is_reported()
        {
            using var device = new SimulatedAsa("spitools-hostile", "ask=clear crypto ipsec sa inactive|Proceed? [confirm]");
            var o = ClearInactive(device);
            Assert.True(o.Exit == 24, o.ToString());
            Assert.Equal(Clear, o.Received.Last());
            var r = Result(o);
            Assert.Equal("ClearedUnverified", r.GetProperty("Status").GetString());
            Assert.Equal(Clear, r.GetProperty("CommandSent").GetString());
        }

        // ---- the clear's result is never lost ----

        [Fact]
        public void A_disconnect_right_after_the_clear_still_outputs_the_clear()
        {
            using var device = new SimulatedAsa("spitools-hostile", "disconnect-after=clear crypto ipsec sa inactive");
            var o = ClearInactive(device);
            Assert.True(o.Exit == 19, o.ToString());
            Assert.Contains("[DeviceDisconnected]", o.Err);
            Assert.Equal(Clear, o.Received.Last());
            var r = Result(o);
            Assert.Equal("ClearedUnverified", r.GetProperty("Status").GetString());
            Assert.Equal(Clear, r.GetProperty("CommandSent").GetString());
            Assert.Contains("show crypto ipsec sa inactive", r.GetProperty("NextStep").GetString());
            Assert.True(o.Took < TimeSpan.FromSeconds(30), o.ToString());
        }

        [Fact]
        public void A_slow_clear_is_reported_within_its_timeout_with_the_clear_sent()
        {
            using var device = new SimulatedAsa("spitools-hostile", "slow=clear crypto ipsec sa inactive|8000");
            var o = ClearInactive(device, "--timeout", "2");
            Assert.True(o.Exit == 18, o.ToString());
            Assert.Equal(Clear, o.Received.Last());
            var r = Result(o);
            Assert.Equal("ClearedUnverified", r.GetProperty("Status").GetString());
            Assert.Equal(Clear, r.GetProperty("CommandSent").GetString());
            Assert.True(o.Took < TimeSpan.FromSeconds(25), o.ToString());
        }

        [Fact]
        public async System.Threading.Tasks.Task Ctrl_C_in_the_settle_wait_writes_the_result_and_exits_130()
        {
            using var device = new SimulatedAsa("spitools-hostile");
            using var p = StartAsFromTerminal(device, new[] { "clear-inactive", "--yes", "--format", "json", "--settle-seconds", "60" }.Concat(Flow).ToArray());
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!device.Sshd.ReadRecording().Contains(Clear) && clock.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited) Thread.Sleep(100);
            Thread.Sleep(500);
            var interrupted = Stopwatch.StartNew();
            Process.Start("kill", new[] { "-INT", p.Id.ToString() })!.WaitForExit();
            Assert.True(p.WaitForExit(10_000), "spitools did not stop after Ctrl+C");
            var took = interrupted.Elapsed;
            var o = new Outcome(p.ExitCode, await stdout, await stderr, device.Sshd.ReadRecording(), took);
            _log.WriteLine(o.ToString());
            Assert.True(o.Exit == 130, o.ToString());
            Assert.True(o.Took < TimeSpan.FromSeconds(3), o.ToString());
            var r = Result(o);
            Assert.Equal("ClearedUnverified", r.GetProperty("Status").GetString());
            Assert.Equal(Clear, r.GetProperty("CommandSent").GetString());
            Assert.Equal(1, o.Received.Count(l => l == Clear));
        }

        [Fact]
        public async System.Threading.Tasks.Task Ctrl_C_during_an_audit_writes_every_summary_and_exits_130()
        {
            // The device holds its SAs for a minute; Ctrl+C comes once the command is typed.
            using var device = new SimulatedAsa("spitools-hostile", "slow=show crypto ipsec sa|60000");
            using var p = StartAsFromTerminal(device, "audit", "--format", "json");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!device.Sshd.ReadRecording().Contains("show crypto ipsec sa") && clock.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited) Thread.Sleep(100);
            Assert.False(p.HasExited, "spitools ended before Ctrl+C");
            var interrupted = Stopwatch.StartNew();
            Process.Start("kill", new[] { "-INT", p.Id.ToString() })!.WaitForExit();
            Assert.True(p.WaitForExit(10_000), "spitools did not stop after Ctrl+C");
            var o = new Outcome(p.ExitCode, await stdout, await stderr, device.Sshd.ReadRecording(), interrupted.Elapsed);
            _log.WriteLine(o.ToString());
            Assert.True(o.Exit == 130, o.ToString());
            Assert.True(o.Took < TimeSpan.FromSeconds(3), o.ToString());
            // Standard output is one JSON array that holds the stopped device's summary.
            var summary = Assert.Single(JsonDocument.Parse(o.Out).RootElement.EnumerateArray(), e => e.TryGetProperty("Status", out _) && e.TryGetProperty("ErrorId", out _));
            Assert.Equal("Failed", summary.GetProperty("Status").GetString());
            Assert.Contains("stopped before the audit of this device finished", o.Err);
        }

        // ---- banners and names ----

        [Fact]
        public void A_slow_banner_with_a_prompt_like_line_gets_no_enable()
        {
            using var device = new SimulatedAsa("spitools-hostile",
                "banner=Authorized access only\\ncorp-fw>\\nAll sessions are recorded.\\nType help or '?' for a list of available commands.", "banner-pause=400");
            var o = Collect(device);
            Assert.True(o.Exit == 0, o.ToString());
            Assert.Equal("enable", Typed(o).First());
            Assert.All(o.Received.TakeWhile(l => l != "enable"), l => Assert.Equal("", l)); // only the prompt keystroke before enable
            Assert.True(o.Received.TakeWhile(l => l != "enable").Count() <= 4, o.ToString());
            Assert.True(o.Took < TimeSpan.FromSeconds(30), o.ToString());
        }

        [Fact]
        public void The_prompt_timeout_bounds_the_wait_for_a_slow_banner()
        {
            using var device = new SimulatedAsa("spitools-hostile", "banner=Welcome\\nAuthorized access only", "banner-pause=4000");
            var quick = Collect(device, "--prompt-timeout", "1");
            Assert.True(quick.Exit == 20, quick.ToString());
            Assert.Contains("no CLI prompt within 1 s of login", quick.Err);
            Assert.Contains("[PromptNotFound]", quick.Err);
            Assert.DoesNotContain("enable", quick.Received);
            Assert.True(quick.Took < TimeSpan.FromSeconds(1 + 2 + 5), quick.ToString()); // the timeout, 2 s, and the process and SSH start

            var patient = Collect(device, "--prompt-timeout", "30");
            Assert.True(patient.Exit == 0, patient.ToString());
        }

        [Fact]
        public void Banners_holding_hash_and_angle_lines_are_not_taken_for_the_prompt()
        {
            using var device = new SimulatedAsa("spitools-hostile",
                "banner=##########################\\n# edge> monitored #\\nrouter#\\n##########################\\nswitch>", "banner-pause=150");
            var o = Collect(device);
            Assert.True(o.Exit == 0, o.ToString());
            Assert.Contains($"127.0.0.1:{device.Sshd.Port} (fw-edge1): 2 output(s)", o.Out);
            Assert.Equal("enable", Typed(o).First());
        }

        [Fact]
        public void A_prompt_that_renames_the_device_mid_session_is_a_warning_and_the_name_stays()
        {
            using var device = new SimulatedAsa("spitools-hostile", "rename-after=terminal pager|fw-core9");
            var o = Collect(device, "--timeout", "10");
            Assert.True(o.Exit == 0, o.ToString());
            Assert.Contains("fw-core9", o.Err);
            Assert.Contains("warning", o.Err);
            Assert.Contains($"127.0.0.1:{device.Sshd.Port} (fw-edge1): 2 output(s)", o.Out);
            Assert.True(Directory.Exists(Path.Combine(device.Folder, "out", $"127.0.0.1_{device.Sshd.Port}")));
            Assert.False(Directory.Exists(Path.Combine(device.Folder, "out", "fw-core9")));
            Assert.True(o.Took < TimeSpan.FromSeconds(20), o.ToString());
        }
    }
}
