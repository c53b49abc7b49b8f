using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The cmdlets against a live (simulated) device over real sshd: the stale-SPI procedure run by the tool, what was
    /// sent (the simulator records every line it received), typed failures, refusals that send nothing.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveDeviceTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private readonly PowerShellHost _ps;
        private readonly SshdHost _asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-live").FullName;
        private readonly string _knownHosts;

        public LiveDeviceTests(PowerShellFixture fixture)
        {
            _ps = fixture.Host;
            _knownHosts = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(_knownHosts, _asa.KnownHostsLines);
        }

        public void Dispose()
        {
            _asa.Dispose();
            Directory.Delete(_dir, true);
        }

        private Dictionary<string, object?> Vars(SshdHost host, string? password = null) => new()
        {
            ["port"] = host.Port,
            ["cred"] = new PSCredential(host.UserName, InventoryAudit.Secure(password ?? host.Password)),
            ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
            ["kh"] = _knownHosts,
            ["dir"] = _dir,
        };

        private const string SeedFlow = "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389";

        [Fact]
        public void Compare_spi_context_runs_the_stale_spi_procedure_on_a_live_asa_and_sends_only_what_it_means()
        {
            var r = _ps.Run($"Compare-SpiContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh {SeedFlow} -SaveCapture $dir -Verbose",
                Vars(_asa));
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + _asa.Log);
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, r.Output.Select(o => (string)o.Properties["Code"].Value));
            Assert.All(r.Output, o => Assert.Equal($"127.0.0.1:{_asa.Port}", o.Properties["Device"].Value)); // its identity, not its prompt
            Assert.Equal("clear crypto ipsec sa inactive", r.Output[0].Properties["Remediation"].Value);

            // Every line the device received: the session setup, read-only show commands and the one packet-tracer.
            var received = _asa.ReadRecording();
            Assert.Equal(new[]
            {
                "", "enable", "<enable-password>", "terminal pager 0",
                "packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed",
                "show asp table vpn-context detail",
                "show crypto ipsec sa",
                "show crypto ipsec sa peer 203.0.113.10",
                "show running-config crypto ipsec",
                "show vpn-sessiondb detail l2l",
            }, received.Where(l => l != "show version" && l != "exit" && !l.StartsWith("<pager")));
            Assert.DoesNotContain(received, l => l.StartsWith("clear") || l.StartsWith("conf"));

            // The simulated release lacks the two lifetime outputs: warnings with its error line, and the diagnosis ran.
            Assert.Equal(2, r.Warnings.Count(w => w.Contains("show running-config crypto ipsec") || w.Contains("show vpn-sessiondb detail l2l")));

            // The saved captures replay offline to the same findings; no secret anywhere.
            var replay = _ps.Run($"Compare-SpiContext -Path (Join-Path $dir 127.0.0.1_{_asa.Port})", Vars(_asa)).ThrowOnError();
            Assert.Equal(r.Output.Select(o => o.Properties["Evidence"].Value), replay.Output.Select(o => o.Properties["Evidence"].Value));
            var everything = string.Join("\n", r.Warnings.Concat(r.Verbose).Concat(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(File.ReadAllText)));
            Assert.DoesNotContain(EnableSecret, everything);
            Assert.DoesNotContain(_asa.Password, everything);
        }

        [Fact]
        public void Get_cmdlets_read_a_live_device()
        {
            var sas = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh", Vars(_asa));
            Assert.True(sas.Errors.Count == 0, string.Join("\n", sas.Errors));
            Assert.Equal(4, sas.Output.Count);
            Assert.All(sas.Output, o => Assert.Equal($"127.0.0.1:{_asa.Port}", o.Properties["Device"].Value));
            var contexts = _ps.Run("Get-AsaVpnContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh", Vars(_asa));
            Assert.Equal(5, contexts.Output.Count);
        }

        [Fact]
        public void An_injected_value_is_refused_before_anything_is_sent_and_a_clean_value_still_works()
        {
            var injected = _ps.Run("Compare-SpiContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh " +
                "-Interface \"inside`nclear crypto ipsec sa inactive\" -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389", Vars(_asa));
            Assert.Empty(injected.Output);
            Assert.Equal("InvalidDeviceArgument", Assert.Single(injected.Errors).FullyQualifiedErrorId.Split(',')[0]);
            var context = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh -Context 'c1; clear crypto ipsec sa inactive'", Vars(_asa));
            Assert.Equal("ParameterArgumentValidationError", Assert.Single(context.Errors).FullyQualifiedErrorId.Split(',')[0]);
            var peer = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh -Peer '203.0.113.10 | include spi'", Vars(_asa));
            Assert.Equal("InvalidDeviceArgument", Assert.Single(peer.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(peer.Output);
            Assert.Empty(_asa.ReadRecording()); // not even a login

            var clean = _ps.Run($"Compare-SpiContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh {SeedFlow}", Vars(_asa));
            Assert.Contains(clean.Output, o => (string)o.Properties["Code"].Value == "StaleVpnContext");
        }

        [Fact]
        public void Connection_failures_are_typed_errors()
        {
            var wrong = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh", Vars(_asa, password: "not-the-password"));
            Assert.Equal("AuthenticationFailed", Assert.Single(wrong.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.DoesNotContain("not-the-password", wrong.Errors[0].ToString());

            var unknownKh = Path.Combine(_dir, "empty_known_hosts");
            File.WriteAllText(unknownKh, "");
            var vars = Vars(_asa);
            vars["kh"] = unknownKh;
            var unknown = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh", vars);
            var e = Assert.Single(unknown.Errors);
            Assert.Equal("HostKeyUnknown", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("SHA256:", e.ToString());
            Assert.Empty(unknown.Output);

            var accepted = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -AcceptNewHostKey", vars);
            Assert.Empty(accepted.Errors);
            Assert.Equal(4, accepted.Output.Count);
            Assert.NotEmpty(File.ReadAllText(unknownKh));

            var refused = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port 1 -Credential $cred -KnownHostsPath $kh", Vars(_asa));
            Assert.Equal("ConnectionRefused", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void An_ios_xe_hub_is_read_for_one_peer()
        {
            using var hub = SshdHost.Start(new SshdOptions { Scenario = "iosxe-dmvpn-multi-spi" });
            var kh = Path.Combine(_dir, "hub_known_hosts");
            File.WriteAllLines(kh, hub.KnownHostsLines);
            var vars = Vars(hub);
            vars["kh"] = kh;
            var r = _ps.Run("Get-IpsecSa -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -Peer 172.17.3.2", vars);
            Assert.Equal(6, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal($"127.0.0.1:{hub.Port}", o.Properties["Device"].Value));
            Assert.Contains("terminal length 0", hub.ReadRecording());
            Assert.Contains("show crypto ipsec sa peer 172.17.3.2", hub.ReadRecording());
        }
    }
}
