using SpiTools.Diagnosis;
using SpiTools.Parsing;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>A device's summary line names what its platform has and what was asked of it: no "0 VPN contexts" for IOS-XE, no "0 packet traces" without a traced flow.</summary>
    public class RecordCountsTests
    {
        private static List<ICaptureRecord> Read(string folder) =>
            CaptureFiles.Expand(Captures.PathOf(folder)).SelectMany(f => CaptureParser.ParseFile(f)).ToList();

        [Fact]
        public void An_ios_xe_hub_is_summed_up_without_the_ASA_only_tables_and_an_ASA_with_them()
        {
            var hub = RecordCounts.Describe(Read("iosxe-dmvpn-multi-spi"));
            Assert.StartsWith("6 SAs", hub);
            Assert.DoesNotContain("VPN context", hub);
            Assert.DoesNotContain("packet trace", hub);
            Assert.Contains("SA events", hub);
            Assert.Equal("4 SAs, 5 VPN contexts, 1 packet trace", RecordCounts.Describe(Read("asa-stale-spi/device")));
            // An ASA without its VPN context table says so: there, the missing table is news.
            var sasOnly = Read("asa-stale-spi/device").OfType<IpsecSa>().Cast<ICaptureRecord>().ToList();
            Assert.Equal("4 SAs, 0 VPN contexts", RecordCounts.Describe(sasOnly));
            // A packet trace only comes of a traced flow: an ASA read without one (a live diagnose without --flow) names none.
            var untraced = Read("asa-stale-spi/device").Where(r => !(r is PacketTrace)).ToList();
            Assert.Equal("4 SAs, 5 VPN contexts", RecordCounts.Describe(untraced));
        }
    }
}
