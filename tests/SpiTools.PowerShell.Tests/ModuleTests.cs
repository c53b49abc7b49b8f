namespace SpiTools.PowerShell.Tests
{
    /// <summary>The staged module imports into PowerShell 7.6 and exports exactly its cmdlets.</summary>
    public class ModuleTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public ModuleTests(PowerShellFixture fixture) => _ps = fixture.Host;

        [Fact]
        public void The_engine_is_PowerShell_7_6_and_the_module_comes_from_the_staged_folder()
        {
            var r = _ps.Run("$PSVersionTable.PSVersion.ToString(); (Get-Module SpiTools).ModuleBase; (Get-Module SpiTools).Version.ToString()").ThrowOnError();
            Assert.StartsWith("7.6.", r.Strings()[0]);
            Assert.Equal(Path.TrimEndingDirectorySeparator(PowerShellHost.ModuleFolder), Path.TrimEndingDirectorySeparator(r.Strings()[1]));
            Assert.Equal("0.1.0", r.Strings()[2]);
        }

        [Fact]
        public void Exports_exactly_the_cmdlets_of_the_manifest()
        {
            var names = _ps.Run("(Get-Command -Module SpiTools).Name | Sort-Object").ThrowOnError().Strings();
            Assert.Equal(new[] { "Compare-SpiContext", "Export-SpiReport", "Get-AsaPacketTrace", "Get-AsaVpnContext", "Get-AsaVpnSession", "Get-IkeSa", "Get-IpsecLifetime", "Get-IpsecSa", "Get-SaEvent", "Get-SaTimeline", "Invoke-InactiveSaClear", "Invoke-SpiAudit" }, names);
        }

        [Fact]
        public void In_a_fresh_session_the_record_types_resolve_by_name_once_the_module_is_imported()
        {
            // A script's [SpiTools.Finding] or -is check must work before any cmdlet has run: PowerShell finds a type
            // by name only in assemblies already loaded, so the manifest loads the core with the module. Its own process:
            // this one has long loaded the core.
            string root = PowerShellHost.RepositoryRoot;
            var (restore, restoreOut) = PackageTests.Run(root, null, "dotnet", "tool", "restore");
            Assert.True(restore == 0, "dotnet tool restore failed:\n" + restoreOut);
            string script = "$ErrorActionPreference = 'Stop'; Import-Module '" + PowerShellHost.ModuleManifest.Replace("'", "''") + "'; " +
                "'before=' + [SpiTools.Finding].FullName + ',' + [SpiTools.IpsecSa].FullName; " +
                "$sa = @(Get-IpsecSa -Path ./examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt); " +
                "'typed=' + ($sa.Count -gt 0 -and ($sa | Where-Object { $_ -isnot [SpiTools.IpsecSa] }).Count -eq 0)";
            var (exit, output) = PackageTests.Run(root, null, "dotnet", "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", script);
            Assert.True(exit == 0, output);
            Assert.Contains("before=SpiTools.Finding,SpiTools.IpsecSa", output);
            Assert.Contains("typed=True", output);
        }

        [Fact]
        public void The_staged_folder_holds_no_engine_assembly()
        {
            Assert.True(File.Exists(PowerShellHost.ModuleManifest));
            Assert.False(File.Exists(Path.Combine(PowerShellHost.ModuleFolder, "System.Management.Automation.dll")));
            Assert.True(File.Exists(Path.Combine(PowerShellHost.ModuleFolder, "SpiTools.Format.ps1xml")));
        }

        [Fact]
        public void Parallel_runspaces_each_import_and_read()
        {
            // ForEach-Object -Parallel: the assembly is shared by every runspace, so no state may leak between them.
            var r = _ps.Run(@"
                $m = (Get-Module SpiTools).Path
                $files = @('examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt', 'examples/asa-stale-spi/device-after-clear/show-crypto-ipsec-sa.txt',
                           'examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt') | ForEach-Object { (Resolve-Path $_).Path }
                $files * 4 | ForEach-Object -Parallel { Import-Module $using:m; [pscustomobject]@{ File = $_; Count = @(Get-IpsecSa -Path $_).Count } } -ThrottleLimit 4 |
                    Group-Object File | ForEach-Object { '{0}={1}' -f (Split-Path $_.Name -Leaf), (($_.Group.Count | Sort-Object -Unique) -join ',') + ':' + (($_.Group | ForEach-Object Count | Sort-Object -Unique) -join ',') }
            ").ThrowOnError();
            var serial = _ps.Run(@"@('examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt', 'examples/asa-stale-spi/device-after-clear/show-crypto-ipsec-sa.txt',
                           'examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt') | ForEach-Object { @(Get-IpsecSa -Path $_).Count }").ThrowOnError().Strings();
            Assert.Equal(3, r.Output.Count);
            // Each file read 4 times in parallel gives one count, the same as read serially.
            Assert.All(r.Strings(), s => Assert.DoesNotContain(",", s.Split(':')[1]));
            Assert.Equal(serial.OrderBy(s => s), r.Strings().Select(s => s.Split(':')[1]).OrderBy(s => s));
            Assert.All(serial, s => Assert.NotEqual("0", s));
        }
    }
}
