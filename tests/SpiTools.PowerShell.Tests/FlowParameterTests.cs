using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The packet-tracer flow parameters belong to the cmdlets that trace a flow (Compare-SpiContext, Get-AsaPacketTrace,
    /// Invoke-InactiveSaClear): the log and table readers neither take them nor show them in their syntax or help, and
    /// the trace cmdlets still take them and still trace.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class FlowParameterTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private static readonly string[] FlowParameters = { "Interface", "Protocol", "Source", "SourcePort", "Destination", "DestinationPort" };
        private const string SeedFlow = "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389";

        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-flow").FullName;

        public FlowParameterTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        public static TheoryData<string> Readers => new() { "Get-SaTimeline", "Get-SaEvent", "Get-IpsecLifetime", "Get-IkeSa", "Get-IpsecSa", "Get-AsaVpnContext", "Get-AsaVpnSession" };

        public static TheoryData<string> Tracers => new() { "Compare-SpiContext", "Get-AsaPacketTrace", "Invoke-InactiveSaClear" };

        [Theory]
        [MemberData(nameof(Readers))]
        public void A_log_or_table_reader_takes_no_flow_parameter_and_its_syntax_and_help_show_none(string cmdlet)
        {
            var parameters = _ps.Run($"(Get-Command {cmdlet}).Parameters.Keys").ThrowOnError().Strings();
            // It still reads live devices: the connection parameters are there.
            Assert.Contains("ComputerName", parameters);
            Assert.Contains("SSHSession", parameters);
            Assert.Contains("Peer", parameters);
            foreach (var flow in FlowParameters) Assert.DoesNotContain(flow, parameters);

            var syntax = string.Join("\n", _ps.Run($"Get-Command {cmdlet} -Syntax").ThrowOnError().Strings());
            var help = string.Join("\n", _ps.Run($"Get-Help {cmdlet} | Select-Object -ExpandProperty syntax | Out-String -Width 4096").ThrowOnError().Strings());
            Assert.Contains("-ComputerName", syntax);
            Assert.Contains("-ComputerName", help);
            foreach (var flow in FlowParameters)
            {
                Assert.DoesNotContain($"-{flow} ", syntax);
                Assert.DoesNotContain($"-{flow} ", help);
            }
        }

        [Theory]
        [MemberData(nameof(Tracers))]
        public void A_trace_cmdlet_takes_every_flow_parameter_for_both_live_inputs(string cmdlet)
        {
            foreach (var flow in FlowParameters)
            {
                var sets = _ps.Run($"(Get-Command {cmdlet}).Parameters['{flow}'].ParameterSets.Keys").ThrowOnError().Strings();
                Assert.Equal(new[] { "ComputerName", "SSHSession" }, sets.OrderBy(s => s, StringComparer.Ordinal));
            }
            var help = string.Join("\n", _ps.Run($"Get-Help {cmdlet} | Select-Object -ExpandProperty syntax | Out-String -Width 4096").ThrowOnError().Strings());
            foreach (var flow in FlowParameters) Assert.Contains($"-{flow} ", help);
        }

        [Fact]
        public void Get_AsaPacketTrace_still_traces_a_live_flow_and_a_reader_given_a_flow_is_refused_before_any_login()
        {
            using var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var password = new System.Security.SecureString();
            foreach (var c in asa.Password) password.AppendChar(c);
            var enable = new System.Security.SecureString();
            foreach (var c in "sim-enable-secret") enable.AppendChar(c);
            var vars = new Dictionary<string, object?>
            {
                ["port"] = asa.Port,
                ["cred"] = new PSCredential(asa.UserName, password),
                ["enable"] = new PSCredential("enable", enable),
                ["kh"] = kh,
            };
            const string login = "-ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh";

            var refused = _ps.Run($"Get-SaEvent {login} {SeedFlow}", vars);
            var id = refused.Errors.Select(e => e.FullyQualifiedErrorId).FirstOrDefault() ?? (refused.Terminating as IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId;
            Assert.StartsWith("NamedParameterNotFound,", id);
            Assert.Empty(refused.Output);
            Assert.Empty(asa.ReadRecording()); // not even a login

            var traced = _ps.Run($"Get-AsaPacketTrace {login} {SeedFlow}", vars);
            Assert.True(traced.Errors.Count == 0 && traced.Terminating == null, string.Join("\n", traced.Errors) + traced.Terminating + asa.Log);
            var trace = Assert.Single(traced.Output, o => o.TypeNames[0] == "SpiTools.PacketTrace");
            // Named by its identity (host:port), whatever host name the prompt shows (fw-edge1).
            Assert.Equal($"127.0.0.1:{asa.Port}", trace.Properties["Device"].Value);
            Assert.Contains("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed", asa.ReadRecording());
        }
    }
}
