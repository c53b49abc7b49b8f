using System.Text.RegularExpressions;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Export-SpiReport in the engine: live, CLIXML and CSV objects give the same page; -WhatIf, -NoClobber, -PassThru; other objects are errors.</summary>
    public class ExportSpiReportTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-report").FullName;

        public ExportSpiReportTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        // Summaries as the core reads them back (the report's reader, ReportRecords): outside the core a record's properties are read-only.
        private const string Fleet = @"
            function New-Summary([hashtable] $p) { $type = $null; [SpiTools.Reporting.ReportRecords]::Convert('SpiTools.DeviceAuditSummary', [Func[string, object]] { param($n) $p[$n] }, [ref] $type) }
            $findings = @(Compare-SpiContext examples/asa-stale-spi/device, examples/iosxe-dmvpn-multi-spi, tests/SpiTools.Core.Tests/Fixtures/ends/iosxe-desync/SPOKE3)
            $sas = @(Get-IpsecSa examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt, examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt)
            $summaries = @(
                (New-Summary @{ Device = 'fw-edge1'; Status = 'Findings'; CriticalCount = 2; SaCount = 4; StartedAt = [DateTimeOffset]::new(2026, 11, 30, 3, 0, 0, [TimeSpan]::FromHours(1)); DurationSeconds = 4.25 }),
                (New-Summary @{ Device = 'ASR1'; Status = 'Findings'; InfoCount = 3; SaCount = 6; StartedAt = [DateTimeOffset]::new(2026, 11, 30, 2, 0, 5, [TimeSpan]::Zero); DurationSeconds = 7 }),
                (New-Summary @{ Device = 'fw-branch9'; Status = 'Failed'; ErrorId = 'ConnectionTimeout'; ErrorMessage = 'no answer within 30 s'; StartedAt = [DateTimeOffset]::new(2026, 11, 30, 2, 1, 0, [TimeSpan]::Zero) }))
            $all = @($summaries) + $findings + $sas";

        private static string WithoutGeneratedTime(string html) => Regex.Replace(html, @"Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "Generated (time)");

        private string Read(string name) => WithoutGeneratedTime(File.ReadAllText(Path.Combine(_dir, name)));

        [Fact]
        public void Live_clixml_and_csv_objects_give_the_same_page()
        {
            _ps.Run(Fleet + @"
                $all | Export-SpiReport -Path (Join-Path $dir live.html) -Title 'Nightly audit'
                $all | Export-Clixml (Join-Path $dir all.xml)
                Import-Clixml (Join-Path $dir all.xml) | Export-SpiReport -Path (Join-Path $dir clixml.html) -Title 'Nightly audit'
                $summaries | Export-Csv (Join-Path $dir s.csv) -NoTypeInformation
                $findings | Export-Csv (Join-Path $dir f.csv) -NoTypeInformation
                $sas | Export-Csv (Join-Path $dir a.csv) -NoTypeInformation
                @(Import-Csv (Join-Path $dir s.csv)) + @(Import-Csv (Join-Path $dir f.csv)) + @(Import-Csv (Join-Path $dir a.csv)) |
                    Export-SpiReport -Path (Join-Path $dir csv.html) -Title 'Nightly audit'",
                new Dictionary<string, object?> { ["dir"] = _dir }).ThrowOnError();
            string live = Read("live.html");
            foreach (var text in new[] { "fw-edge1", "ASR1", "fw-branch9", "ConnectionTimeout", "StaleVpnContext", "RekeyChurn", "class=\"series\"", "<title>Nightly audit</title>",
                         "audit ran 2026-11-30 02:00:00 UTC to 2026-11-30 02:01:00 UTC" })
                Assert.Contains(text, live);
            int asr = live.IndexOf("data-device=\"ASR1\"", StringComparison.Ordinal);
            string hub = live.Substring(asr, live.IndexOf("</section>", asr, StringComparison.Ordinal) - asr);
            Assert.Equal(3, Regex.Matches(hub, "<g class=\"series\"").Count);
            // The hub's SpiDesync names its spoke (PeerDevice) and its RekeyTimeline the interval measured in the logs, from CLIXML and CSV too.
            Assert.Matches("<span class=\"code\">SpiDesync</span> <span class=\"about\">peer 172\\.17\\.3\\.2 · other end <a href=\"#device-\\d+\">SPOKE3</a>", hub);
            Assert.Contains("<dt>Measured</dt><dd>a rekey every 37 s (from the logs)</dd>", hub);
            Assert.Equal(live, Read("clixml.html"));
            Assert.Equal(live, Read("csv.html"));
        }

        [Fact]
        public void PassThru_returns_the_file_with_the_file_systems_own_view()
        {
            var vars = new Dictionary<string, object?> { ["path"] = Path.Combine(_dir, "passthru.html") };
            var r = _ps.Run(Fleet + "; $findings | Export-SpiReport -Path $path -PassThru", vars).ThrowOnError();
            var file = Assert.Single(r.Output);
            Assert.Equal(Path.Combine(_dir, "passthru.html"), file.Properties["FullName"].Value);
            // As Get-Item gives it: with the provider's properties, so the view shows its mode, time and size, not blanks.
            Assert.Equal("Microsoft.PowerShell.Core\\FileSystem", file.Properties["PSProvider"].Value?.ToString());
            long length = new FileInfo(Path.Combine(_dir, "passthru.html")).Length;
            string shown = _ps.Render(Fleet + "; $findings | Export-SpiReport -Path $path -PassThru", 80);
            Assert.Matches($@"\b{length} passthru\.html", Regex.Replace(shown, @"\s+", " "));
            Assert.Contains("Directory: " + _dir, shown);
        }

        [Fact]
        public void WhatIf_writes_nothing_and_the_same_call_without_it_writes_the_file()
        {
            var vars = new Dictionary<string, object?> { ["path"] = Path.Combine(_dir, "whatif.html") };
            var r = _ps.Run(Fleet + "; $findings | Export-SpiReport -Path $path -WhatIf", vars).ThrowOnError();
            Assert.False(File.Exists(Path.Combine(_dir, "whatif.html")));
            Assert.Empty(r.Output);
            _ps.Run(Fleet + "; $findings | Export-SpiReport -Path $path", vars).ThrowOnError();
            Assert.Contains("StaleVpnContext", File.ReadAllText(Path.Combine(_dir, "whatif.html")));
        }

        [Fact]
        public void Other_objects_are_non_terminating_errors_and_the_rest_is_written()
        {
            var r = _ps.Run(Fleet + @"
                @(Get-AsaVpnContext examples/asa-stale-spi/device | Select-Object -First 1) + @([pscustomobject]@{ Name = 'x' }) + $findings |
                    Export-SpiReport -LiteralPath (Join-Path $dir '[odd].html') -PassThru",
                new Dictionary<string, object?> { ["dir"] = _dir });
            Assert.Null(r.Terminating);
            Assert.Equal(2, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.StartsWith("ReportInputNotRecognized,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
            var file = Assert.IsType<FileInfo>(Assert.Single(r.Output).BaseObject);
            Assert.Equal(Path.Combine(_dir, "[odd].html"), file.FullName);
            Assert.Contains("OneWayTraffic", File.ReadAllText(file.FullName));
        }

        [Fact]
        public void NoClobber_keeps_an_existing_file_and_Force_replaces_a_read_only_one()
        {
            string path = Path.Combine(_dir, "kept.html");
            File.WriteAllText(path, "earlier");
            var vars = new Dictionary<string, object?> { ["path"] = path };
            var r = _ps.Run(Fleet + "; $findings | Export-SpiReport -Path $path -NoClobber", vars);
            Assert.Contains("ReportFileExists", (r.Terminating as System.Management.Automation.IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId ?? r.Errors.FirstOrDefault()?.FullyQualifiedErrorId ?? "");
            Assert.Equal("earlier", File.ReadAllText(path));
            new FileInfo(path).IsReadOnly = true;
            _ps.Run(Fleet + "; $findings | Export-SpiReport -Path $path -Force", vars).ThrowOnError();
            Assert.Contains("StaleVpnContext", File.ReadAllText(path));
        }
    }
}
