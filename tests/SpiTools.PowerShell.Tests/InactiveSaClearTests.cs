using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Runtime.Versioning;
using System.Security;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Invoke-InactiveSaClear against simulated devices behind real sshd: what reaches the device is read from the
    /// simulator's recording of every line it received. A clear goes out only once confirmed, and exactly once.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class InactiveSaClearTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private const string Clear = "clear crypto ipsec sa inactive";
        private const string SeedFlow = "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389";
        private const string Connect = "-ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh";
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-clear").FullName;
        private readonly List<SshdHost> _hosts = new();

        public InactiveSaClearTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        private (SshdHost Host, Dictionary<string, object?> Vars) Start(string scenario)
        {
            var host = SshdHost.Start(new SshdOptions { Scenario = scenario });
            _hosts.Add(host);
            var kh = Path.Combine(_dir, scenario + ".known_hosts");
            File.WriteAllLines(kh, host.KnownHostsLines);
            return (host, new Dictionary<string, object?>
            {
                ["port"] = host.Port,
                ["cred"] = new PSCredential(host.UserName, InventoryAudit.Secure(host.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
                ["kh"] = kh,
            });
        }

        private static object? P(PSObject o, string name) => o.Properties[name].Value;

        /// <summary>What a session may send besides the one confirmed clear: setup, context change and read-only evidence.</summary>
        private static void AssertOnlyEvidenceBesidesClears(IEnumerable<string> received)
        {
            foreach (var l in received)
                Assert.True(l == Clear || l == "" || l == "enable" || l == "<enable-password>" || l == "exit" || l.StartsWith("<pager", StringComparison.Ordinal)
                    || l.StartsWith("terminal ", StringComparison.Ordinal) || l.StartsWith("changeto context ", StringComparison.Ordinal)
                    || l.StartsWith("show ", StringComparison.Ordinal) || l.StartsWith("packet-tracer input ", StringComparison.Ordinal), $"unexpected line sent: {l}");
        }

        [Fact]
        public void Confirmed_the_clear_is_sent_once_and_the_stale_context_is_gone()
        {
            var (asa, vars) = Start("asa-stale-spi");
            var r = _ps.Run($"Invoke-InactiveSaClear {Connect} {SeedFlow} -SettleSeconds 0.2 -Confirm:$false", vars);

            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + asa.Log);
            var result = Assert.Single(r.Output);
            Assert.Equal("SpiTools.SaClearResult", result.BaseObject.GetType().FullName);
            Assert.Equal($"127.0.0.1:{asa.Port}", P(result, "Device")); // its identity; the prompt's host name is Hostname
            Assert.Equal("fw-edge1", P(result, "Hostname"));
            Assert.Equal("Cleared", P(result, "Status"));
            Assert.Equal(Clear, P(result, "CommandSent"));
            Assert.Equal("StaleVpnContext;OneWayTraffic", P(result, "BeforeVerdict"));
            Assert.DoesNotContain("StaleVpnContext", (string)P(result, "AfterVerdict")!);
            Assert.Equal(true, P(result, "Resolved"));
            Assert.Null(P(result, "NextStep"));

            var received = asa.ReadRecording();
            Assert.Equal(1, received.Count(l => l == Clear));
            AssertOnlyEvidenceBesidesClears(received);
            // The evidence before the clear, including the inactive-SA listing, and again after it.
            int at = received.ToList().IndexOf(Clear);
            Assert.Contains("show crypto ipsec sa inactive", received.Take(at));
            Assert.Contains("show asp table vpn-context detail", received.Skip(at + 1));
            Assert.DoesNotContain(EnableSecret, string.Join("\n", received.Concat(r.Verbose).Concat(r.Warnings)));
        }

        [Fact]
        public void WhatIf_sends_no_clear_and_the_same_call_confirmed_does()
        {
            var (asa, vars) = Start("asa-stale-spi");
            var r = _ps.Run($"Invoke-InactiveSaClear {Connect} {SeedFlow} -WhatIf", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
            var result = Assert.Single(r.Output);
            Assert.Equal("WouldClear", P(result, "Status"));
            Assert.Equal(Clear, P(result, "WouldSend"));
            Assert.Null(P(result, "CommandSent"));
            Assert.Equal("StaleVpnContext;OneWayTraffic", P(result, "BeforeVerdict"));
            var received = asa.ReadRecording();
            Assert.Contains("show crypto ipsec sa inactive", received);
            Assert.DoesNotContain(received, l => l.StartsWith("clear", StringComparison.Ordinal));
            AssertOnlyEvidenceBesidesClears(received);

            // The what-if's plan is what the device received up to the clear: the prompt keystroke first, then each command.
            var planned = ((string)P(result, "PlannedCommands")!).Split("; ");
            Assert.Equal(["<Enter>", "enable"], planned.Take(2));
            int clearAt = Array.IndexOf(planned, Clear);
            Assert.True(clearAt > 0, string.Join(" | ", planned));
            Assert.Equal("", received[0]);
            var commands = received.Where(l => l.Length > 0 && !l.StartsWith('<')).ToList();
            Assert.Equal(planned.Take(clearAt).Skip(1).Select(c => c == "show crypto ipsec sa peer <peer>" ? commands.FirstOrDefault(l => l.StartsWith("show crypto ipsec sa peer ")) : c), commands);

            var confirmed = _ps.Run($"Invoke-InactiveSaClear {Connect} {SeedFlow} -SettleSeconds 0 -Confirm:$false", vars);
            Assert.Equal(true, P(Assert.Single(confirmed.Output), "Resolved"));
            Assert.Equal(1, asa.ReadRecording().Count(l => l == Clear));
        }

        [Fact]
        public void A_host_that_answers_no_sends_no_clear_and_one_that_answers_yes_sends_one()
        {
            var (asa, vars) = Start("asa-stale-spi");
            var host = new AnsweringHost { Answer = "&No" };
            using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, $"Import-Module '{PowerShellHost.ModuleManifest}' -ErrorAction Stop", vars);

            var declined = Invoke(runspace, $"Invoke-InactiveSaClear {Connect} {SeedFlow} -SettleSeconds 0", vars);
            var (caption, message) = Assert.Single(host.Prompts);
            Assert.Contains("fw-edge1", message);
            Assert.Contains($"'{Clear}'", message);
            Assert.Contains("StaleVpnContext (peer 203.0.113.10", message);
            Assert.Equal("Declined", P(Assert.Single(declined), "Status"));
            Assert.DoesNotContain(asa.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal));

            host.Answer = "&Yes";
            var accepted = Invoke(runspace, $"Invoke-InactiveSaClear {Connect} {SeedFlow} -SettleSeconds 0", vars);
            Assert.Equal(2, host.Prompts.Count);
            Assert.Equal(true, P(Assert.Single(accepted), "Resolved"));
            Assert.Equal(1, asa.ReadRecording().Count(l => l == Clear));
        }

        [Fact]
        public void Stopped_in_the_settle_wait_the_clear_sent_is_written_to_the_host()
        {
            var (asa, vars) = Start("asa-stale-spi");
            var host = new AnsweringHost { Answer = "&Yes" };
            using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, $"Import-Module '{PowerShellHost.ModuleManifest}' -ErrorAction Stop", vars);
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript($"Invoke-InactiveSaClear {Connect} {SeedFlow} -SettleSeconds 120 -Confirm:$false");
            var running = ps.BeginInvoke();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!asa.ReadRecording().Contains(Clear) && clock.Elapsed < TimeSpan.FromSeconds(60) && !running.IsCompleted) System.Threading.Thread.Sleep(100);
            System.Threading.Thread.Sleep(300);
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), stopping.Elapsed.ToString());
            string[] lines;
            lock (host.WarningLines) lines = host.WarningLines.ToArray();
            Assert.Contains(lines, l => l.Contains($"127.0.0.1:{asa.Port}: ClearedUnverified: sent 'clear crypto ipsec sa inactive'", StringComparison.Ordinal) && l.Contains("verify by hand", StringComparison.Ordinal));
            Assert.Equal(1, asa.ReadRecording().Count(l => l == Clear));
        }

        private static Collection<PSObject> Invoke(Runspace runspace, string script, Dictionary<string, object?> vars)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = runspace;
            foreach (var (name, value) in vars) runspace.SessionStateProxy.SetVariable(name, value);
            var output = ps.AddScript(script).Invoke();
            Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error));
            return output;
        }

        [Fact]
        public void A_clear_that_changes_nothing_is_not_resolved_and_names_the_next_step()
        {
            var (ftd, vars) = Start("ftd-inactive-sa-stuck");
            var r = _ps.Run($"Invoke-InactiveSaClear {Connect} -SettleSeconds 0 -Confirm:$false", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + ftd.Log);
            var result = Assert.Single(r.Output);
            Assert.Equal("FTD", P(result, "Platform"));
            Assert.Equal(Clear, P(result, "CommandSent"));
            Assert.Equal(false, P(result, "Resolved"));
            Assert.Contains("StaleVpnContext", (string)P(result, "AfterVerdict")!);
            Assert.Equal("0x1AAC9593;0x25A3076D", P(result, "StillInactive"));
            Assert.StartsWith("clear crypto ipsec sa peer 203.0.113.10", (string)P(result, "NextStep")!);
            var received = ftd.ReadRecording();
            Assert.Equal(1, received.Count(l => l == Clear));
            Assert.DoesNotContain(received, l => l.StartsWith("clear crypto ipsec sa peer", StringComparison.Ordinal)); // printed, never run
            AssertOnlyEvidenceBesidesClears(received);
        }

        [Fact]
        public void An_injected_value_is_refused_before_any_login_and_a_clean_call_still_runs()
        {
            var (asa, vars) = Start("asa-stale-spi");
            var context = _ps.Run($"Invoke-InactiveSaClear {Connect} -Context 'c1; clear crypto ipsec sa inactive' -Confirm:$false", vars);
            Assert.Equal("ParameterArgumentValidationError", Assert.Single(context.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(context.Output);
            var flow = _ps.Run($"Invoke-InactiveSaClear {Connect} -Interface \"inside`nclear crypto ipsec sa inactive\" -Protocol udp " +
                "-Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389 -Confirm:$false", vars);
            Assert.Equal("InvalidDeviceArgument", Assert.Single(flow.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(asa.ReadRecording()); // not even a login

            var clean = _ps.Run($"Invoke-InactiveSaClear {Connect} {SeedFlow} -WhatIf", vars);
            Assert.Equal("StaleVpnContext;OneWayTraffic", P(Assert.Single(clean.Output), "BeforeVerdict"));
            Assert.NotEmpty(asa.ReadRecording());
        }

        [Fact]
        public void With_a_context_the_clear_runs_in_that_context_only()
        {
            var (asa, vars) = Start("asa-multi-context");
            var r = _ps.Run($"Invoke-InactiveSaClear {Connect} -Context cust-a -SettleSeconds 0 -Confirm:$false", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + asa.Log);
            var result = Assert.Single(r.Output);
            Assert.Equal("cust-a", P(result, "Context"));
            Assert.Equal(true, P(result, "Resolved"));
            var received = asa.ReadRecording().ToList();
            int at = received.IndexOf(Clear);
            Assert.Equal(1, received.Count(l => l == Clear));
            Assert.Equal("changeto context cust-a", received.Take(at).Last(l => l.StartsWith("changeto", StringComparison.Ordinal)));
            AssertOnlyEvidenceBesidesClears(received);
            Assert.DoesNotContain(received, l => l.StartsWith("changeto", StringComparison.Ordinal) && l != "changeto context cust-a");

            // cust-b was never touched: still its own outputs, and the same evidence there finds nothing to clear.
            var other = _ps.Run($"Invoke-InactiveSaClear {Connect} -Context cust-b -SettleSeconds 0 -Confirm:$false", vars);
            Assert.Equal("Skipped", P(Assert.Single(other.Output), "Status"));
            Assert.Equal(1, asa.ReadRecording().Count(l => l == Clear));
        }

        [Fact]
        public void IOS_XE_is_refused_with_what_fits_there_and_no_clear_is_sent()
        {
            var (hub, vars) = Start("iosxe-dmvpn-multi-spi");
            var r = _ps.Run($"Invoke-InactiveSaClear {Connect} -Peer 172.17.3.2 -Force -Confirm:$false", vars);
            Assert.Equal("NotAttempted", P(Assert.Single(r.Output), "Status"));
            Assert.Null(P(Assert.Single(r.Output), "CommandSent"));
            var e = Assert.Single(r.Errors);
            Assert.Equal("ClearNotSupported", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("clear crypto sa peer 172.17.3.2", e.Exception.Message);
            var received = hub.ReadRecording();
            Assert.Contains("show crypto ipsec sa peer 172.17.3.2", received); // the read-only evidence was read
            Assert.DoesNotContain(received, l => l.StartsWith("clear", StringComparison.Ordinal));
        }

        [Fact]
        public void Piped_findings_choose_the_device_and_it_is_cleared_once()
        {
            var (asa, vars) = Start("asa-stale-spi");
            // Findings naming another device: this one is left alone.
            var other = _ps.Run($"[pscustomobject]@{{ Code = 'StaleVpnContext'; Device = 'fw-other' }} | Invoke-InactiveSaClear {Connect} -Confirm:$false -Verbose", vars);
            Assert.Empty(other.Output);
            Assert.Contains(other.Verbose, v => v.Contains("no piped finding names this device", StringComparison.Ordinal));
            Assert.DoesNotContain(asa.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal));

            // Compare-SpiContext's two findings for fw-edge1 (StaleVpnContext, OneWayTraffic), and the host given twice: one clear.
            var r = _ps.Run($"Compare-SpiContext {Connect} {SeedFlow} | Invoke-InactiveSaClear -ComputerName 127.0.0.1, 127.0.0.1 -Port $port -Credential $cred " +
                $"-EnableCredential $enable -KnownHostsPath $kh {SeedFlow} -SettleSeconds 0 -Confirm:$false", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
            var result = Assert.Single(r.Output);
            Assert.Equal(true, P(result, "Resolved"));
            Assert.Equal(1, asa.ReadRecording().Count(l => l == Clear));
        }

        [Fact]
        public void A_piped_stuck_inactive_sa_finding_names_its_device_and_a_timeline_finding_does_not()
        {
            var (ftd, vars) = Start("ftd-inactive-sa-stuck");
            // The FTD prompt ('>') names no host; the device is known by its identity (host:port) in any case.
            // A finding that calls for no clear names no device: nothing is sent but nothing is cleared either.
            var ignored = _ps.Run($"[pscustomobject]@{{ Code = 'RekeyTimeline'; Device = '127.0.0.1' }} | Invoke-InactiveSaClear {Connect} -SettleSeconds 0 -Confirm:$false -Verbose", vars);
            Assert.Empty(ignored.Output);
            Assert.Contains(ignored.Warnings, w => w.Contains("No piped StaleVpnContext or StuckInactiveSa finding", StringComparison.Ordinal));
            Assert.DoesNotContain(ftd.ReadRecording(), l => l.StartsWith("clear", StringComparison.Ordinal));

            // Compare-SpiContext's StuckInactiveSa finding for the device: it is considered and cleared once.
            var r = _ps.Run($"[pscustomobject]@{{ Code = 'StuckInactiveSa'; Device = '127.0.0.1'; Peer = '203.0.113.10' }} | Invoke-InactiveSaClear {Connect} -SettleSeconds 0 -Confirm:$false -Verbose", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + ftd.Log);
            Assert.True(r.Output.Count == 1, string.Join("\n", r.Verbose.Concat(r.Warnings)));
            var result = r.Output[0];
            Assert.Equal($"127.0.0.1:{ftd.Port}", P(result, "Device")); // its identity: the host it was reached by, and the port
            Assert.Equal(Clear, P(result, "CommandSent"));
            Assert.Equal("0x1AAC9593;0x25A3076D", P(result, "StillInactive"));
            Assert.Equal(1, ftd.ReadRecording().Count(l => l == Clear));
        }

        /// <summary>A host whose user answers every choice prompt with <see cref="Answer"/> (a choice label such as "&amp;No").</summary>
        private sealed class AnsweringHost : PSHost
        {
            private readonly AnsweringUi _ui;
            public AnsweringHost() => _ui = new AnsweringUi(this);
            public string Answer { get; set; } = "&No";
            public List<(string Caption, string Message)> Prompts { get; } = new();
            public List<string> WarningLines { get; } = new();
            public override string Name => "AnsweringHost";
            public override Version Version => new(1, 0);
            public override Guid InstanceId { get; } = Guid.NewGuid();
            public override PSHostUserInterface UI => _ui;
            public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
            public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
            public override void SetShouldExit(int exitCode) { }
            public override void EnterNestedPrompt() => throw new NotSupportedException();
            public override void ExitNestedPrompt() => throw new NotSupportedException();
            public override void NotifyBeginApplication() { }
            public override void NotifyEndApplication() { }

            private sealed class AnsweringUi : PSHostUserInterface
            {
                private readonly AnsweringHost _host;
                public AnsweringUi(AnsweringHost host) => _host = host;
                public override PSHostRawUserInterface? RawUI => null;
                public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
                {
                    _host.Prompts.Add((caption, message));
                    for (int i = 0; i < choices.Count; i++)
                        if (choices[i].Label == _host.Answer) return i;
                    throw new InvalidOperationException($"no choice {_host.Answer} among {string.Join(", ", choices.Select(c => c.Label))}");
                }
                public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
                public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
                public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
                public override string ReadLine() => "";
                public override SecureString ReadLineAsSecureString() => new();
                public override void Write(string value) { }
                public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
                public override void WriteLine(string value) { }
                public override void WriteErrorLine(string value) { }
                public override void WriteDebugLine(string message) { }
                public override void WriteProgress(long sourceId, ProgressRecord record) { }
                public override void WriteVerboseLine(string message) { }
                public override void WriteWarningLine(string message) { lock (_host.WarningLines) _host.WarningLines.Add(message); }
            }
        }
    }
}
