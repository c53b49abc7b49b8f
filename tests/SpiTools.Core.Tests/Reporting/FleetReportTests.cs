using System.Text.RegularExpressions;
using System.Threading;
using SpiTools.Core.Tests.Devices;
using SpiTools.Core.Tests.Services;
using SpiTools.Devices;
using SpiTools.Reporting;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Reporting
{
    /// <summary>
    /// The report of an audited fleet: the audit's SAs in it, one line per fault across the fleet opening to its devices,
    /// plain sentences at the top, platform names as Cisco writes them, and no device called healthy without a diagnosis.
    /// </summary>
    public class FleetReportTests
    {
        /// <summary>Six seed ASAs (a stale VPN context to 203.0.113.10 each) and one that refuses the login.</summary>
        private sealed class SixStaleAsas : IDeviceConnector
        {
            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                if (options.Host == "fw-locked") throw DeviceException.AuthenticationFailed(options.Host);
                var d = ScriptedDevice.SeedAsa();
                d.Hostname = options.Host;
                d.Start();
                return d;
            }
        }

        private static List<object> Audit(bool includeSas)
        {
            var targets = new[] { "fw-1", "fw-2", "fw-3", "fw-4", "fw-5", "fw-6", "fw-locked" }.Select(h => new DeviceTarget
            {
                Name = h,
                Connect = new DeviceConnectOptions { Host = h, UserName = "netops", Password = new DeviceSecret("pw-Secret-9") },
                EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
                CommandTimeout = TimeSpan.FromSeconds(5),
                DeviceTimeout = TimeSpan.FromSeconds(30),
            }).ToList();
            var sink = new FakeSink();
            AuditService.Run(targets, new SixStaleAsas(), new AuditOptions { ThrottleLimit = 4, IncludeSecurityAssociations = includeSas }, sink, CancellationToken.None);
            return sink.Outputs;
        }

        private static string Report(IEnumerable<object> records)
        {
            var report = new AuditReport { Title = "Nightly", GeneratedAt = AuditReportTests.Generated };
            foreach (var r in records) Assert.True(report.Add(r), r.GetType().Name);
            return report.ToHtml();
        }

        private static string Section(string html, string device)
        {
            int start = html.IndexOf($"data-device=\"{device}\"", StringComparison.Ordinal);
            Assert.True(start > 0, $"no section for {device}");
            return html.Substring(start, html.IndexOf("</section>", start, StringComparison.Ordinal) - start);
        }

        [Fact]
        public void An_audit_with_its_SAs_gives_SA_tables_and_charts_and_one_line_for_the_fault_on_six_devices()
        {
            var outputs = Audit(includeSas: true);
            var sas = outputs.OfType<IpsecSa>().ToList();
            Assert.Equal(24, sas.Count); // four SAs per seed ASA
            var summaries = outputs.OfType<DeviceAuditSummary>().ToList();
            Assert.All(summaries.Where(s => s.Status != AuditStatus.Failed), s => Assert.Equal(s.SaCount, sas.Count(x => x.Device == s.Device)));
            Assert.All(summaries.Where(s => s.Status != AuditStatus.Failed), s => Assert.Equal("ASA", s.Platform));
            // Each device's SAs follow its findings and come before the summaries.
            Assert.True(outputs.FindLastIndex(o => o is IpsecSa) < outputs.FindIndex(o => o is DeviceAuditSummary));

            string html = Report(outputs);
            // One line per fault (code, peer, remedy) across the fleet, opening to the six devices, each linked to its section.
            var groups = Regex.Matches(html, "<details class=\"group[^\"]*\" data-code=\"([^\"]*)\" data-peer=\"([^\"]*)\" data-devices=\"(\\d+)\">.*?</details>", RegexOptions.Singleline).ToList();
            var stale = Assert.Single(groups, g => g.Groups[1].Value == "StaleVpnContext");
            Assert.Equal(("203.0.113.10", "6"), (stale.Groups[2].Value, stale.Groups[3].Value));
            Assert.Contains("<span class=\"headline\">StaleVpnContext to 203.0.113.10 on 6 devices</span>", stale.Value);
            Assert.Contains("Remedy: <code>clear crypto ipsec sa inactive</code>", stale.Value);
            var links = Regex.Matches(stale.Value, "<li><a href=\"#(device-\\d+)\">(fw-\\d)</a>").Select(m => m.Groups[2].Value).OrderBy(n => n);
            Assert.Equal(new[] { "fw-1", "fw-2", "fw-3", "fw-4", "fw-5", "fw-6" }, links);
            Assert.All(Regex.Matches(stale.Value, "href=\"#(device-\\d+)\"").Select(m => m.Groups[1].Value), id => Assert.Contains($"id=\"{id}\"", html));
            Assert.Equal(groups.Count, groups.Select(g => g.Groups[1].Value + "|" + g.Groups[2].Value).Distinct().Count());
            // Every audited device has its SA tables and lifetime chart; the platform as Cisco writes it.
            foreach (var device in new[] { "fw-1", "fw-6" })
            {
                var section = Section(html, device);
                Assert.Contains("<svg class=\"chart\"", section);
                Assert.Contains("<caption>SAs to peer 203.0.113.10", section);
                Assert.Contains("<p class=\"facts\">ASA · 4 SAs", section);
            }
            Assert.DoesNotContain(">Asa<", html);
            Assert.Matches("<td><a href=\"#device-\\d+\">fw-1</a></td><td>ASA</td>", html);
            // The plain summary at the top.
            var brief = Regex.Match(html, "<section class=\"brief\".*?</section>", RegexOptions.Singleline).Value;
            Assert.Contains("<p>7 devices: 6 need attention (6 with a critical finding) and 1 could not be audited.</p>", brief);
            // Both faults are critical on six devices: the cause (the stale context) leads its symptom, and the count says there is more.
            Assert.Contains("<p>Most urgent: StaleVpnContext to 203.0.113.10 on 6 devices; remedy: clear crypto ipsec sa inactive.", brief);
            Assert.Contains("2 distinct faults in all, listed below.</p>", brief);
            Assert.Contains("<p>Not audited: fw-locked (AuthenticationFailed).</p>", brief);
            Assert.DoesNotContain("No SA records were given", brief);
        }

        [Fact]
        public void Without_the_SAs_the_audit_stays_short_and_the_report_says_how_to_get_them()
        {
            var outputs = Audit(includeSas: false);
            Assert.Empty(outputs.OfType<IpsecSa>());
            Assert.Equal(7, outputs.OfType<DeviceAuditSummary>().Count());
            string html = Report(outputs);
            Assert.Contains("No SA records were given, so there are no SA tables or lifetime charts: run the audit with -IncludeSa (PowerShell) or give the report spitools audit --format json.", html);
            Assert.DoesNotContain("<svg class=\"chart\"", html);
        }

        [Fact]
        public void A_device_with_records_but_no_diagnosis_is_Not_diagnosed_never_Healthy()
        {
            var report = new AuditReport { GeneratedAt = AuditReportTests.Generated };
            report.SecurityAssociations.Add(new IpsecSa { Device = "fw-parsed", Platform = "ASA", Peer = "198.51.100.7", Spi = "0x0000A001", Direction = SaDirection.Inbound, RemainingSeconds = 300 });
            report.Installs.Add(new SaInstall { Device = "rtr-logs", Peer = "198.51.100.9", Spi = "0x0000B001", Time = new DateTime(2026, 12, 1, 1, 0, 0) });
            report.Devices.Add(new DeviceAuditSummary { Device = "fw-audited", Status = AuditStatus.Healthy, Platform = "IosXe" });
            string html = report.ToHtml();
            foreach (var device in new[] { "fw-parsed", "rtr-logs" })
            {
                var section = Section(html, device);
                Assert.Contains("<span class=\"badge s-other\">Not diagnosed</span>", section);
                Assert.DoesNotContain("Healthy", section);
                Assert.DoesNotContain("Nothing to report", section);
                Assert.Contains("no diagnosis of it", section);
                Assert.Contains("<details class=\"dev\" open>", section);
            }
            // A device the audit found healthy is Healthy, its section closed (it opens by itself, no script needed).
            var healthy = Section(html, "fw-audited");
            Assert.Contains("<span class=\"badge s-healthy\">Healthy</span>", healthy);
            Assert.Contains("<details class=\"dev\"><summary>", healthy);
            Assert.Contains("<p class=\"facts\">IOS-XE · 0 SAs", healthy);
            Assert.Contains("<p>3 devices: 1 is healthy and 2 were not diagnosed.</p>", html);
            Assert.Contains("Not diagnosed <b>2</b>", html);
            // The not-diagnosed come after anything with a finding or a failure, before the healthy.
            var order = Regex.Matches(html, "data-device=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal("fw-audited", order[^1]);
        }

        [Fact]
        public void Platform_names_are_written_as_Cisco_writes_them()
        {
            Assert.Equal("ASA", PlatformNames.Vendor("Asa"));
            Assert.Equal("FTD", PlatformNames.Vendor("Ftd"));
            Assert.Equal("IOS-XE", PlatformNames.Vendor("IosXe"));
            Assert.Equal("IOS-XE", PlatformNames.Vendor("ios-xe"));
            Assert.Equal("IOS", PlatformNames.Vendor("IOS"));
            Assert.Equal("NX-OS", PlatformNames.Vendor("NX-OS"));
            Assert.Null(PlatformNames.Vendor(""));
        }

        [Fact]
        public void The_device_table_carries_what_the_script_sorts_and_filters_by_and_its_tools_are_hidden_without_script()
        {
            string html = Report(Audit(includeSas: false));
            Assert.Contains("<div class=\"tools\" id=\"fleet-tools\" hidden>", html);
            var rows = Regex.Matches(html, "<tr data-status=\"([^\"]+)\" data-order=\"(\\d+)\"><td><a href=\"#(device-\\d+)\">").ToList();
            Assert.Equal(7, rows.Count);
            Assert.Equal(Enumerable.Range(0, 7).Select(i => i.ToString()), rows.Select(r => r.Groups[2].Value));
            Assert.Equal("device-7", rows[^1].Groups[3].Value);
            Assert.Contains("<option value=\"Findings\">Findings</option><option value=\"Failed\">Failed</option>", html);
            // SPIs never wrap: the SA tables' SPI column and the SPIs in headings stay on one line.
            Assert.Contains("table.sas td:first-child,table.sas td:first-child code,.about code,ul.members code{white-space:nowrap", html);
        }
    }
}
