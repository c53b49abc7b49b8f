using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Scale-out on PowerShell remoting: two sshd instances with the PowerShell subsystem act as jump hosts, each
    /// auditing its part of a simulated fleet with Invoke-SpiAudit -Partition; the merged, deserialized results equal
    /// a single-machine run and still filter and export.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class RemotingScaleOutTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly List<SshdHost> _hosts = new();
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-remoting").FullName;

        public RemotingScaleOutTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        [Fact]
        public void Two_jump_hosts_each_audit_half_of_the_fleet_and_the_merged_results_equal_one_machines()
        {
            string pwsh = Path.Combine((string)_ps.Run("$PSHOME").ThrowOnError().Output[0].BaseObject, "pwsh");
            var toolPwsh = Directory.GetFiles(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "powershell"),
                "pwsh", SearchOption.AllDirectories).FirstOrDefault(p => p.Contains("7.6.9") && p.Contains("unix"));
            Assert.True(toolPwsh != null, "the PowerShell tool (dotnet tool restore) provides the jump hosts' pwsh");
            var knownHosts = Path.Combine(_dir, "known_hosts");
            var devices = new List<SshdHost>();
            foreach (var scenario in new[] { "asa-stale-spi", "asa-stale-spi", "iosxe-dmvpn-multi-spi", "asa-stale-spi" })
            {
                var d = SshdHost.Start(new SshdOptions { Scenario = scenario });
                _hosts.Add(d);
                devices.Add(d);
                File.AppendAllLines(knownHosts, d.KnownHostsLines);
            }
            var jumps = Enumerable.Range(0, 2).Select(_ => SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", PowerShellSubsystem = toolPwsh })).ToList();
            _hosts.AddRange(jumps);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[] { "ComputerName,Port" }.Concat(devices.Select(d => $"127.0.0.1,{d.Port}")).Append("127.0.0.1,1"));

            var vars = new Dictionary<string, object?>
            {
                ["inv"] = inventory,
                ["kh"] = knownHosts,
                ["module"] = PowerShellHost.ModuleManifest,
                ["user"] = devices[0].UserName,
                ["pw"] = devices[0].Password,
                ["jumps"] = jumps.Select(j => j.Port).ToArray(),
                ["key"] = jumps[0].PrivateKeyPath,
                ["key2"] = jumps[1].PrivateKeyPath,
            };
            const string audit = @"
                param($module, $inv, $kh, $user, $pw, $part)
                Import-Module $module
                $cred = [pscredential]::new($user, (ConvertTo-SecureString $pw -AsPlainText -Force))
                $enable = [pscredential]::new('enable', (ConvertTo-SecureString 'sim-enable-secret' -AsPlainText -Force))
                $p = @{ Credential = $cred; EnableCredential = $enable; KnownHostsPath = $kh; TimeoutSeconds = 60; ErrorAction = 'SilentlyContinue' }
                if ($part) { $p.Partition = $part }
                Import-Csv $inv | Invoke-SpiAudit @p";
            var local = _ps.Run($"& {{ {audit} }} $module $inv $kh $user $pw $null", vars);
            var remote = _ps.Run($@"
                $sb = [scriptblock]::Create(@'
{audit}
'@)
                $options = @{{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' }}
                $a = Invoke-Command -HostName 127.0.0.1 -Port $jumps[0] -UserName root -KeyFilePath $key -Options $options -ScriptBlock $sb -ArgumentList $module, $inv, $kh, $user, $pw, '1/2'
                $b = Invoke-Command -HostName 127.0.0.1 -Port $jumps[1] -UserName root -KeyFilePath $key2 -Options $options -ScriptBlock $sb -ArgumentList $module, $inv, $kh, $user, $pw, '2/2'
                $a; $b", vars);
            Assert.True(remote.Errors.All(e => !e.FullyQualifiedErrorId.Contains("PSSession")), string.Join("\n", remote.Errors) + jumps[0].Log);

            static List<string> Summaries(IEnumerable<PSObject> o) => o.Where(x => x.TypeNames.Any(t => t.EndsWith("SpiTools.DeviceAuditSummary")))
                .Select(x => $"{x.Properties["Device"].Value}|{x.Properties["Status"].Value}|{x.Properties["ErrorId"].Value}|{x.Properties["SaCount"].Value}").OrderBy(s => s).ToList();
            static List<string> Findings(IEnumerable<PSObject> o) => o.Where(x => x.TypeNames.Any(t => t.EndsWith("SpiTools.Finding")))
                .Select(x => $"{x.Properties["Device"].Value}|{x.Properties["Code"].Value}|{x.Properties["Spi"].Value}").OrderBy(s => s).ToList();
            Assert.Equal(5, Summaries(local.Output).Count);
            Assert.Equal(Summaries(local.Output), Summaries(remote.Output));
            Assert.Equal(Findings(local.Output), Findings(remote.Output));
            // Deserialized, and still they filter, sort and export.
            Assert.All(remote.Output, o => Assert.StartsWith("Deserialized.SpiTools.", o.TypeNames[0]));
            var csv = Path.Combine(_dir, "remote.csv");
            var back = _ps.Run("$r | Where-Object Severity -eq Critical | Sort-Object Device | Export-Csv $csv -NoTypeInformation; (Import-Csv $csv).Count",
                new Dictionary<string, object?> { ["r"] = remote.Output.ToArray(), ["csv"] = csv }).ThrowOnError();
            Assert.Equal(Findings(local.Output).Count(f => f.Contains("StaleVpnContext") || f.Contains("OneWayTraffic")).ToString(), back.Strings().Single());
        }
    }
}
