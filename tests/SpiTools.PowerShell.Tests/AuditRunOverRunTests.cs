using System.Management.Automation;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using System.Threading;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Invoke-SpiAudit night after night into one -SaveCapture folder against a simulated ASA: a one-way finding with no
    /// traffic since the last run is not judged (Change NotJudged, counted apart, said so in the view), one that flows both
    /// ways after a clear is resolved; and a report rebuilt from the CSV files of an audit shows what the live report shows.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class AuditRunOverRunTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string SeedFlow = "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389";
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-ps-runover").FullName;

        public AuditRunOverRunTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Text(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";

        private static bool Is(PSObject o, string type) => o.BaseObject.GetType().FullName == type || o.TypeNames.Any(t => t.EndsWith(type, StringComparison.Ordinal));

        private static PSObject OneWay(IEnumerable<PSObject> output) =>
            output.Single(o => Is(o, "SpiTools.Finding") && Text(o, "Code") == "OneWayTraffic" && Text(o, "Peer") == "203.0.113.10");

        private static PSObject Summary(IEnumerable<PSObject> output) => output.Single(o => Is(o, "SpiTools.DeviceAuditSummary"));

        private (SshdHost Asa, Dictionary<string, object?> Vars) Start()
        {
            var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[] { "Site,Name,ComputerName,Port,Owner", $"Lab 3,edge-lab,127.0.0.1,{asa.Port},netops" });
            return (asa, new Dictionary<string, object?>
            {
                ["inv"] = inventory,
                ["port"] = asa.Port,
                ["cred"] = new PSCredential(asa.UserName, InventoryAudit.Secure(asa.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                ["kh"] = kh,
                ["evidence"] = Path.Combine(_dir, "evidence"),
                ["dir"] = _dir,
            });
        }

        private const string Audit = "Import-Csv $inv | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $evidence -TimeoutSeconds 60";

        private List<PSObject> Run(SshdHost asa, string script, Dictionary<string, object?> vars)
        {
            var r = _ps.Run(script, vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + "\n" + asa.Log);
            return r.Output.ToList();
        }

        /// <summary>What the report says, as a reader compares two: its devices, its inventory columns, its since-the-last-run line.</summary>
        private static (string Devices, string Columns, string Since) Gist(string html) => (
            string.Join(",", Regex.Matches(html, "data-device=\"([^\"]*)\"").Select(m => m.Groups[1].Value)),
            string.Join(",", Regex.Matches(html, "<th scope=\"col\" class=\"inv\">([^<]*)</th>").Select(m => m.Groups[1].Value)) + " | " +
            string.Join(",", Regex.Matches(html, "<td class=\"inv\">([^<]*)</td>").Select(m => m.Groups[1].Value)),
            Regex.Match(html, "<p class=\"since\" id=\"since\">([^<]*)</p>").Groups[1].Value);

        [Fact]
        public void An_idle_one_way_finding_is_not_judged_and_a_report_rebuilt_from_the_csv_files_shows_what_the_live_one_shows()
        {
            var (asa, vars) = Start();
            using var _ = asa;
            var first = Run(asa, Audit, vars);
            Assert.Equal("", Text(OneWay(first), "Change"));
            Thread.Sleep(1100); // a run is saved under its start time, to the second
            // The next night the counters have not moved: no traffic since the first run.
            var second = Run(asa, "$all = @(" + Audit + "); $all; " +
                                  "$all | Export-SpiReport -Path (Join-Path $dir live.html) | Out-Null; " +
                                  "$all | Where-Object { $_ -is [SpiTools.Finding] } | Export-Csv (Join-Path $dir Finding.csv) -NoTypeInformation; " +
                                  "$all | Where-Object { $_ -is [SpiTools.DeviceAuditSummary] } | Export-Csv (Join-Path $dir DeviceAuditSummary.csv) -NoTypeInformation", vars);
            var oneWay = OneWay(second);
            Assert.Equal("NotJudged", Text(oneWay, "Change"));
            Assert.StartsWith("Not judged in this run: no traffic since the run of ", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            Assert.EndsWith("(as found before: " + Text(OneWay(first), "Evidence") + ")", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            var summary = Summary(second);
            Assert.Equal(("1", "0", "Findings"), (Text(summary, "NotJudgedCount"), Text(summary, "ResolvedCount"), Text(summary, "Status")));
            Assert.DoesNotContain(second, o => Text(o, "Change") == "Resolved");

            // The audit's view says so in words.
            var view = Run(asa, "$f = @(" + Audit + "); $f | Out-String -Width 80", vars);
            var text = string.Concat(view.Select(o => o.ToString()));
            Assert.Contains("Not judged: no traffic since the last run.", text, StringComparison.Ordinal);

            // The report rebuilt from the CSV files: the same devices, inventory columns and since-the-last-run counts.
            Run(asa, "Import-Csv (Join-Path $dir Finding.csv), (Join-Path $dir DeviceAuditSummary.csv) | Export-SpiReport -Path (Join-Path $dir rebuilt.html)", vars);
            var live = Gist(File.ReadAllText(Path.Combine(_dir, "live.html")));
            var rebuilt = Gist(File.ReadAllText(Path.Combine(_dir, "rebuilt.html")));
            Assert.Contains("edge-lab", live.Devices, StringComparison.Ordinal);
            Assert.Equal("Site,Owner | Lab 3,netops", live.Columns);
            Assert.Matches(@"^Since the last run: 0 new, \d+ persisting, 0 resolved, 1 not judged for lack of traffic \(compared with the run of \d{8}T\d{6}Z\)\.$", live.Since);
            Assert.Equal(live, rebuilt);
        }

        [Fact]
        public void A_one_way_finding_whose_traffic_flows_both_ways_after_a_clear_is_resolved()
        {
            var (asa, vars) = Start();
            using var _ = asa;
            var first = Run(asa, Audit, vars);
            Assert.Equal("Critical", Text(OneWay(first), "Severity"));
            Run(asa, $"Invoke-InactiveSaClear -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh {SeedFlow} -SettleSeconds 0.2 -Confirm:$false | Out-Null", vars);
            Thread.Sleep(1100);
            var second = Run(asa, Audit, vars);
            var oneWay = OneWay(second);
            Assert.Equal("Resolved", Text(oneWay, "Change"));
            Assert.StartsWith("Not found in this run (found in the run of ", Text(oneWay, "Evidence"), StringComparison.Ordinal);
            var summary = Summary(second);
            Assert.Equal("0", Text(summary, "NotJudgedCount"));
            Assert.Equal(second.Count(o => Text(o, "Change") == "Resolved").ToString(), Text(summary, "ResolvedCount"));
        }
    }
}
