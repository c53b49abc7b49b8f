using System.Diagnostics;
using System.Text.Json;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Remoting-safe objects: filters by name behave the same on live objects, after Export-Clixml / Import-Clixml
    /// (the serializer remoting and jobs use) and after Export-Csv / Import-Csv; deserialized objects keep their
    /// views; ConvertTo-Json and the CLI's JSON agree on every property's value.
    /// </summary>
    public class SerializationTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-ser").FullName;

        public SerializationTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>Each output type, the command that makes it, a filter and how many the filter keeps.</summary>
        public static TheoryData<string, string, string, int> Types => new()
        {
            { "IpsecSa", "Get-IpsecSa examples/asa-stale-spi/device", "Direction -eq Outbound", 2 },
            { "VpnContext", "Get-AsaVpnContext examples/asa-stale-spi/device", "Direction -eq Inbound", 2 },
            { "PacketTrace", "Get-AsaPacketTrace examples/asa-stale-spi/device", "EncryptVpnContext -eq '0x2D2EA0A4'", 1 },
            { "PacketTracePhase", "Get-AsaPacketTrace examples/asa-stale-spi/device -Phase", "Subtype -eq encrypt", 1 },
            { "Finding", "Compare-SpiContext examples/asa-stale-spi/device", "Severity -eq Critical", 2 },
            { "Finding", "Compare-SpiContext examples/asa-stale-spi/device", "Code -eq StaleVpnContext", 1 },
            { "ParseDiagnostic", "Get-IpsecSa examples/asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt -IncludeDiagnostic -WarningAction SilentlyContinue | Where-Object RecordType -eq ParseDiagnostic", "Severity -eq Warning", -1 },
            { "IpsecLifetime", "Get-IpsecLifetime examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt", "Scope -eq default", 1 },
            { "VpnSessionTunnel", "Get-AsaVpnSession $sessiondb", "TunnelType -eq IPsec", -1 },
            { "SaEvent", "Get-SaEvent examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt", "Kind -eq SaInstalled", 2 },
            { "IkeSa", "Get-IkeSa $ikesa", "IkeVersion -eq IKEv2", 2 },
            { "SaTimelineEntry", "Get-SaTimeline examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt, examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt", "MessageId -eq 3247684825", 3 },
        };

        private Dictionary<string, object?> Vars() => new()
        {
            ["dir"] = _dir,
            ["sessiondb"] = Directory.EnumerateFiles(PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures"), "*vpn-sessiondb*", SearchOption.AllDirectories).First(),
            ["ikesa"] = PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures/captures/peers/genieparser/cisco_xe/show-crypto-ikev2-sa-detail/ShowCryptoIkev2SaDetail__golden_output7.raw"),
        };

        [Theory]
        [MemberData(nameof(Types))]
        public void A_filter_by_name_keeps_the_same_objects_live_after_clixml_and_after_csv(string type, string command, string filter, int expected)
        {
            var r = _ps.Run($@"
                $live = @({command})
                $live | Export-Clixml (Join-Path $dir 'x.clixml')
                $back = @(Import-Clixml (Join-Path $dir 'x.clixml'))
                $live | Export-Csv (Join-Path $dir 'x.csv') -NoTypeInformation
                $csv = @(Import-Csv (Join-Path $dir 'x.csv'))
                $live.Count
                @($live | Where-Object {filter}).Count
                @($back | Where-Object {filter}).Count
                @($csv | Where-Object {filter}).Count
                $back[0].PSObject.TypeNames[0]
                ($live | Where-Object {filter} | ForEach-Object Line) -join ','
                ($back | Where-Object {filter} | ForEach-Object Line) -join ','
                ($csv | Where-Object {filter} | ForEach-Object Line) -join ','", Vars()).ThrowOnError();
            var s = r.Strings();
            Assert.True(int.Parse(s[0]) > 0, "the command gave objects");
            int live = int.Parse(s[1]);
            if (expected >= 0) Assert.Equal(expected, live);
            else Assert.True(live > 0, "the filter keeps some objects");
            Assert.Equal(live, int.Parse(s[2]));
            Assert.Equal(live, int.Parse(s[3]));
            Assert.Equal("Deserialized.SpiTools." + type, s[4]);
            Assert.Equal(s[5], s[6]);
            Assert.Equal(s[5], s[7]);
        }

        [Fact]
        public void Deserialized_objects_keep_their_views()
        {
            var live = _ps.Render("Get-IpsecSa examples/asa-stale-spi/device", 80);
            var back = _ps.Render($"Get-IpsecSa examples/asa-stale-spi/device | Export-Clixml (Join-Path '{_dir}' 'v.clixml'); Import-Clixml (Join-Path '{_dir}' 'v.clixml')", 80);
            Assert.Contains("Cur", live);
            Assert.Equal(live, back);
            var findings = _ps.Render($"Compare-SpiContext examples/asa-stale-spi/device | Export-Clixml (Join-Path '{_dir}' 'f.clixml'); Import-Clixml (Join-Path '{_dir}' 'f.clixml')", 80);
            Assert.Contains("Remediation : clear crypto ipsec sa inactive", findings);
            var events = _ps.Render("Get-SaEvent examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt", 80);
            var eventsBack = _ps.Render($"Get-SaEvent examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt | Export-Clixml (Join-Path '{_dir}' 'e.clixml'); Import-Clixml (Join-Path '{_dir}' 'e.clixml')", 80);
            Assert.Contains("Sep 07 23:11:50 SaInstalled", events);
            Assert.Equal(events, eventsBack);
            Assert.All(events.Split('\n'), l => Assert.True(l.TrimEnd().Length <= 80, l));
            var timeline = _ps.Render("Get-SaTimeline examples/iosxe-dmvpn-multi-spi", 80);
            var timelineBack = _ps.Render($"Get-SaTimeline examples/iosxe-dmvpn-multi-spi | Export-Clixml (Join-Path '{_dir}' 't.clixml'); Import-Clixml (Join-Path '{_dir}' 't.clixml')", 80);
            Assert.Matches(@"Tunnel: 172\.17\.3\.1 - 172\.17\.3\.2 on \d{4}-09-07\n   A: debug-crypto-isakmp\.side-a\n   B: debug-crypto-isakmp\.side-b\n   Rekeys: 2, interval 37 s", timeline);
            Assert.Equal(timeline, timelineBack);
        }

        public static TheoryData<string, string> JsonCases => new()
        {
            { "Get-IpsecSa examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt", "examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt" },
            { "Get-IpsecSa examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt", "examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt" },
            { "Get-AsaVpnContext examples/asa-stale-spi/device/show-asp-table-vpn-context-detail.txt", "examples/asa-stale-spi/device/show-asp-table-vpn-context-detail.txt" },
            { "Get-IpsecLifetime examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt", "examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt" },
            { "Get-SaEvent examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt", "examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt" },
            { "Get-IpsecSa examples/asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt -IncludeDiagnostic -WarningAction SilentlyContinue", "examples/asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt" },
        };

        [Theory]
        [MemberData(nameof(JsonCases))]
        public void ConvertTo_Json_and_the_cli_json_agree_on_every_property(string command, string file)
        {
            var ps = _ps.Run($"{command} | ConvertTo-Json -Depth 1 -AsArray").ThrowOnError();
            using var fromPs = JsonDocument.Parse(string.Join("\n", ps.Strings()));
            using var fromCli = JsonDocument.Parse(Cli("parse", "--format", "json", PowerShellHost.RepoPath(file)));
            var cliRecords = fromCli.RootElement.EnumerateArray().Where(e => e.GetProperty("RecordType").GetString() != "ParseDiagnostic" || command.Contains("IncludeDiagnostic")).ToList();
            var psRecords = fromPs.RootElement.EnumerateArray().ToList();
            // The CLI reads every output of the file; the cmdlet outputs its own type (and diagnostics on request).
            var wanted = psRecords.Select(r => r.GetProperty("RecordType").GetString()).Distinct().ToList();
            cliRecords = cliRecords.Where(r => wanted.Contains(r.GetProperty("RecordType").GetString())).ToList();
            Assert.Equal(cliRecords.Count, psRecords.Count);
            Assert.NotEmpty(psRecords);
            for (int i = 0; i < psRecords.Count; i++)
            {
                var cliProps = cliRecords[i].EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var p in psRecords[i].EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object) continue; // nested lists are flattened differently
                    if (p.Name == "Source") continue; // the CLI names the path as given, the cmdlet the resolved path
                    Assert.True(cliProps.ContainsKey(p.Name), $"CLI JSON lacks {p.Name}");
                    Assert.True(JsonElement.DeepEquals(p.Value, cliProps[p.Name]), $"record {i} {p.Name}: PowerShell {p.Value.GetRawText()} CLI {cliProps[p.Name].GetRawText()}");
                }
            }
        }

        private static string Cli(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(PowerShellHost.Metadata("CliAssembly"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000), "spitools finished");
            Assert.True(p.ExitCode == 0, stderr.Result);
            return stdout.Result;
        }
    }
}
