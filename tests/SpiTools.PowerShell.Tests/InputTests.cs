using System.Management.Automation;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Input the way PowerShell users give it: by value, by property name, folders, wildcards, escapes, literal paths.</summary>
    public class InputTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-ps").FullName;

        public InputTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private static readonly string SaFile = Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt");

        [Theory]
        [InlineData("Get-IpsecSa -Path $device", 4)]
        [InlineData("Get-IpsecSa $device", 4)]
        [InlineData("Get-AsaVpnContext -Path $device", 5)]
        [InlineData("Get-AsaPacketTrace -Path $device", 1)]
        [InlineData("Get-IpsecSa -LiteralPath $device", 4)]
        [InlineData("Get-IpsecSa -Path (Join-Path $device 'show-crypto-*.txt')", 4)]
        [InlineData("Get-IpsecSa -Path (Join-Path $device '*')", 4)]
        [InlineData("Get-ChildItem $device | Get-IpsecSa", 4)]
        [InlineData("Get-Item $device | Get-IpsecSa", 4)]
        [InlineData("Get-ChildItem examples/asa-stale-spi, examples/iosxe-dmvpn-multi-spi -Recurse -Filter *.txt | Get-IpsecSa -WarningAction SilentlyContinue", 4 + 4 + 2 + 6)]
        [InlineData("Get-Content (Join-Path $device 'show-crypto-ipsec-sa.txt') | Get-IpsecSa", 4)]
        [InlineData("Get-Content -Raw (Join-Path $device 'show-crypto-ipsec-sa.txt') | Get-IpsecSa", 4)]
        [InlineData("Get-IpsecLifetime -Path examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt", 5)]
        public void Each_way_of_giving_input_reads_the_same_records(string script, int count)
        {
            var r = _ps.Run(script, new Dictionary<string, object?> { ["device"] = PowerShellHost.SeedDevice }).ThrowOnError();
            Assert.Equal(count, r.Output.Count);
            Assert.All(r.Output, o => Assert.StartsWith("SpiTools.", o.TypeNames[0]));
        }

        [Fact]
        public void A_folder_is_one_device_and_a_wildcard_picks_folders_too_for_compare_and_before()
        {
            var folder = _ps.Run("Compare-SpiContext -Path examples/asa-stale-spi/device").ThrowOnError();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, folder.Output.Select(o => (string)o.Properties["Code"].Value));
            var before = _ps.Run("Compare-SpiContext -Path examples/asa-stale-spi/device -Before examples/asa-stale-spi/dev*ice").ThrowOnError();
            // The same snapshot as "before": nothing moved, so the one-way verdict (judged on growth) goes and the stale context stays.
            Assert.Equal(new[] { "StaleVpnContext" }, before.Output.Select(o => (string)o.Properties["Code"].Value));
            var wildcardBefore = _ps.Run("Compare-SpiContext -Path examples/asa-stale-spi/device -Before 'examples/asa-stale-spi/device/*.txt'").ThrowOnError();
            Assert.Equal(new[] { "StaleVpnContext" }, wildcardBefore.Output.Select(o => (string)o.Properties["Code"].Value));
        }

        [Fact]
        public void An_escaped_path_resolves_as_get_content_resolves_it_and_literal_path_takes_it_as_is()
        {
            var odd = Path.Combine(_dir, "fw1[2024-01-01]");
            Directory.CreateDirectory(odd);
            File.Copy(SaFile, Path.Combine(odd, "show-crypto-ipsec-sa.txt"));
            var vars = new Dictionary<string, object?> { ["dir"] = _dir };
            var escaped = _ps.Run("Get-IpsecSa -Path (Join-Path $dir 'fw1`[2024-01-01`]/show-crypto-ipsec-sa.txt')", vars).ThrowOnError();
            Assert.Equal(4, escaped.Output.Count);
            var escapedFolder = _ps.Run("Get-IpsecSa -Path (Join-Path $dir 'fw1`[2024-01-01`]')", vars).ThrowOnError();
            Assert.Equal(4, escapedFolder.Output.Count);
            var literal = _ps.Run("Get-IpsecSa -LiteralPath (Join-Path $dir 'fw1[2024-01-01]/show-crypto-ipsec-sa.txt')", vars).ThrowOnError();
            Assert.Equal(4, literal.Output.Count);
            var content = _ps.Run("@(Get-Content (Join-Path $dir 'fw1`[2024-01-01`]/show-crypto-ipsec-sa.txt')).Count -gt 0", vars).ThrowOnError();
            Assert.Equal("True", content.Strings().Single());
        }

        [Fact]
        public void A_wildcard_that_matches_nothing_gives_nothing_as_get_item_does_and_a_missing_file_is_an_error()
        {
            var getItem = _ps.Run("Get-Item examples/nothing-here*").ThrowOnError();
            Assert.Empty(getItem.Output);
            var nothing = _ps.Run("Get-IpsecSa -Path examples/nothing-here*, $file", new Dictionary<string, object?> { ["file"] = SaFile }).ThrowOnError();
            Assert.Equal(4, nothing.Output.Count);
            var missing = _ps.Run("Get-IpsecSa -Path examples/nothing-here.txt, $file", new Dictionary<string, object?> { ["file"] = SaFile });
            Assert.Equal(4, missing.Output.Count);
            var error = Assert.Single(missing.Errors);
            Assert.Equal("CaptureFileNotFound,SpiTools.Commands.GetIpsecSaCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Fact]
        public void A_posh_ssh_result_binds_output_and_host_by_property_name()
        {
            var r = _ps.Run(@"
                $lines = Get-Content $file | Select-Object -Skip 1   # Invoke-SSHCommand's Output holds no prompt
                $result = [pscustomobject]@{ Host = 'fw-lab9'; Output = [string[]]$lines; ExitStatus = 0; Error = ''; Duration = [timespan]::Zero }
                $result.PSObject.TypeNames.Insert(0, 'SSH.Stream.SshCommandResult')
                $result | Get-IpsecSa
                [pscustomobject]@{ Host = 'fw-lab10'; Output = [string[]]$lines } | Get-IpsecSa", new Dictionary<string, object?> { ["file"] = SaFile }).ThrowOnError();
            Assert.Equal(new[] { "fw-lab9", "fw-lab9", "fw-lab9", "fw-lab9", "fw-lab10", "fw-lab10", "fw-lab10", "fw-lab10" },
                r.Output.Select(o => (string)o.Properties["Device"].Value));
            var named = _ps.Run("Get-Content $file | Select-Object -Skip 1 | Get-IpsecSa -Device fw-x", new Dictionary<string, object?> { ["file"] = SaFile }).ThrowOnError();
            Assert.All(named.Output, o => Assert.Equal("fw-x", o.Properties["Device"].Value));
        }

        [Fact]
        public void ComputerName_connects_and_Device_labels_text()
        {
            var r = _ps.Run(@"$c = Get-Command Get-IpsecSa
                ($c.ParameterSets | Where-Object Name -eq InputText).Parameters.Name
                '--'
                ($c.ParameterSets | Where-Object Name -eq ComputerName).Parameters.Name
                '--'
                $c.Parameters['Device'].Aliases").ThrowOnError().Strings();
            int first = r.IndexOf("--"), second = r.LastIndexOf("--");
            var textSet = r.Take(first).ToList();
            var deviceSet = r.Skip(first + 1).Take(second - first - 1).ToList();
            Assert.Contains("Device", textSet);
            Assert.DoesNotContain("ComputerName", textSet);
            Assert.Contains("ComputerName", deviceSet);
            Assert.Contains("Credential", deviceSet);
            Assert.DoesNotContain("Device", deviceSet);
            Assert.Contains("Host", r.Skip(second + 1));
        }
    }
}
