using System.Management.Automation;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Errors, warnings, verbose and progress as the engine delivers them.</summary>
    public class StreamsAndErrorsTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-err").FullName;

        public StreamsAndErrorsTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private Dictionary<string, object?> Vars(params (string, object?)[] v) => v.ToDictionary(x => x.Item1, x => x.Item2);

        [Fact]
        public void A_missing_file_is_non_terminating_and_error_action_stop_makes_it_terminating()
        {
            var sa = Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt");
            var soft = _ps.Run("Get-IpsecSa -Path nope.txt, $sa", Vars(("sa", sa)));
            Assert.Equal(4, soft.Output.Count);
            var e = Assert.Single(soft.Errors);
            Assert.Equal("CaptureFileNotFound,SpiTools.Commands.GetIpsecSaCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.EndsWith("nope.txt", (string)e.TargetObject);

            var hard = _ps.Run("try { Get-IpsecSa -Path nope.txt, $sa -ErrorAction Stop } catch { 'caught ' + $_.FullyQualifiedErrorId }", Vars(("sa", sa))).ThrowOnError();
            Assert.Equal(new[] { "caught CaptureFileNotFound,SpiTools.Commands.GetIpsecSaCommand" }, hard.Strings());
        }

        [Fact]
        public void Blank_piped_text_is_a_typed_error_and_other_text_is_still_read()
        {
            var r = _ps.Run(@"@([pscustomobject]@{ Host = 'fw-empty'; Output = @('', ' ') }, [pscustomobject]@{ Host = 'fw-b'; Output = (Get-Content $sa | Select-Object -Skip 1) }) | Get-IpsecSa",
                Vars(("sa", Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt"))));
            Assert.Equal("DeviceOutputEmpty,SpiTools.Commands.GetIpsecSaCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, r.Errors[0].CategoryInfo.Category);
            Assert.Equal(4, r.Output.Count);
        }

        [Fact]
        public void Warnings_name_the_capture_empty_damaged_or_without_the_wanted_output()
        {
            var empty = Path.Combine(_dir, "empty.txt");
            File.WriteAllText(empty, "");
            var r = _ps.Run("Get-IpsecSa -Path $empty, examples/asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt", Vars(("empty", empty)));
            Assert.Equal(2, r.Output.Count);
            Assert.Contains(Path.GetFileName(_dir) + "/empty.txt: the capture is empty", r.Warnings);
            Assert.Contains(r.Warnings, w => w.StartsWith("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt: ") && w.Contains("SpiDecimalMismatch at line 32"));

            var none = _ps.Run("Get-AsaVpnContext -Path examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            Assert.Empty(none.Output);
            Assert.Equal("No show asp table vpn-context detail output in device/show-crypto-ipsec-sa.txt (it holds show crypto ipsec sa)", Assert.Single(none.Warnings));
            Assert.Empty(none.Errors);
        }

        [Fact]
        public void Verbose_says_which_file_and_which_output_was_recognised()
        {
            var r = _ps.Run("Get-AsaVpnContext -Path examples/asa-stale-spi/device -Verbose").ThrowOnError();
            Assert.Equal(5, r.Output.Count);
            Assert.Contains(r.Verbose, v => v.EndsWith("asa-stale-spi/device: a folder, read as one device's captures (3 file(s))", StringComparison.Ordinal));
            Assert.Contains(r.Verbose, v => v.StartsWith("device/show-asp-table-vpn-context-detail.txt: ") && v.EndsWith("recognised: show asp table vpn-context detail (5 VpnContext)"));
            Assert.Contains(r.Verbose, v => v.StartsWith("device/show-crypto-ipsec-sa.txt: ") && v.EndsWith("recognised: show crypto ipsec sa (4 IpsecSa)"));
        }

        [Fact]
        public void A_large_file_reports_progress_by_bytes_read()
        {
            var lines = File.ReadAllLines(Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt"));
            var big = Path.Combine(_dir, "big.txt");
            File.WriteAllLines(big, lines.Take(1).Concat(Enumerable.Range(0, 1500).SelectMany(_ => lines.Skip(1)))); // ~5.5 MB
            var r = _ps.Run("Get-IpsecSa -Path $big | Measure-Object | ForEach-Object Count", Vars(("big", big))).ThrowOnError();
            Assert.Equal("6000", r.Strings().Single());
            var processing = r.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
            Assert.True(processing.Count >= 50, $"{processing.Count} progress records");
            Assert.Equal("Reading big.txt", processing[0].Activity);
            Assert.Equal(100, processing[^1].PercentComplete);
            Assert.Equal(ProgressRecordType.Completed, r.Progress[^1].RecordType);

            var small = _ps.Run("Get-IpsecSa -Path examples/asa-stale-spi/device").ThrowOnError();
            Assert.Empty(small.Progress);
            Assert.Equal(4, small.Output.Count);
        }

        [Fact]
        public void Two_snapshots_of_one_device_given_together_are_a_warning_and_diagnosed_apart()
        {
            var r = _ps.Run("Get-ChildItem examples/asa-stale-spi -Recurse -Filter *.txt | Where-Object { $_.Directory.Name -like 'device*' } | Compare-SpiContext").ThrowOnError();
            var w = Assert.Single(r.Warnings);
            Assert.StartsWith("fw-edge1: captures of this device come from 2 folders", w);
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, r.Output.Select(o => (string)o.Properties["Code"].Value));
        }
    }
}
