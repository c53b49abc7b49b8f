using SpiTools.Diagnosis;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// The checks judged on counter growth say what they could not judge for want of traffic since the earlier snapshot, and
    /// an earlier finding of theirs is then NotJudged, not Resolved; with traffic and nothing found, it is Resolved.
    /// </summary>
    public class NotJudgedTests
    {
        private const string EarlierRun = "/srv/audit/fw-edge1/20261128T030000Z";

        private static List<ICaptureRecord> Read() =>
            new[] { "asa-stale-spi/device/show-crypto-ipsec-sa.txt", "asa-stale-spi/device/show-asp-table-vpn-context-detail.txt" }
                .SelectMany(f => Captures.Parse(f).Records).ToList();

        /// <summary>The seed ASA with 12 Bad SPI counted on context 0x2E1035D8.</summary>
        private static List<ICaptureRecord> WithBadSpi()
        {
            var records = Read();
            records.OfType<VpnContext>().Single(c => c.Context == "0x2E1035D8").BadSpi = 12;
            return records;
        }

        private static (List<Finding> Found, List<Finding> NotJudged) Diagnose(List<ICaptureRecord> now, List<ICaptureRecord> before)
        {
            var notJudged = new List<Finding>();
            var found = SpiDiagnosis.Diagnose(now, before, new DiagnosisOptions(), null, notJudged).ToList();
            return (found, notJudged);
        }

        [Fact]
        public void Counters_that_did_not_move_are_not_judged_and_the_earlier_findings_on_them_stay()
        {
            var earlier = SpiDiagnosis.Diagnose(WithBadSpi()).ToList();
            Assert.Contains(earlier, f => f.Code == "InvalidSpi");
            Assert.Contains(earlier, f => f.Code == "OneWayTraffic");

            // The same counters again: no traffic since, nothing found on counters, and both checks say they could not judge.
            var (found, notJudged) = Diagnose(WithBadSpi(), WithBadSpi());
            Assert.DoesNotContain(found, f => f.Code == "InvalidSpi" || f.Code == "OneWayTraffic");
            var idleContext = Assert.Single(notJudged, f => f.Code == "InvalidSpi");
            Assert.StartsWith("VPN context 0x2E1035D8 (SPI ", idleContext.Evidence, StringComparison.Ordinal);
            Assert.Contains("Bad SPI = 12 and ", idleContext.Evidence, StringComparison.Ordinal);
            Assert.Contains("no traffic through it between the two snapshots", idleContext.Evidence, StringComparison.Ordinal);
            Assert.Equal("fw-edge1", idleContext.Device);
            Assert.Contains(notJudged, f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10" && f.Evidence.StartsWith("encaps 0 and decaps 484, as in the earlier snapshot (", StringComparison.Ordinal));

            var marked = RunComparison.Mark(found, earlier, EarlierRun, notJudged);
            var invalid = Assert.Single(marked, f => f.Code == "InvalidSpi");
            Assert.Equal(FindingChange.NotJudged, invalid.Change);
            Assert.StartsWith("Not judged in this run: no traffic since the run of 20261128T030000Z (VPN context 0x2E1035D8", invalid.Evidence, StringComparison.Ordinal);
            Assert.Equal(FindingChange.NotJudged, Assert.Single(marked, f => f.Code == "OneWayTraffic").Change);
            Assert.DoesNotContain(marked, f => f.Change == FindingChange.Resolved && (f.Code == "InvalidSpi" || f.Code == "OneWayTraffic"));
        }

        [Fact]
        public void With_traffic_and_nothing_found_the_earlier_findings_are_resolved()
        {
            var earlier = SpiDiagnosis.Diagnose(WithBadSpi()).ToList();
            // Packets through the context and both ways on 203.0.113.10's SA, and no Bad SPI more: judged, and gone.
            var now = WithBadSpi();
            now.OfType<VpnContext>().Single(c => c.Context == "0x2E1035D8").Packets += 500;
            foreach (var sa in now.OfType<IpsecSa>().Where(s => s.Peer == "203.0.113.10"))
            {
                sa.PacketsEncapsulated += 152;
                sa.PacketsDecapsulated += 127;
            }
            var (found, notJudged) = Diagnose(now, WithBadSpi());
            Assert.DoesNotContain(notJudged, f => f.Code == "InvalidSpi" || f.Peer == "203.0.113.10");
            var marked = RunComparison.Mark(found, earlier, EarlierRun, notJudged);
            Assert.Equal(FindingChange.Resolved, Assert.Single(marked, f => f.Code == "InvalidSpi").Change);
            Assert.Equal(FindingChange.Resolved, Assert.Single(marked, f => f.Code == "OneWayTraffic" && f.Peer == "203.0.113.10").Change);
            Assert.DoesNotContain(marked, f => f.Change == FindingChange.NotJudged);
        }
    }
}
