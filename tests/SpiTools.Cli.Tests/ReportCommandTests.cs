using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary><c>spitools report</c> from the JSON of diagnose and parse, and the page in a real browser (headless Chromium).</summary>
    public class ReportCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-report-cli").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>
        /// The seed incidents as JSON (findings from diagnose, SAs and the rest from parse) and the report made from them;
        /// the hub diagnosed with its spoke (Fixtures/ends/iosxe-desync), which lacks the hub's newest SA.
        /// </summary>
        private (string Html, string Path, string Err) Report()
        {
            string asa = Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device"), hub = Path.Combine(SpitoolsProcess.Examples, "iosxe-dmvpn-multi-spi");
            string spoke = Path.Combine(AppContext.BaseDirectory, "ends", "iosxe-desync", "SPOKE3");
            var diagnose = SpitoolsProcess.Run("diagnose", "--format", "json", asa, hub, spoke);
            Assert.Equal(0, diagnose.Exit);
            var parse = SpitoolsProcess.Run("parse", "--format", "json", asa, Path.Combine(hub, "show-crypto-ipsec-sa-peer.txt"));
            Assert.Equal(0, parse.Exit);
            File.WriteAllText(Path.Combine(_dir, "findings.json"), diagnose.Out);
            File.WriteAllText(Path.Combine(_dir, "records.json"), parse.Out);
            string html = Path.Combine(_dir, "fleet report.html");
            var report = SpitoolsProcess.Run("report", "--title", "Nightly <audit>", "--out", html, Path.Combine(_dir, "findings.json"), Path.Combine(_dir, "records.json"));
            Assert.True(report.Exit == 0, report.Err);
            return (File.ReadAllText(html), html, report.Err);
        }

        [Fact]
        public void Report_writes_one_page_from_diagnose_and_parse_json_and_accounts_for_every_element()
        {
            var (html, _, err) = Report();
            Assert.Contains("findings.json: 8 records: 8 in the report", err); // fw-edge1 2, ASR1 5 (its folder holds two debugs: RekeyTimeline; SpiDesync with SPOKE3), SPOKE3 1
            Assert.Contains("records.json: 16 records: 10 in the report; not shown: 1 PacketTrace, 5 VpnContext", err);
            Assert.Contains("<title>Nightly &lt;audit&gt;</title>", html);
            foreach (var text in new[] { "data-device=\"fw-edge1\"", "data-device=\"ASR1\"", "StaleVpnContext", "OneWayTraffic", "RekeyChurn", "OrphanSaPair", "RekeyTimeline", "<td><code>0x290E38E9</code></td>" })
                Assert.Contains(text, html);
            int asr = html.IndexOf("data-device=\"ASR1\"", StringComparison.Ordinal);
            string hubSection = html.Substring(asr, html.IndexOf("</section>", asr, StringComparison.Ordinal) - asr);
            Assert.Equal(3, Regex.Matches(hubSection, "<g class=\"series\"").Count);
            // From JSON too: the other end of a both-ends finding, linked to its section, and the interval measured in the logs.
            string spokeId = Regex.Match(html, "id=\"(device-\\d+)\" data-device=\"SPOKE3\"").Groups[1].Value;
            Assert.Contains($"<span class=\"code\">SpiDesync</span> <span class=\"about\">peer 172.17.3.2 · other end <a href=\"#{spokeId}\">SPOKE3</a> · SPI <code>0x290E38E9</code></span>", hubSection);
            Assert.Contains("<dt>Measured</dt><dd>a rekey every 37 s (from the logs)</dd>", hubSection);
            Assert.Single(Regex.Matches(html, "other end "));
            // One script only, the page's own (sorting, filtering, collapsing), inline.
            Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
            Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void A_missing_or_non_json_input_is_an_error_with_its_ErrorId_and_the_good_inputs_are_still_reported()
        {
            var diagnose = SpitoolsProcess.Run("diagnose", "--format", "json", Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device"));
            File.WriteAllText(Path.Combine(_dir, "good.json"), diagnose.Out);
            File.WriteAllText(Path.Combine(_dir, "bad.json"), "fw-edge1# show crypto ipsec sa\n");
            File.WriteAllText(Path.Combine(_dir, "object.json"), "{\"RecordType\":\"Finding\"}");
            string html = Path.Combine(_dir, "r.html");
            var r = SpitoolsProcess.Run("report", "--out", html, Path.Combine(_dir, "bad.json"), Path.Combine(_dir, "nope.json"), Path.Combine(_dir, "object.json"), Path.Combine(_dir, "good.json"));
            Assert.Equal(2, r.Exit);
            Assert.Matches(@"bad\.json: not JSON \(line 1, byte 2\): .*\[ReportInputInvalid\]", r.Err);
            Assert.DoesNotContain("show crypto", r.Err);
            Assert.Matches(@"nope\.json: no such file \[CaptureFileNotFound\]", r.Err);
            Assert.Matches(@"object\.json: not an array of records .*\[ReportInputInvalid\]", r.Err);
            Assert.Contains("good.json: 2 records: 2 in the report", r.Err);
            Assert.Contains("StaleVpnContext", File.ReadAllText(html));
        }

        private const string Chromium = "/usr/bin/chromium";

        private static (int Exit, string Out, string Err) Browser(string profile, params string[] args)
        {
            Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does when it is missing)");
            var psi = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile }.Concat(args))
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(30_000))
            {
                p.Kill(true);
                throw new TimeoutException("chromium did not finish within 30 s");
            }
            return (p.ExitCode, stdout.Result, stderr.Result);
        }

        [Fact]
        public void A_real_browser_renders_the_page_offline_with_its_devices_codes_and_charts()
        {
            var (_, path, _) = Report();
            string url = new Uri(path).AbsoluteUri;
            string png = Path.Combine(_dir, "report.png");
            var shot = Browser(Path.Combine(_dir, "profile-shot"), "--screenshot=" + png, "--window-size=1280,2000", url);
            Assert.True(File.Exists(png), $"no screenshot (exit {shot.Exit}): {shot.Err}");
            var (width, height, pixels) = Png.Decode(File.ReadAllBytes(png));
            Assert.Equal((1280, 2000), (width, height));
            // Not blank: many colours (text, badges, bars), and much of the page is not the background.
            var colours = new HashSet<int>(pixels);
            Assert.True(colours.Count > 50, $"{colours.Count} distinct colours");
            int background = pixels.GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
            double drawn = pixels.Count(c => c != background) / (double)pixels.Length;
            Assert.True(drawn > 0.2, $"{drawn:P0} of the pixels differ from the background");
            // The red of a critical badge and the blue of the newest SA generation are on screen.
            Assert.Contains(colours, c => c == 0xB91C1C);
            Assert.Contains(colours, c => c == 0x2563EB);

            var dom = Browser(Path.Combine(_dir, "profile-dom"), "--dump-dom", url);
            Assert.True(dom.Exit == 0, dom.Err);
            foreach (var text in new[] { "fw-edge1", "ASR1", "StaleVpnContext", "OneWayTraffic", "RekeyChurn", "OrphanSaPair", "<svg class=\"chart\"", "<g class=\"series\"",
                         "SpiDesync", ">SPOKE3</a>", "a rekey every 37 s (from the logs)" })
                Assert.Contains(text, dom.Out);
            Assert.Contains("<title>Nightly &lt;audit&gt;</title>", dom.Out);
        }

        /// <summary>Just enough of PNG to check a screenshot: 8-bit RGB or RGBA, non-interlaced; pixels as 0xRRGGBB.</summary>
        private static class Png
        {
            public static (int Width, int Height, int[] Pixels) Decode(byte[] file)
            {
                Assert.True(file.Length > 8 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G', "not a PNG");
                int width = 0, height = 0, colourType = 0;
                using var idat = new MemoryStream();
                for (int pos = 8; pos + 8 <= file.Length;)
                {
                    int length = (file[pos] << 24) | (file[pos + 1] << 16) | (file[pos + 2] << 8) | file[pos + 3];
                    string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
                    int data = pos + 8;
                    if (type == "IHDR")
                    {
                        width = (file[data] << 24) | (file[data + 1] << 16) | (file[data + 2] << 8) | file[data + 3];
                        height = (file[data + 4] << 24) | (file[data + 5] << 16) | (file[data + 6] << 8) | file[data + 7];
                        Assert.Equal(8, file[data + 8]);
                        colourType = file[data + 9];
                        Assert.Equal(0, file[data + 12]);
                    }
                    else if (type == "IDAT") idat.Write(file, data, length);
                    else if (type == "IEND") break;
                    pos = data + length + 4;
                }
                int bpp = colourType switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colourType}") };
                idat.Position = 0;
                using var z = new ZLibStream(idat, CompressionMode.Decompress);
                using var raw = new MemoryStream();
                z.CopyTo(raw);
                var bytes = raw.ToArray();
                int stride = width * bpp;
                var prev = new byte[stride];
                var line = new byte[stride];
                var pixels = new int[width * height];
                for (int y = 0; y < height; y++)
                {
                    int off = y * (stride + 1);
                    byte filter = bytes[off];
                    for (int i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                        int x = bytes[off + 1 + i];
                        line[i] = (byte)(filter switch
                        {
                            0 => x,
                            1 => x + a,
                            2 => x + b,
                            3 => x + ((a + b) >> 1),
                            4 => x + Paeth(a, b, c),
                            _ => throw new InvalidDataException($"PNG filter {filter}"),
                        });
                    }
                    for (int px = 0; px < width; px++) pixels[y * width + px] = (line[px * bpp] << 16) | (line[px * bpp + 1] << 8) | line[px * bpp + 2];
                    (prev, line) = (line, prev);
                }
                return (width, height, pixels);
            }

            private static int Paeth(int a, int b, int c)
            {
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            }
        }
    }
}
