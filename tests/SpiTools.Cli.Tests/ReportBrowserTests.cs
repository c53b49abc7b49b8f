using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The fleet report in headless Chromium at a laptop's and a phone's width: the fleet's faults grouped, the device
    /// table sorted and filtered by clicks and typing, sections collapsed and expanded, SPIs on one line, no console
    /// error, nothing fetched; and the same page with scripting off.
    /// </summary>
    public class ReportBrowserTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-report-browser").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static JsonArray Json(params string[] args)
        {
            var r = SpitoolsProcess.Run(args);
            Assert.True(r.Exit == 0, r.Err);
            return JsonNode.Parse(r.Out)!.AsArray();
        }

        private static JsonObject Summary(string device, string platform, string status, int sas, int critical, int warning, int info, string? errorId = null) => new()
        {
            ["RecordType"] = "DeviceAuditSummary", ["Device"] = device, ["Platform"] = platform, ["Status"] = status, ["SaCount"] = sas,
            ["CriticalCount"] = critical, ["WarningCount"] = warning, ["InfoCount"] = info, ["ErrorId"] = errorId,
            ["ErrorMessage"] = errorId == null ? null : $"{device}: connection refused (is SSH enabled for this address and interface?).",
            ["StartedAt"] = "2026-12-07T02:00:00Z", ["DurationSeconds"] = 11.5,
        };

        /// <summary>
        /// An audited fleet as the report gets it from JSON: the seed ASA's findings and SAs on six firewalls (one fault on six
        /// devices), the seed IOS-XE hub with its SAs, a healthy firewall and one that refused the connection.
        /// </summary>
        private string FleetReport()
        {
            string asa = Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device"), hub = Path.Combine(SpitoolsProcess.Examples, "iosxe-dmvpn-multi-spi");
            var asaFindings = Json("diagnose", "--format", "json", asa);
            var asaSas = new JsonArray(Json("parse", "--format", "json", asa).Where(r => (string?)r!["RecordType"] == "IpsecSa").Select(r => r!.DeepClone()).ToArray());
            var hubFindings = Json("diagnose", "--format", "json", hub);
            var hubSas = new JsonArray(Json("parse", "--format", "json", Path.Combine(hub, "show-crypto-ipsec-sa-peer.txt")).Where(r => (string?)r!["RecordType"] == "IpsecSa").Select(r => r!.DeepClone()).ToArray());
            var all = new JsonArray();
            for (int i = 1; i <= 6; i++)
            {
                string name = $"fw-edge{i}";
                foreach (var r in asaFindings.Concat(asaSas))
                {
                    var copy = r!.DeepClone();
                    copy["Device"] = name;
                    all.Add(copy);
                }
                all.Add(Summary(name, "Asa", "Findings", asaSas.Count, 2, 0, 0));
            }
            foreach (var r in hubFindings.Concat(hubSas)) all.Add(r!.DeepClone());
            all.Add(Summary("ASR1", "IosXe", "Findings", hubSas.Count, 0, 0, hubFindings.Count));
            all.Add(Summary("fw-branch", "Asa", "Healthy", 2, 0, 0, 0));
            all.Add(Summary("fw-dc2", "Ftd", "Failed", 0, 0, 0, 0, "ConnectionRefused"));
            string json = Path.Combine(_dir, "audit.json"), html = Path.Combine(_dir, "audit.html");
            File.WriteAllText(json, all.ToJsonString());
            var report = SpitoolsProcess.Run("report", "--title", "Nightly audit", "--out", html, json);
            Assert.True(report.Exit == 0, report.Err);
            return html;
        }

        private static string[] Names(HeadlessBrowser b) =>
            b.Evaluate("Array.from(document.querySelectorAll('#fleet-table tbody tr')).filter(r => !r.hidden).map(r => r.cells[0].textContent)")
                .EnumerateArray().Select(e => e.GetString()!).ToArray();

        [Theory]
        [InlineData(1280, 1800)]
        [InlineData(390, 1800)]
        public void The_page_groups_sorts_filters_and_collapses_at_this_width_without_a_console_error(int width, int height)
        {
            string url = new Uri(FleetReport()).AbsoluteUri;
            using var b = new HeadlessBrowser(Path.Combine(_dir, "profile"));
            b.Open(url, width, height);

            // The screenshot, kept for docs/ (SPITOOLS_SCREENSHOTS names a folder to copy it to).
            var png = b.Screenshot();
            Assert.True(png.Length > 10_000);
            File.WriteAllBytes(Path.Combine(_dir, $"report-{width}.png"), png);
            if (Environment.GetEnvironmentVariable("SPITOOLS_SCREENSHOTS") is { Length: > 0 } keep)
                File.WriteAllBytes(Path.Combine(keep, $"report-{width}.png"), png);

            // Nothing fetched, the page no wider than the window, the platforms as Cisco writes them.
            Assert.Equal(0, b.Evaluate("performance.getEntriesByType('resource').length").GetInt32());
            Assert.True(b.Evaluate("document.documentElement.scrollWidth").GetInt32() <= width, "the page scrolls sideways");
            // The device table fits the window: a table at a laptop's width, a card of labelled values per device at a phone's;
            // neither the page nor the table scrolls sideways.
            AssertDeviceTableFits(b);
            Assert.Equal(width < 600 ? "flex" : "table-row", b.Evaluate("getComputedStyle(document.querySelector('#fleet-table tbody tr')).display").GetString());
            Assert.Equal("ASA,ASA,ASA,ASA,ASA,ASA,FTD,IOS-XE,ASA", b.Evaluate("Array.from(document.querySelectorAll('#fleet-table tbody tr')).map(r => r.cells[1].textContent).join()").GetString());

            // The fault on six devices is one line, closed, and opens to the six devices, each linked to its section.
            Assert.Equal("StaleVpnContext to 203.0.113.10 on 6 devices", b.Evaluate("document.querySelector('details.group[data-code=StaleVpnContext] .headline').textContent").GetString());
            Assert.False(b.Evaluate("document.querySelector('details.group[data-code=StaleVpnContext]').open").GetBoolean());
            b.Evaluate("document.querySelector('details.group[data-code=StaleVpnContext] summary').click()");
            Assert.True(b.Evaluate("document.querySelector('details.group[data-code=StaleVpnContext]').open").GetBoolean());
            Assert.Equal("fw-edge1,fw-edge2,fw-edge3,fw-edge4,fw-edge5,fw-edge6",
                b.Evaluate("Array.from(document.querySelectorAll('details.group[data-code=StaleVpnContext] li a')).map(a => a.textContent).sort().join()").GetString());
            Assert.True(b.Evaluate("Array.from(document.querySelectorAll('details.group li a')).every(a => document.getElementById(a.getAttribute('href').slice(1)))").GetBoolean());
            Assert.Equal(1, b.Evaluate("document.querySelectorAll('details.group[data-code=StaleVpnContext]').length").GetInt32());

            // The table, worst first; sorted by a click on a heading, both ways; numbers as numbers.
            Assert.Equal(new[] { "fw-edge1", "fw-edge2", "fw-edge3", "fw-edge4", "fw-edge5", "fw-edge6", "fw-dc2", "ASR1", "fw-branch" }, Names(b));
            b.Evaluate("document.querySelectorAll('#fleet-table th button')[0].click()");
            Assert.Equal(new[] { "ASR1", "fw-branch", "fw-dc2", "fw-edge1", "fw-edge2", "fw-edge3", "fw-edge4", "fw-edge5", "fw-edge6" }, Names(b));
            Assert.Equal("ascending", b.Evaluate("document.querySelectorAll('#fleet-table th')[0].getAttribute('aria-sort')").GetString());
            b.Evaluate("document.querySelectorAll('#fleet-table th button')[0].click()");
            Assert.Equal("fw-edge6", Names(b)[0]);
            b.Evaluate("document.querySelectorAll('#fleet-table th button')[5].click()"); // Info, ascending: 0 … then the hub's
            Assert.Equal("ASR1", Names(b)[^1]);
            b.Evaluate("document.querySelectorAll('#fleet-table th button')[2].click()"); // Status, by rank: healthy first
            Assert.Equal("fw-branch", Names(b)[0]);

            // Filtered by typing and by status; the count says how many are shown.
            b.Evaluate("(() => { const f = document.getElementById('fleet-filter'); f.value = 'ios-xe'; f.dispatchEvent(new Event('input')); })()");
            Assert.Equal(new[] { "ASR1" }, Names(b));
            Assert.Equal("1 of 9 devices shown", b.Evaluate("document.getElementById('fleet-shown').textContent").GetString());
            b.Evaluate("(() => { const f = document.getElementById('fleet-filter'); f.value = 'StaleVpn'; f.dispatchEvent(new Event('input')); })()");
            Assert.Equal(6, Names(b).Length);
            b.Evaluate("(() => { const f = document.getElementById('fleet-filter'); f.value = ''; f.dispatchEvent(new Event('input')); const s = document.getElementById('fleet-status'); s.value = 'Failed'; s.dispatchEvent(new Event('change')); })()");
            Assert.Equal(new[] { "fw-dc2" }, Names(b));
            // A row filtered out takes no room (at a phone's width too, where rows are cards).
            Assert.Equal(1, b.Evaluate("Array.from(document.querySelectorAll('#fleet-table tbody tr')).filter(r => r.offsetHeight > 0).length").GetInt32());
            AssertDeviceTableFits(b);

            // Device sections collapse and expand; the healthy one starts closed, the others open.
            Assert.Equal("false,true", b.Evaluate("[document.querySelector('section[data-device=fw-branch] details.dev').open, document.querySelector('section[data-device=ASR1] details.dev').open].join()").GetString());
            b.Evaluate("document.getElementById('collapse-all').click()");
            Assert.Equal(0, b.Evaluate("document.querySelectorAll('details.dev[open]').length").GetInt32());
            b.Evaluate("document.getElementById('expand-all').click()");
            Assert.Equal(9, b.Evaluate("document.querySelectorAll('details.dev[open]').length").GetInt32());

            // Every SPI on one line: in the SA tables and in the findings' headings.
            int spis = b.Evaluate("document.querySelectorAll('table.sas td:first-child code, .about code').length").GetInt32();
            Assert.True(spis >= 24, $"{spis} SPIs");
            Assert.Equal("", b.Evaluate("Array.from(document.querySelectorAll('table.sas td:first-child code, .about code')).filter(c => c.getClientRects().length !== 1).map(c => c.textContent).join()").GetString());
            // The lifetime charts of the audited devices.
            Assert.Equal(7, b.Evaluate("document.querySelectorAll('section.device svg.chart').length").GetInt32());

            Assert.Empty(b.Errors);
        }

        /// <summary>Neither the device table nor its frame nor the page is wider than what it shows, and the table ends inside the window.</summary>
        private static void AssertDeviceTableFits(HeadlessBrowser b)
        {
            string widths = b.Evaluate("(() => { const t = document.getElementById('fleet-table'), w = t.closest('.tablewrap'), s = document.scrollingElement; " +
                "return [t.scrollWidth, t.clientWidth, w.scrollWidth, w.clientWidth, s.scrollWidth, s.clientWidth, Math.ceil(t.getBoundingClientRect().right), window.innerWidth].join(); })()").GetString()!;
            int[] v = widths.Split(',').Select(int.Parse).ToArray();
            Assert.True(v[0] <= v[1] && v[2] <= v[3] && v[4] <= v[5] && v[6] <= v[7],
                $"the device table or the page scrolls sideways (table, frame, page: scroll and client widths; the table's right edge, the window): {widths}");
        }

        [Fact]
        public void With_scripting_off_the_page_still_reads_worst_first_with_every_section_there()
        {
            string url = new Uri(FleetReport()).AbsoluteUri;
            using var b = new HeadlessBrowser(Path.Combine(_dir, "noscript"));
            b.DisableScripts();
            b.Open(url, 390, 1800);
            string html = b.Html();
            var png = b.Screenshot();
            File.WriteAllBytes(Path.Combine(_dir, "report-390-noscript.png"), png);
            if (Environment.GetEnvironmentVariable("SPITOOLS_SCREENSHOTS") is { Length: > 0 } keep)
                File.WriteAllBytes(Path.Combine(keep, "report-390-noscript.png"), png);
            // The script did not run: the tools stay hidden, the headings are plain, the table is in its written order.
            Assert.Contains("<div class=\"tools\" id=\"fleet-tools\" hidden=\"\">", html);
            // The device table fits the phone's width without the script too.
            AssertDeviceTableFits(b);
            Assert.DoesNotContain("button class=\"sort\"", html);
            Assert.Contains("<span id=\"fleet-shown\" aria-live=\"polite\"></span>", html);
            var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-status=\"[^\"]+\" data-order=\"(\\d+)\">").Select(m => m.Groups[1].Value);
            Assert.Equal(Enumerable.Range(0, 9).Select(i => i.ToString()), rows);
            // Everything is there to read: each section, open unless healthy, the fleet's faults and the brief.
            Assert.Equal(9, System.Text.RegularExpressions.Regex.Matches(html, "<details class=\"dev\"").Count);
            Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(html, "<details class=\"dev\" open=\"\">").Count);
            Assert.Contains("StaleVpnContext to 203.0.113.10 on 6 devices", html);
            Assert.Contains("<p>9 devices: 7 need attention (6 with a critical finding), 1 could not be audited and 1 is healthy.</p>", html);
            Assert.Empty(b.Errors);
        }
    }
}
