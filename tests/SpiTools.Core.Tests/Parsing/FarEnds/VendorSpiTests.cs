using System.Text.Json;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>
    /// The published outputs of far ends that are not Cisco (Fixtures/vendors, with their MANIFEST.md): every IPsec SPI
    /// spis.json lists for a file comes back as an <see cref="IpsecSa"/>, and no other SPI does (an IKE SPI or a message ID
    /// taken for one would); every line of the file is used, none reported.
    /// </summary>
    public class VendorSpiTests
    {
        /// <summary>The vendor folders whose outputs SpiTools reads (one line: each platform adds its folder here).</summary>
        private static readonly string[] Covered = { "strongswan", "libreswan", "openbsd-iked", "juniper-srx", "paloalto", "fortinet", "azure" };

        internal static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendors");

        private static Dictionary<string, string[]> Expected()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "spis.json")));
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
        }

        public static IEnumerable<object[]> Files() =>
            Expected().Keys.Where(k => Covered.Contains(k.Split('/')[0])).OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

        [Fact]
        public void EveryCoveredVendorFolderHasFiles()
        {
            foreach (var vendor in Covered)
                Assert.Contains(Expected().Keys, k => k.StartsWith(vendor + "/", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void EverySpiComesBackAsAnIpsecSaAndNothingElseDoes(string file)
        {
            var expected = Expected()[file];
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseFile(Path.Combine(Root, file.Replace('/', Path.DirectorySeparatorChar)), new CaptureParseOptions { Statistics = stats }).ToList();
            var sas = records.OfType<IpsecSa>().ToList();
            var spis = sas.Where(s => s.Spi != null).Select(s => s.Spi!).ToList();
            Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), spis.Distinct().OrderBy(s => s, StringComparer.Ordinal));
            // Each SA once: a far end that lists an SA twice (iked's iked_activesas) still has one SA. (One SPI may be two SAs of
            // one device: inbound on one tunnel and outbound on another, as PAN-OS prints a tunnel looped between two of its VRs.)
            var sasBySpi = sas.Where(s => s.Spi != null).Select(s => (s.Spi, s.Direction)).ToList();
            Assert.Equal(sasBySpi.Count, sasBySpi.Distinct().Count());
            Assert.All(sas, s => Assert.False(string.IsNullOrEmpty(s.Platform)));
            Assert.All(sas.Where(s => s.Spi != null), s => Assert.NotNull(s.Direction));
            // Every line accounted for, and none left unread.
            Assert.True(stats.IsBalanced, stats.ToString());
            var reported = records.OfType<ParseDiagnostic>().Where(d => d.Code == DiagnosticCodes.UnrecognizedLine || d.Code == DiagnosticCodes.UnsupportedOutput).ToList();
            Assert.True(reported.Count == 0, string.Join("\n", reported.Select(d => $"{d.Line}: {d.Code} {d.Text}")));
            Assert.Equal(0, stats.ReportedLines);
        }
    }
}
