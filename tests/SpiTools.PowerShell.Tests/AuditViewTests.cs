using System.Management.Automation;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Invoke-SpiAudit at a prompt of 80 columns: its findings a few lines each, device by device, then the summaries as
    /// one table; with -IncludeSa its SAs too, and the report made from it has the SA tables and lifetime charts.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class AuditViewTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-audit-view").FullName;
        private readonly List<SshdHost> _hosts = new();

        public AuditViewTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        private Dictionary<string, object?> Fleet()
        {
            var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var hub = SshdHost.Start(new SshdOptions { Scenario = "iosxe-dmvpn-multi-spi" });
            _hosts.Add(asa);
            _hosts.Add(hub);
            File.WriteAllLines(Path.Combine(_dir, "known_hosts"), asa.KnownHostsLines.Concat(hub.KnownHostsLines));
            File.WriteAllLines(Path.Combine(_dir, "inventory.csv"), new[] { "Name,ComputerName,Port", $"fw-edge1,127.0.0.1,{asa.Port}", $"ASR1,127.0.0.1,{hub.Port}" });
            var password = new System.Security.SecureString();
            foreach (var c in asa.Password) password.AppendChar(c);
            var enable = new System.Security.SecureString();
            foreach (var c in "sim-enable-secret") enable.AppendChar(c);
            return new Dictionary<string, object?>
            {
                ["inv"] = Path.Combine(_dir, "inventory.csv"),
                ["cred"] = new PSCredential(asa.UserName, password),
                ["enable"] = new PSCredential("enable", enable),
                ["kh"] = Path.Combine(_dir, "known_hosts"),
                ["html"] = Path.Combine(_dir, "audit.html"),
            };
        }

        [Fact]
        public void The_default_output_fits_80_columns_findings_by_device_then_one_table_of_summaries_and_IncludeSa_feeds_the_report()
        {
            var vars = Fleet();
            var r = _ps.Run("$all = @(Import-Csv $inv | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -IncludeSa); $all", vars).ThrowOnError();
            var findings = r.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.Finding").ToList();
            Assert.NotEmpty(findings);
            // The findings are the same objects, with the audit's view name first.
            Assert.All(findings, f => Assert.Equal("SpiTools.Finding#Audit", f.TypeNames[0]));
            Assert.All(findings, f => Assert.Contains("SpiTools.Finding", f.TypeNames));
            Assert.Contains(r.Output, o => o.BaseObject.GetType().FullName == "SpiTools.IpsecSa");

            string shown = _ps.Render("$all | Where-Object { $_ -isnot [SpiTools.IpsecSa] }", 80);
            Assert.All(shown.Split('\n'), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
            Assert.Matches(@"fw-edge1\s+Critical StaleVpnContext peer 203\.0\.113\.10", shown);
            Assert.Matches(@"\n {17}SPI 0x[0-9A-F]{8}: clear crypto ipsec sa inactive", shown);
            Assert.Matches(@"ASR1\s+Info\s+RekeyChurn", shown);
            // One table of the summaries, after the findings: one header, a row per device, no property lists.
            Assert.Single(Regex.Matches(shown, @"(?m)^Device\s+Hostname\s+Status\s"));
            Assert.Matches(@"(?m)^fw-edge1\s+fw-edge1\s+Findings\s", shown); // the inventory's name, then the prompt's host name
            Assert.Matches(@"(?m)^ASR1\s+ASR1\s+Findings\s", shown);
            // Each summary counts what its platform has: the ASA its VPN contexts, the IOS-XE hub none (it has no such table), not 0.
            var summaries = r.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary").ToDictionary(o => (string)o.Properties["Device"].Value);
            Assert.Equal(("ASA", (object?)5), ((string)summaries["fw-edge1"].Properties["Platform"].Value, summaries["fw-edge1"].Properties["ContextCount"].Value));
            Assert.Equal(("IOS-XE", (object?)null), ((string)summaries["ASR1"].Properties["Platform"].Value, summaries["ASR1"].Properties["ContextCount"].Value));
            Assert.DoesNotContain("ContextCount : 0", _ps.Render("$all | Where-Object { $_ -is [SpiTools.DeviceAuditSummary] -and $_.Device -eq 'ASR1' } | Format-List", 80));
            Assert.DoesNotContain("CriticalCount :", shown);
            Assert.DoesNotContain("Evidence    :", shown);
            Assert.True(shown.IndexOf("StaleVpnContext", StringComparison.Ordinal) < shown.IndexOf("Findings", StringComparison.Ordinal));

            // The report from the same objects: the audited devices with their SAs and lifetime charts, ASA and IOS-XE as written by Cisco.
            _ps.Run("$all | Export-SpiReport -Path $html", vars).ThrowOnError();
            string html = File.ReadAllText((string)vars["html"]!);
            Assert.Equal(2, Regex.Matches(html, "<svg class=\"chart\"").Count);
            Assert.Contains("<caption>SAs to peer 203.0.113.10", html);
            Assert.Contains("<td>ASA</td>", html);
            Assert.Contains("<td>IOS-XE</td>", html);
            Assert.DoesNotContain("No SA records were given", html);
        }

        [Fact]
        public void With_IncludeSa_the_prompt_shows_findings_and_SAs_by_device_then_one_table_of_summaries_and_pipes_the_same_objects()
        {
            var vars = Fleet();
            var r = _ps.Run("$all = @(Import-Csv $inv | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -IncludeSa); $all", vars).ThrowOnError();
            var sas = r.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.IpsecSa").ToList();
            Assert.NotEmpty(sas);

            // Everything the audit wrote, as a prompt of 80 columns shows it (Out-Default's rules: one table per run of one shape).
            string shown = _ps.Render("$all", 80);
            Assert.All(shown.Split('\n'), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
            // No property lists: no "Name : value" line of a summary, an SA or a finding.
            Assert.DoesNotMatch(@"(?m)^(Device|Spi|Status|CriticalCount|Code)\s+: ", shown);
            // Each SA one line under its device's findings: device, direction, SPI, peer, current or not, packets, seconds left.
            Assert.Matches(@"(?m)^fw-edge1\s+SA (in|out)\s+0x[0-9A-F]{8} 203\.0\.113\.10\s", shown);
            Assert.Matches(@"(?m)^ASR1\s+SA (in|out)\s+0x[0-9A-F]{8} ", shown);
            Assert.Equal(sas.Count, Regex.Matches(shown, @"(?m)^\S+\s+SA (in|out)\s").Count);
            Assert.Matches(@"fw-edge1\s+Critical StaleVpnContext peer 203\.0\.113\.10", shown);
            // Then the summaries, as one table.
            Assert.Single(Regex.Matches(shown, @"(?m)^Device\s+Hostname\s+Status\s"));
            Assert.Matches(@"(?m)^fw-edge1\s+fw-edge1\s+Findings\s", shown);
            Assert.Matches(@"(?m)^ASR1\s+ASR1\s+Findings\s", shown);
            Assert.True(shown.LastIndexOf(" SA ", StringComparison.Ordinal) < shown.IndexOf("Hostname", StringComparison.Ordinal));

            // The SAs are the same IpsecSa objects, shown by the audit's view.
            Assert.All(sas, s => Assert.Equal("SpiTools.IpsecSa#Audit", s.TypeNames[0]));
            Assert.All(sas, s => Assert.Contains("SpiTools.IpsecSa", s.TypeNames));
            // Piped on, the objects are what they were: Export-Csv of the SAs has the IpsecSa's columns and a row per SA.
            var csv = _ps.Run("$all | Where-Object { $_ -is [SpiTools.IpsecSa] } | ConvertTo-Csv -NoTypeInformation", vars).ThrowOnError().Output.Select(o => o.ToString()!).ToList();
            Assert.Equal(sas.Count + 1, csv.Count);
            Assert.Contains("\"Spi\"", csv[0]);
            Assert.Contains("\"PacketsEncapsulated\"", csv[0]);
            // Their properties selected, the SAs make a table as any objects do.
            Assert.Matches(@"(?m)^Device\s+Peer\s+Spi\s*$", _ps.Render("$all | Where-Object { $_ -is [SpiTools.IpsecSa] } | Select-Object Device, Peer, Spi", 80));
        }

        [Fact]
        public void A_failed_device_shows_its_whole_ErrorId_and_identity_at_80_columns()
        {
            // The summary type as Invoke-SpiAudit declares it (the module loads its assemblies in a context of its own).
            _ps.Run("$t = (Get-Command Invoke-SpiAudit).OutputType.Type | Where-Object Name -eq DeviceAuditSummary; " +
                    "$global:summaries = @{ Device = 'branch-9'; Status = 'Failed'; ErrorId = 'ConnectionTimedOut' }, " +
                    "@{ Device = '127.0.0.1:2222/cust-a'; Status = 'Failed'; ErrorId = 'ConfigurationModeRefused' }, " +
                    "@{ Device = 'fw-edge1'; Hostname = 'fw-edge1'; Status = 'Findings'; CriticalCount = 1 } | " +
                    // Made by the core's reader, as a report rebuilds saved summaries: a script cannot set a record's properties.
                    "ForEach-Object { $h = $_; $type = $null; [SpiTools.Reporting.ReportRecords]::Convert($t.FullName, [Func[string, object]] { param($n) $h[$n] }, [ref] $type) }").ThrowOnError();
            string shown = _ps.Render("$global:summaries", 80);
            Assert.All(shown.Split('\n'), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
            Assert.Matches(@"(?m)^branch-9\s+Failed\s.*\bConnectionTimedOut$", shown);
            // A long identity or ErrorId wraps within its column instead of being cut.
            Assert.Matches(@"(?m)^127\.0\.0\.1:2222/cus\s+Failed\s.*\bConfigurationModeR\nt-a\s+efused$", shown);
            Assert.DoesNotContain("\u2026", shown);
            Assert.Matches(@"(?m)^fw-edge1\s+fw-edge1\s+Findings\s+1\s", shown);
        }
    }
}
