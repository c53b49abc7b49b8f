using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpiTools.Core.Tests.Services;
using SpiTools.Diagnosis;
using SpiTools.Reporting;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Reporting
{
    /// <summary>The fleet report's writer: structure, escaping, order, determinism, and the seed incidents' pictures.</summary>
    public class AuditReportTests
    {
        internal static readonly DateTimeOffset Generated = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

        /// <summary>The two seed incidents diagnosed as the CLI and the cmdlets do, plus a device that could not be reached and a healthy one.</summary>
        internal static AuditReport SeedFleet()
        {
            var (report, devices) = Fleet("Nightly audit", new[] { "asa-stale-spi/device", "iosxe-dmvpn-multi-spi", "asa-stale-spi/device-after-clear" }.Select(Captures.PathOf), new DiagnosisOptions());
            var start = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
            int n = 0;
            foreach (var d in devices)
            {
                report.Devices.Add(new DeviceAuditSummary
                {
                    Device = d.Device + (d.Folder != null && d.Folder.EndsWith("device-after-clear", StringComparison.Ordinal) ? "-after" : ""),
                    Status = d.Findings.Count > 0 ? AuditStatus.Findings : AuditStatus.Healthy,
                    SaCount = d.Records.OfType<IpsecSa>().Count(),
                    CriticalCount = d.Findings.Count(f => f.Severity == FindingSeverity.Critical),
                    WarningCount = d.Findings.Count(f => f.Severity == FindingSeverity.Warning),
                    InfoCount = d.Findings.Count(f => f.Severity == FindingSeverity.Info),
                    StartedAt = start.AddSeconds(30 * n++),
                    DurationSeconds = 12.5,
                });
            }
            report.Devices.Add(new DeviceAuditSummary
            {
                Device = "fw-branch9", Status = AuditStatus.Failed, ErrorId = "AuthenticationFailed",
                ErrorMessage = "fw-branch9: the device refused the credentials of user audit", StartedAt = start.AddMinutes(5), DurationSeconds = 3,
            });
            return report;
        }

        /// <summary>
        /// Both ends of tunnels diagnosed together (with IncludeHealthy): examples/iosxe-dmvpn-multi-spi's hub, whose two debugs give a measured
        /// rekey interval, with a spoke that lacks the hub's newest SA (SpiDesync, Fixtures/ends/iosxe-desync), and the ASA
        /// after the clear with its far ends (EndsAgree, Fixtures/ends/asa-clean).
        /// </summary>
        internal static AuditReport BothEndsFleet()
        {
            var folders = new[] { Captures.PathOf("iosxe-dmvpn-multi-spi") }
                .Concat(new[] { "iosxe-desync/SPOKE3", "asa-clean/fw-edge1", "asa-clean/fw-branch", "asa-clean/fw-dc2" }.Select(f => Captures.PathOf("../ends/" + f)));
            return Fleet("Both ends", folders, new DiagnosisOptions { IncludeHealthy = true }).Report;
        }

        /// <summary>
        /// The capture folders diagnosed together as the CLI and the cmdlets do (no error), in a report titled
        /// <paramref name="title"/> holding every device's findings and SAs; the devices, for their summaries.
        /// </summary>
        private static (AuditReport Report, IReadOnlyList<DeviceDiagnosis> Devices) Fleet(string title, IEnumerable<string> folders, DiagnosisOptions options)
        {
            var sink = new FakeSink();
            var devices = Diagnosed.Run(folders.SelectMany(CaptureFiles.Expand), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, options, sink);
            Assert.Empty(sink.Errors);
            var report = new AuditReport { Title = title, GeneratedAt = Generated };
            foreach (var d in devices)
            {
                report.Findings.AddRange(d.Findings);
                report.SecurityAssociations.AddRange(d.Records.OfType<IpsecSa>());
            }
            return (report, devices);
        }

        /// <summary>Each of <paramref name="parts"/> is in the page, as it is written.</summary>
        private static void ContainsAll(string html, params string[] parts)
        {
            foreach (var part in parts) Assert.Contains(part, html);
        }

        private static List<string> SvgFragments(string html) =>
            Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();

        private static string Section(string html, string device)
        {
            int start = html.IndexOf($"data-device=\"{device}\"", StringComparison.Ordinal);
            Assert.True(start > 0, $"no section for {device}");
            int end = html.IndexOf("</section>", start, StringComparison.Ordinal);
            return html.Substring(start, end - start);
        }

        [Fact]
        public void The_page_is_self_contained_and_shows_summary_devices_findings_charts_and_tables()
        {
            string html = SeedFleet().ToHtml();
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
            Assert.EndsWith("</html>\n", html);
            // One script, inline, the page's own, and the policy allows it by its hash alone: no other script can run.
            var script = Assert.Single(Regex.Matches(html, "<script[^>]*>(.*?)</script>", RegexOptions.Singleline));
            Assert.Equal("<script>", script.Value.Substring(0, 8));
            Assert.Equal(ReportScript.Code, script.Groups[1].Value);
            string hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.Groups[1].Value)));
            Assert.Contains($"script-src 'sha256-{hash}'\">", html);
            Assert.DoesNotContain("unsafe-eval", html);
            Assert.DoesNotMatch("script-src[^\"]*unsafe-inline", html);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            // The only absolute URI is the SVG namespace name; links are to the page's own sections.
            Assert.Equal(Regex.Matches(html, "http://www.w3.org/2000/svg").Count, Regex.Matches(html, "https?://").Count);
            Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), h => Assert.StartsWith("#device-", h));
            ContainsAll(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", "<title>Nightly audit</title>",
                "Generated 2026-11-30 06:00:00 UTC", "audit ran 2026-11-30 02:00:00 UTC to 2026-11-30 02:05:03 UTC");
            foreach (var device in new[] { "fw-edge1", "ASR1", "fw-edge1-after", "fw-branch9" }) Assert.Contains($"data-device=\"{device}\"", html);
            foreach (var code in new[] { "StaleVpnContext", "OneWayTraffic", "RekeyChurn", "OrphanSaPair" }) Assert.Contains($"<span class=\"code\">{code}</span>", html);
            // Each finding with its evidence, remediation, blast radius and next step.
            var stale = SeedFleet().Findings.Single(f => f.Code == "StaleVpnContext");
            foreach (var text in new[] { stale.Evidence, stale.Remediation, stale.BlastRadius, stale.NextStep })
                Assert.Contains(Html.Escape(text), html);
            Assert.Contains("<dd class=\"remedy\">clear crypto ipsec sa inactive</dd>", html);
            // Per-peer SA tables: every SPI of the seed devices, once per table row.
            foreach (var spi in new[] { "0x290E38E9", "0xCDD2533F", "0xA19EC57E", "0x050304C8" }) Assert.Contains($"<td><code>{spi}</code></td>", html);
            Assert.Contains("<caption>SAs to peer 172.17.3.2", html);
            // Summary: 4 devices; 1 failed, 2 with findings, 1 healthy; findings 2 critical, 0 warning, 4 info (the hub: RekeyChurn,
            // OrphanSaPair, ReplayOrAuthErrors, and RekeyTimeline from the two debugs in its folder).
            ContainsAll(html, "<h2>Devices</h2><p class=\"big\">4</p>", "Failed <b>1</b>", "Findings <b>2</b>", "Healthy <b>1</b>", "Critical <b>2</b>", "Info <b>4</b>");
            // Every chart is well-formed SVG.
            var svgs = SvgFragments(html);
            Assert.True(svgs.Count >= 4, $"{svgs.Count} svg elements");
            foreach (var svg in svgs) XDocument.Parse(svg);
        }

        [Fact]
        public void Seed_001_hub_shows_three_sa_generations_to_its_peer_each_with_an_inbound_and_an_outbound_spi()
        {
            string html = SeedFleet().ToHtml();
            var chart = XDocument.Parse(SvgFragments(Section(html, "ASR1")).Single());
            XNamespace svg = "http://www.w3.org/2000/svg";
            var peer = chart.Descendants(svg + "g").Single(g => (string?)g.Attribute("class") == "peer");
            Assert.Equal("172.17.3.2", (string?)peer.Attribute("data-peer"));
            var series = peer.Elements(svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
            Assert.Equal(3, series.Count);
            string Spis(XElement g) => string.Join(" ", g.Elements(svg + "text").Select(t => t.Value.Split(' ')[0]).Where(v => v.StartsWith("0x", StringComparison.Ordinal)).Distinct());
            // Newest first: the current pair (3568 s left), the previous one (3533 s), the orphan pair from the rekey collision (656 s).
            Assert.Equal("0x4F73B083 0x290E38E9", Spis(series[0]));
            Assert.Equal("0xC14574C6 0x50919C87", Spis(series[1]));
            Assert.Equal("0xCDD2533F 0x050304C8", Spis(series[2]));
            // Each SA has a kB bar and a seconds bar; the kB bars are staggered: 1,302,222 and 884,442 kB left outbound, the orphan full.
            Assert.All(series, g => Assert.Equal(4, g.Elements(svg + "rect").Count()));
            double Width(XElement g, string spi, string unit) => double.Parse(g.Elements(svg + "rect")
                .Single(r => r.Element(svg + "title")!.Value.Contains(spi + " out", StringComparison.Ordinal) && r.Element(svg + "title")!.Value.EndsWith(unit + " left", StringComparison.Ordinal))
                .Attribute("width")!.Value, CultureInfo.InvariantCulture);
            double current = Width(series[0], "0x290E38E9", "kB"), previous = Width(series[1], "0x50919C87", "kB"), orphan = Width(series[2], "0x050304C8", "kB");
            Assert.True(previous < current && current < orphan, $"{previous} {current} {orphan}");
            Assert.Contains("3 SA generations live at once", peer.Value);
            Assert.Contains("0x290E38E9 out (current)", series[0].Value);
            // The other devices' peers: one generation each on the ASA's healthy peer.
            var asa = XDocument.Parse(SvgFragments(Section(html, "fw-edge1")).Single());
            Assert.Equal(new[] { "192.0.2.20", "203.0.113.10" }, asa.Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "peer").Select(g => (string)g.Attribute("data-peer")!));
        }

        [Fact]
        public void Hostile_device_text_is_shown_as_text_and_never_becomes_markup()
        {
            const string name = "<script>alert('dev')</script><img src=x onerror=alert(1)>";
            const string evidence = "\"><svg onload=alert(2)></svg><a href=\"javascript:alert(3)\">x</a> & \u0007bell";
            var report = new AuditReport { Title = "</title><script>alert(4)</script>", GeneratedAt = Generated };
            report.Devices.Add(new DeviceAuditSummary { Device = name, Status = AuditStatus.Failed, ErrorId = "<b>Id</b>", ErrorMessage = "</div><iframe src=//evil>", Platform = "<i>ASA</i>", CaptureFolder = "/tmp/'x'\"y\"" });
            report.Findings.Add(new Finding { Device = name, Code = "Stale<VpnContext>", Severity = "<Critical>", Evidence = evidence, Peer = "</svg><script>p</script>", Spi = "0x1\"2", Remediation = "clear <all>", SourceLines = "a.txt:1; b&c.txt:2" });
            report.SecurityAssociations.Add(new IpsecSa { Device = name, Peer = "</text></svg><script>x</script>", Spi = "0x<1>", Direction = SaDirection.Outbound, RemainingKilobytes = 5, RemainingSeconds = 7, LocalIdent = "<l>", RemoteIdent = "<r>" });
            report.Installs.Add(new SaInstall { Device = name, Peer = "<q>", Spi = "0x<2>", Time = new DateTime(2026, 1, 1) });
            string html = report.ToHtml();
            // The page's own script is the one script element, at the end; no device text opens another.
            Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
            Assert.Contains("<script>(function () {", html);
            foreach (var tag in new[] { "<script>alert", "<script>p", "<script>x", "<img", "<iframe", "<a href=\"javascript", "<b>Id", "<i>ASA", "<l>", "<r>", "<q>", "0x<2>", "<all>", "<Critical>", "<svg onload", "\u0007" })
                Assert.DoesNotContain(tag, html, StringComparison.Ordinal);
            ContainsAll(html, "&lt;script&gt;alert(&#39;dev&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
                "&quot;&gt;&lt;svg onload=alert(2)&gt;&lt;/svg&gt;&lt;a href=&quot;javascript:alert(3)&quot;&gt;x&lt;/a&gt; &amp; \\x07bell",
                "<title>&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>");
            // What must still work does: the device, its failure, its finding, its SA and chart are all there.
            ContainsAll(html, "<span class=\"errid\">&lt;b&gt;Id&lt;/b&gt;</span>", "<span class=\"code\">Stale&lt;VpnContext&gt;</span>", "<td><code>0x&lt;1&gt;</code></td>");
            foreach (var svg in SvgFragments(html)) XDocument.Parse(svg);
            Assert.Single(SvgFragments(html), s => s.Contains("class=\"series\"", StringComparison.Ordinal) && s.Contains("class=\"installs\"", StringComparison.Ordinal));
        }

        [Fact]
        public void Devices_come_worst_first_and_findings_most_severe_first()
        {
            var report = new AuditReport { GeneratedAt = Generated };
            report.Devices.Add(new DeviceAuditSummary { Device = "a-healthy", Status = AuditStatus.Healthy });
            report.Devices.Add(new DeviceAuditSummary { Device = "b-info", Status = AuditStatus.Findings, InfoCount = 1 });
            report.Devices.Add(new DeviceAuditSummary { Device = "c-failed", Status = AuditStatus.Failed, ErrorId = "ConnectionTimeout", ErrorMessage = "no answer in 30 s" });
            report.Devices.Add(new DeviceAuditSummary { Device = "d-warning", Status = AuditStatus.Findings, WarningCount = 2 });
            report.Findings.Add(new Finding { Device = "e-critical", Code = "RekeyChurn", Severity = FindingSeverity.Info, Evidence = "e1" });
            report.Findings.Add(new Finding { Device = "e-critical", Code = "StaleVpnContext", Severity = FindingSeverity.Critical, Evidence = "e2" });
            report.Findings.Add(new Finding { Device = "e-critical", Code = "CaptureDamaged", Severity = FindingSeverity.Warning, Evidence = "e3" });
            string html = report.ToHtml();
            var order = Regex.Matches(html, "<section class=\"device[^\"]*\" id=\"(device-\\d+)\" data-device=\"([^\"]+)\"").Select(m => m.Groups[1].Value + ":" + m.Groups[2].Value).ToList();
            Assert.Equal(new[] { "device-1:e-critical", "device-2:c-failed", "device-3:d-warning", "device-4:b-info", "device-5:a-healthy" }, order);
            var codes = Regex.Matches(Section(html, "e-critical"), "<span class=\"code\">(\\w+)</span>").Select(m => m.Groups[1].Value);
            Assert.Equal(new[] { "StaleVpnContext", "CaptureDamaged", "RekeyChurn" }, codes);
            // The summary table follows the same order; a device known only by its findings counts them.
            var rows = Regex.Matches(html, "<tr[^>]*><td><a href=\"#(device-\\d+)\">").Select(m => m.Groups[1].Value);
            Assert.Equal(new[] { "device-1", "device-2", "device-3", "device-4", "device-5" }, rows);
            Assert.Contains("<td class=\"num hot\">1</td><td class=\"num\">1</td><td class=\"num\">1</td>", html);
            Assert.Contains("<span class=\"errid\">ConnectionTimeout</span></p><p>no answer in 30 s</p>", html);
            Assert.Contains("The findings themselves were not given to this report, only their counts.", Section(html, "d-warning"));
        }

        [Fact]
        public void The_same_input_gives_the_same_bytes_whatever_its_order()
        {
            string a = SeedFleet().ToHtml();
            var shuffled = SeedFleet();
            shuffled.Findings.Reverse();
            shuffled.SecurityAssociations.Reverse();
            shuffled.Devices.Reverse();
            Assert.Equal(a, shuffled.ToHtml());
            Assert.DoesNotMatch("id=\"[^\"]*[0-9a-f]{8}-", a);
            // Only what was passed in dates the page.
            var later = SeedFleet();
            later.GeneratedAt = Generated.AddDays(1);
            Assert.NotEqual(a, later.ToHtml());
            Assert.Equal(a.Replace("2026-11-30 06:00:00 UTC", "2026-12-01 06:00:00 UTC"), later.ToHtml());
        }

        [Fact]
        public void An_empty_fleet_is_a_short_page_that_says_so()
        {
            string html = new AuditReport { GeneratedAt = Generated }.ToHtml();
            ContainsAll(html, "<h2>Devices</h2><p class=\"big\">0</p>", "<h2>Findings</h2><p class=\"big\">0</p>", "No devices in this report", "when the audit ran is not known");
            Assert.DoesNotContain("<section class=\"device", html);
            Assert.EndsWith("</html>\n", html);
            foreach (var svg in SvgFragments(html)) XDocument.Parse(svg);
        }

        [Fact]
        public void Sa_installs_over_time_are_a_panel_of_the_devices_chart()
        {
            var report = SeedFleet();
            var t0 = new DateTime(2026, 11, 30, 1, 59, 0);
            foreach (var (s, spi) in new[] { (0, "0x50919C87"), (37, "0x290E38E9"), (74, "0x11111111") })
                report.Installs.Add(new SaInstall { Device = "ASR1", Peer = "172.17.3.2", Spi = spi, Time = t0.AddSeconds(s) });
            string html = report.ToHtml();
            var chart = SvgFragments(Section(html, "ASR1")).Single();
            Assert.Equal(3, Regex.Matches(chart, "<circle class=\"install\"").Count);
            Assert.Contains("SA installs over time (3)", chart);
            Assert.Equal(2, Regex.Matches(chart, ">37 s</text>").Count);
            Assert.Contains("class=\"series\"", chart);
            // Without installs, no such panel.
            Assert.DoesNotContain("class=\"installs\"", SeedFleet().ToHtml());
        }

        [Fact]
        public void Records_rebuilt_from_property_names_and_strings_give_the_same_page_as_live_ones()
        {
            var live = SeedFleet();
            Assert.Equal(live.ToHtml(), Rebuilt(live, strings: true).ToHtml());
        }

        /// <summary>
        /// The records of <paramref name="live"/> rebuilt by property name, as a front end that knows no .NET type gives them:
        /// every value a string (Import-Csv), or typed values under a type name (a deserialized object, JSON numbers).
        /// </summary>
        private static AuditReport Rebuilt(AuditReport live, bool strings)
        {
            var rebuilt = new AuditReport { Title = live.Title, GeneratedAt = live.GeneratedAt };
            foreach (var record in live.Devices.Cast<object>().Concat(live.Findings).Concat(live.SecurityAssociations))
            {
                var row = record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .ToDictionary(p => p.Name, p => !strings ? p.GetValue(record) : p.GetValue(record) switch
                    {
                        null => "",
                        DateTimeOffset d => d.ToString(CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString()!,
                    });
                if (!strings) row.Remove("RecordType");
                var converted = ReportRecords.Convert(strings ? null : "Deserialized.SpiTools." + record.GetType().Name, n => row.TryGetValue(n, out var v) ? v : null, out var type);
                Assert.Equal(((ICaptureRecord)record).RecordType, type);
                Assert.True(rebuilt.Add(converted));
            }
            return rebuilt;
        }

        [Fact]
        public void Both_ends_findings_name_the_other_end_linked_to_its_section_and_the_timeline_its_measured_interval()
        {
            var live = BothEndsFleet();
            string html = live.ToHtml();
            string Id(string device) => Regex.Match(html, $"id=\"(device-\\d+)\" data-device=\"{device}\"").Groups[1].Value;
            string hub = Section(html, "ASR1");
            Assert.Matches($"<span class=\"code\">SpiDesync</span> <span class=\"about\">peer 172\\.17\\.3\\.2 · other end <a href=\"#{Id("SPOKE3")}\">SPOKE3</a> · SPI <code>0x290E38E9</code></span>", hub);
            Assert.Contains("<dt>Measured</dt><dd>a rekey every 37 s (from the logs)</dd>", hub);
            Assert.Matches($"<span class=\"code\">EndsAgree</span> <span class=\"about\">peer 203\\.0\\.113\\.10 · other end <a href=\"#{Id("fw-branch")}\">fw-branch</a> · ", Section(html, "fw-edge1"));
            // Only the findings that have another end or a measured interval say so.
            Assert.Equal(live.Findings.Count(f => f.PeerDevice != null), Regex.Matches(html, " · other end ").Count + Regex.Matches(html, "\"about\">other end ").Count);
            Assert.True(live.Findings.Count(f => f.PeerDevice != null) >= 3);
            Assert.Equal(live.Findings.Count(f => f.MeasuredIntervalSeconds != null), Regex.Matches(html, "<dt>Measured</dt>").Count);
            Assert.Single(Regex.Matches(html, "<dt>Measured</dt>"));
            Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), h => Assert.Matches("^#device-\\d+$", h));

            // The other end not in the report: named, not linked; a hostile name stays text.
            var alone = new AuditReport { GeneratedAt = Generated };
            alone.Findings.AddRange(live.Findings.Where(f => f.Device == "ASR1"));
            alone.Findings.Add(new Finding { Device = "ASR1", Code = "EndsAgree", Severity = FindingSeverity.Info, Evidence = "e", PeerDevice = "<b>spoke</b>" });
            string one = alone.ToHtml();
            Assert.Contains("peer 172.17.3.2 · other end SPOKE3 · SPI <code>0x290E38E9</code>", one);
            Assert.Contains("<span class=\"about\">other end &lt;b&gt;spoke&lt;/b&gt;</span>", one);
            Assert.DoesNotContain("<b>spoke", one);
            Assert.Single(Regex.Matches(one, "<dt>Measured</dt>"));

            // Rebuilt by property name from strings (CSV, JSON text) or typed values (deserialized objects): the same page.
            Assert.Equal(html, Rebuilt(live, strings: true).ToHtml());
            Assert.Equal(html, Rebuilt(live, strings: false).ToHtml());
        }

        [Fact]
        public void Objects_are_recognised_by_record_type_type_name_or_shape_and_other_records_are_not_taken()
        {
            object? Convert(string? typeName, Dictionary<string, object?> values, out string? type) =>
                ReportRecords.Convert(typeName, n => values.TryGetValue(n, out var v) ? v : null, out type);
            Assert.IsType<Finding>(Convert("Deserialized.SpiTools.Finding", new() { ["Code"] = "RekeyChurn" }, out var t1));
            Assert.Equal("Finding", t1);
            Assert.IsType<Finding>(Convert("Deserialized.SpiTools.Finding#Audit", new() { ["Code"] = "StaleVpnContext" }, out var audited));
            Assert.Equal("Finding", audited);
            var sa = Assert.IsType<IpsecSa>(Convert(null, new() { ["Spi"] = "0x00000001", ["Direction"] = "Inbound", ["RemainingSeconds"] = 30L }, out _));
            Assert.Equal(30, sa.RemainingSeconds);
            var summary = Assert.IsType<DeviceAuditSummary>(Convert("CSV:SpiTools.DeviceAuditSummary", new() { ["Device"] = "r1", ["Status"] = "Failed", ["StartedAt"] = "2026-11-30T02:00:00Z", ["DurationSeconds"] = "2.5" }, out _));
            Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), summary.StartedAt);
            Assert.Equal(2.5, summary.DurationSeconds);
            var install = Assert.IsType<SaInstall>(Convert(null, new() { ["RecordType"] = "SaEvent", ["Kind"] = "SaInstalled", ["Time"] = "2026-09-07T23:11:13", ["Spi"] = "0x290E38E9" }, out _));
            Assert.Equal(new DateTime(2026, 9, 7, 23, 11, 13), install.Time);
            // Recognised, but not something the report shows: no record, and the type is told so a front end can say so.
            Assert.Null(Convert(null, new() { ["RecordType"] = "SaEvent", ["Kind"] = "SaDeleted", ["Time"] = "2026-09-07T23:11:13" }, out var t2));
            Assert.Equal("SaEvent", t2);
            Assert.Null(Convert(null, new() { ["RecordType"] = "VpnContext", ["Spi"] = "0x1" }, out var t3));
            Assert.Equal("VpnContext", t3);
            Assert.Null(Convert("System.IO.FileInfo", new() { ["Name"] = "x" }, out var t4));
            Assert.Null(t4);
        }

        [Fact]
        public void The_inventorys_own_columns_are_shown_in_the_device_table_and_the_device_section()
        {
            var report = new AuditReport { Title = "Nightly audit", GeneratedAt = Generated };
            var lab = new DeviceAuditSummary { Device = "edge-lab", Status = AuditStatus.Healthy };
            lab.SetInventoryColumns(new[] { new KeyValuePair<string, string>("Site", "Lab <3>"), new KeyValuePair<string, string>("Owner", "netops") });
            var branch = new DeviceAuditSummary { Device = "branch-9", Status = AuditStatus.Failed, ErrorId = "ConnectionRefused", ErrorMessage = "refused" };
            branch.SetInventoryColumns(new[] { new KeyValuePair<string, string>("Site", "Branch 9"), new KeyValuePair<string, string>("Region", "emea") });
            report.Devices.Add(lab);
            report.Devices.Add(branch);
            report.Devices.Add(new DeviceAuditSummary { Device = "fw-plain", Status = AuditStatus.Healthy });
            string html = report.ToHtml();

            // One column per inventory column (their union, first seen first), an empty cell where a device has none.
            var head = System.Text.RegularExpressions.Regex.Match(html, "<table class=\"fleet\".*?</thead>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
            Assert.Contains("<th scope=\"col\">Device</th><th scope=\"col\" class=\"inv\">Site</th><th scope=\"col\" class=\"inv\">Owner</th><th scope=\"col\" class=\"inv\">Region</th><th scope=\"col\">Platform</th>", head);
            Assert.Contains(">edge-lab</a></td><td class=\"inv\">Lab &lt;3&gt;</td><td class=\"inv\">netops</td><td class=\"inv\"></td>", html);
            Assert.Contains(">branch-9</a></td><td class=\"inv\">Branch 9</td><td class=\"inv\"></td><td class=\"inv\">emea</td>", html);
            Assert.Contains(">fw-plain</a></td><td class=\"inv\"></td><td class=\"inv\"></td><td class=\"inv\"></td>", html);
            // Each device's section says them too, the failed one included.
            Assert.Contains("<p class=\"facts inventory\">Site <b>Lab &lt;3&gt;</b> · Owner <b>netops</b></p>", html);
            Assert.Contains("<p class=\"facts inventory\">Site <b>Branch 9</b> · Region <b>emea</b></p>", html);
            Assert.DoesNotContain("Lab <3>", html);
        }
    }
}
