using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>Findings that rest on filtered output claim no more than the filter let through.</summary>
    public class FilteredDiagnosisTests
    {
        [Fact]
        public void One_way_traffic_from_filtered_counters_is_a_warning_that_says_what_it_could_not_see()
        {
            var records = Captures.Parse("forms/asa-ipsec-sa-include-spi-pkts-peer.txt").Records;
            var findings = SpiDiagnosis.Diagnose(records).ToList();
            var oneWay = Assert.Single(findings, f => f.Code == FindingCodes.OneWayTraffic);
            Assert.Equal("203.0.113.10", oneWay.Peer);
            Assert.Equal(FindingSeverity.Warning, oneWay.Severity);
            Assert.Contains("encaps 0 while decaps 484", oneWay.Evidence);
            Assert.Contains("could not be seen", oneWay.Evidence);
            Assert.True(oneWay.BasedOnDamagedCapture);
            Assert.DoesNotContain(findings, f => f.Peer == "192.0.2.20");
            // Without idents or contexts no stale context can be named from this output alone.
            Assert.DoesNotContain(findings, f => f.Code == FindingCodes.StaleVpnContext);
        }

        [Fact]
        public void The_same_entry_unfiltered_is_still_critical()
        {
            var records = Captures.Parse("asa-stale-spi/device/show-crypto-ipsec-sa.txt").Records;
            var oneWay = Assert.Single(SpiDiagnosis.Diagnose(records), f => f.Code == FindingCodes.OneWayTraffic);
            Assert.Equal(FindingSeverity.Critical, oneWay.Severity);
            Assert.DoesNotContain("could not be seen", oneWay.Evidence);
        }

        [Fact]
        public void Error_counter_without_its_traffic_count_is_not_read_against_zero()
        {
            const string text =
                "ASR1#sh crypto ipsec sa | include peer|errors\n" +
                "   current_peer 172.17.3.2 port 500\n" +
                "    #send errors 0, #recv errors 1560\n";
            var records = Captures.ParseText(text).Records;
            var sa = Assert.Single(records.Of<IpsecSa>());
            Assert.Equal(1560, sa.ReceiveErrors);
            Assert.Null(sa.PacketsDecapsulated);
            var f = Assert.Single(SpiDiagnosis.Diagnose(records), x => x.Code == FindingCodes.ReplayOrAuthErrors);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Contains("#recv errors = 1560", f.Evidence);
            Assert.Contains("share of the traffic is unknown", f.Evidence);
            Assert.DoesNotContain("with nothing decapsulated", f.Evidence);
        }

        [Fact]
        public void Error_counter_with_nothing_decapsulated_is_still_a_warning()
        {
            const string text =
                "ASR1#sh crypto ipsec sa | include peer|errors|decaps\n" +
                "   current_peer 172.17.3.2 port 500\n" +
                "    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n" +
                "    #send errors 0, #recv errors 1560\n";
            var f = Assert.Single(SpiDiagnosis.Diagnose(Captures.ParseText(text).Records), x => x.Code == FindingCodes.ReplayOrAuthErrors);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("with nothing decapsulated", f.Evidence);
        }
    }
}
