using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>libreswan's <c>ipsec trafficstatus</c> as its own test suite prints it (Fixtures/farend-extra/README.md).</summary>
    public class LibreswanTrafficTests
    {
        [Fact]
        public void Each_child_sa_is_an_inbound_and_an_outbound_record_with_its_bytes_and_no_spi()
        {
            var stats = new ParseStatistics();
            var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "farend-extra", "libreswan-trafficstatus-west.txt");
            var records = CaptureParser.ParseFile(file, new CaptureParseOptions { Statistics = stats }).ToList();
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { SaDirection.Inbound, SaDirection.Outbound }, sas.Select(s => s.Direction));
            Assert.All(sas, s =>
            {
                Assert.Equal("libreswan", s.Platform);
                Assert.Null(s.Spi);
                Assert.Equal(84, s.Bytes);
                Assert.Equal("#2", s.TunnelId);
                Assert.Equal("westnet-eastnet", s.Connection);
            });
            Assert.True(stats.IsBalanced, stats.ToString());
            // "west #" is the prompt of the test suite's host west, on a line of its own before the command: it names the
            // device, and every line is used.
            Assert.All(sas, s => Assert.Equal("west", s.Device));
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.OfType<ParseDiagnostic>());
        }
    }
}
