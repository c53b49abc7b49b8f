using System.IO;
using System.Text.Json;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>
    /// The real outputs of non-Cisco far ends (<c>Fixtures/vendors</c>, listed in its <c>MANIFEST.md</c>): every IPsec SPI
    /// <c>spis.json</c> lists for a file comes back as an <see cref="IpsecSa"/>, no other SPI does (an IKE SPI or a message
    /// ID taken for one would), and every line of the file is accounted for.
    /// </summary>
    public class VendorSpisTests
    {
        /// <summary>The vendor folders whose outputs SpiTools reads (one line: each system's parsers add theirs here).</summary>
        private static readonly string[] Covered = { "juniper-srx" };

        private static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendors");

        public static IEnumerable<object[]> Files()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "spis.json")));
            foreach (var file in doc.RootElement.EnumerateObject())
                if (Covered.Contains(file.Name.Substring(0, file.Name.IndexOf('/'))))
                    yield return new object[] { file.Name };
        }

        private static HashSet<string> Expected(string file)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "spis.json")));
            return doc.RootElement.GetProperty(file).EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void Every_spi_in_spis_json_comes_back_as_an_IpsecSa_and_nothing_else_does(string file)
        {
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseFile(Path.Combine(Root, file), new CaptureParseOptions { Statistics = stats }).ToList();
            var spis = records.OfType<IpsecSa>().Where(s => s.Spi != null).Select(s => s.Spi!).ToHashSet();
            Assert.Equal(Expected(file).OrderBy(s => s), spis.OrderBy(s => s));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            Assert.All(records.OfType<IpsecSa>(), s => Assert.NotNull(s.Platform));
        }

        [Fact]
        public void Every_covered_folder_has_files_in_spis_json()
        {
            var folders = Files().Select(f => ((string)f[0]).Split('/')[0]).Distinct().ToList();
            Assert.Equal(Covered.OrderBy(c => c), folders.OrderBy(c => c));
        }
    }
}
