using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    public class ParseCommandTests
    {
        private static string Ex(string rel) => Path.Combine(SpitoolsProcess.Examples, rel);

        [Fact]
        public void Json_is_an_array_of_records_named_like_the_powershell_objects()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json",
                Ex("asa-stale-spi/device/show-crypto-ipsec-sa.txt"), Ex("asa-stale-spi/device/show-asp-table-vpn-context-detail.txt"));
            Assert.True(exit == 0, stderr);
            var doc = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(JsonValueKind.Array, doc.ValueKind);
            var sa = doc.EnumerateArray().First(e => e.GetProperty("RecordType").GetString() == "IpsecSa" && e.GetProperty("Spi").GetString() == "0xA19EC57E");
            Assert.Equal("RecordType", sa.EnumerateObject().First().Name);
            Assert.Equal("Outbound", sa.GetProperty("Direction").GetString());
            Assert.Equal("esp", sa.GetProperty("Protocol").GetString());
            Assert.True(sa.GetProperty("IsCurrentOutbound").GetBoolean());
            Assert.Equal("203.0.113.10", sa.GetProperty("Peer").GetString());
            Assert.Equal("10.255.203.0/255.255.255.0/0/0", sa.GetProperty("LocalIdent").GetString());
            Assert.Equal(0, sa.GetProperty("PacketsEncapsulated").GetInt64());
            Assert.Equal(484, sa.GetProperty("PacketsDecapsulated").GetInt64());
            Assert.Equal(4374000, sa.GetProperty("RemainingKilobytes").GetInt64());
            Assert.Equal(27284, sa.GetProperty("RemainingSeconds").GetInt64());
            var ctx = doc.EnumerateArray().First(e => e.GetProperty("RecordType").GetString() == "VpnContext");
            Assert.Equal("0x2D2EA0A4", ctx.GetProperty("Context").GetString());
            Assert.Equal("0x25A3076D", ctx.GetProperty("Spi").GetString());
            Assert.Equal("Outbound", ctx.GetProperty("Direction").GetString());
            Assert.Equal(41006, ctx.GetProperty("Packets").GetInt64());
            Assert.Equal("10.220.100.0", ctx.GetProperty("PeerIp").GetString());
            Assert.Contains("92 lines: 80 used, 12 blank, 0 reported", stderr);
        }

        [Fact]
        public void Diagnostics_carry_code_line_text_and_source()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json", Ex("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt"));
            Assert.True(exit == 0, stderr);
            var doc = JsonDocument.Parse(stdout).RootElement;
            var d = doc.EnumerateArray().First(e => e.GetProperty("RecordType").GetString() == "ParseDiagnostic" && e.GetProperty("Code").GetString() == "SpiDecimalMismatch");
            Assert.Equal(32, d.GetProperty("Line").GetInt32());
            Assert.Contains("0x25A3076D (2711537022)", d.GetProperty("Text").GetString());
            Assert.EndsWith("show-crypto-ipsec-sa-peer.as-published.txt", d.GetProperty("Source").GetString());
            var pt = SpitoolsProcess.Run("parse", "--format", "json", Ex("asa-stale-spi/packet-tracer.as-published.txt"));
            var trace = JsonDocument.Parse(pt.Out).RootElement.EnumerateArray().First(e => e.GetProperty("RecordType").GetString() == "PacketTrace");
            Assert.Equal("0x2D2EA0A4", trace.GetProperty("EncryptVpnContext").GetString());
            Assert.Equal(1, trace.GetProperty("Phases").GetArrayLength());
        }

        [Fact]
        public void Standard_input_is_read_when_no_path_is_given()
        {
            var text = File.ReadAllText(Ex("asa-stale-spi/device/show-asp-table-vpn-context-detail.txt"));
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithInput(text, "parse", "--format", "csv");
            Assert.True(exit == 0, stderr);
            var lines = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("RecordType,Device,Source,Line,LastLine,Incomplete,Context,", lines[0]);
            Assert.Equal(6, lines.Length);
            Assert.StartsWith("VpnContext,fw-edge1,-,3,", lines[1]);
        }

        [Fact]
        public void A_missing_file_gives_one_line_and_a_non_zero_exit_without_hiding_the_others()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json", Ex("no-such-file.txt"), Ex("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt"));
            Assert.Equal(2, exit);
            Assert.Equal(6, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
            var errorLines = stderr.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("spitools:")).ToList();
            var line = Assert.Single(errorLines);
            Assert.Contains("no-such-file.txt: no such file", line);
            Assert.EndsWith("[CaptureFileNotFound]", line.TrimEnd());
            Assert.DoesNotContain("   at ", stderr);
        }

        [Fact]
        public void A_folder_is_read_as_its_files_as_the_module_reads_it()
        {
            var device = Ex("asa-stale-spi/device");
            var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json", device);
            Assert.True(exit == 0, stderr);
            var files = Directory.GetFiles(device).OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
            var (exit2, stdout2, _) = SpitoolsProcess.Run(new[] { "parse", "--format", "json" }.Concat(files).ToArray());
            Assert.Equal(0, exit2);
            Assert.Equal(stdout2, stdout);
            Assert.Equal(3, stderr.Split('\n').Count(l => l.Contains(" lines: ")));

            // A folder with no files directly in it: a warning, not an error, and nothing else is lost.
            var (exit3, stdout3, stderr3) = SpitoolsProcess.Run("parse", "--format", "json", SpitoolsProcess.Examples, Ex("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            Assert.Equal(0, exit3);
            Assert.Contains("spitools: warning: ", stderr3);
            Assert.Contains("a folder with no capture files directly in it", stderr3);
            Assert.Equal(4, JsonDocument.Parse(stdout3).RootElement.GetArrayLength());
            Assert.DoesNotContain("   at ", stderr3);
        }

        [Fact]
        public void A_binary_file_is_read_as_damaged_text_without_a_stack_trace()
        {
            var file = Path.GetTempFileName();
            try
            {
                var bytes = new byte[200_000];
                new System.Random(3).NextBytes(bytes);
                File.WriteAllBytes(file, bytes);
                var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json", file);
                Assert.True(exit == 0, stderr);
                Assert.Contains("\"InvalidEncoding\"", stdout);
                Assert.DoesNotContain("   at ", stderr);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void An_unknown_kind_is_refused()
        {
            var (exit, _, stderr) = SpitoolsProcess.Run("parse", "--kind", "bogus", Ex("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            Assert.NotEqual(0, exit);
            Assert.Contains("bogus", stderr);
        }
    }
}
