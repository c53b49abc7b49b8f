using System.Management.Automation;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Records stream: they come out while input arrives, and an early stop downstream stops the read.</summary>
    public class StreamTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-stream").FullName;

        public StreamTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>A capture of <paramref name="copies"/> copies of the seed's SAs (4 per copy).</summary>
        private string BigCapture(int copies)
        {
            var lines = File.ReadAllLines(Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt"));
            var path = Path.Combine(_dir, $"big-{copies}.txt");
            using var w = new StreamWriter(path);
            w.WriteLine(lines[0]);
            for (int i = 0; i < copies; i++)
                foreach (var l in lines.Skip(1)) w.WriteLine(l);
            return path;
        }

        [Fact]
        public void Piped_lines_give_records_while_lines_still_arrive()
        {
            var file = BigCapture(200);
            var r = _ps.Run(@"
                $sent = 0; $firstAt = -1; $total = 0
                Get-Content $file | ForEach-Object { $script:sent++; $_ } | Get-IpsecSa | ForEach-Object { if ($script:firstAt -lt 0) { $script:firstAt = $script:sent }; $script:total++ }
                $firstAt; $sent; $total", new Dictionary<string, object?> { ["file"] = file }).ThrowOnError();
            int firstAt = int.Parse(r.Strings()[0]), sent = int.Parse(r.Strings()[1]), total = int.Parse(r.Strings()[2]);
            Assert.Equal(800, total);
            Assert.InRange(firstAt, 1, sent - 1);
        }

        [Fact]
        public void Select_first_stops_reading_a_large_file()
        {
            var file = BigCapture(3000); // ~11 MB
            var stopped = _ps.Run("Get-IpsecSa -Path $file -Verbose | Select-Object -First 1", new Dictionary<string, object?> { ["file"] = file }).ThrowOnError();
            Assert.Single(stopped.Output);
            // The end-of-file accounting is never reached: the read stopped with the pipeline.
            Assert.DoesNotContain(stopped.Verbose, v => v.Contains("recognised:"));
            var whole = _ps.Run("(Get-IpsecSa -Path $file -Verbose | Measure-Object).Count", new Dictionary<string, object?> { ["file"] = file });
            Assert.Equal("12000", whole.Strings().Single());
            Assert.Contains(whole.Verbose, v => v.Contains("recognised: show crypto ipsec sa (12000 IpsecSa)"));
        }

        [Fact]
        public void Path_input_streams_per_pipeline_record()
        {
            // The first file's records come out before the second file is even bound.
            var r = _ps.Run(@"
                $log = [System.Collections.Generic.List[string]]::new()
                Get-ChildItem examples/asa-stale-spi/device, examples/asa-stale-spi/device-after-clear -Filter show-crypto-ipsec-sa.txt |
                    ForEach-Object { $log.Add('file ' + $_.Directory.Name); $_ } | Get-IpsecSa | ForEach-Object { $log.Add('sa ' + $_.Spi) }
                $log").ThrowOnError().Strings();
            Assert.Equal("file device", r[0]);
            Assert.StartsWith("sa ", r[1]);
            int second = r.IndexOf("file device-after-clear");
            Assert.Equal(5, second);
            Assert.All(r.Skip(second + 1), s => Assert.StartsWith("sa ", s));
        }
    }
}
