using SpiTools.Diagnosis;
using SpiTools.Parsing;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// StuckInactiveSa on <c>show crypto ipsec sa inactive</c> built from examples/asa-stale-spi's entry and the line Cisco bug
    /// CSCwc48375 quotes (see InactiveIpsecSaTests): listed once it is Info, listed in two snapshots it is stuck.
    /// </summary>
    public class InactiveSaCheckTests
    {
        private const string Inactive =
            "ftd-edge2# show crypto ipsec sa inactive\n" +
            "interface: outside\n" +
            "    Crypto map tag: OUTSIDE_MAP, seq num: 40, local addr: 198.51.100.1\n" +
            "\n" +
            "      access-list TEST extended permit ip 10.255.203.0 255.255.255.0 10.220.100.0 255.255.255.0\n" +
            "      local ident (addr/mask/prot/port): (10.255.203.0/255.255.255.0/0/0)\n" +
            "      remote ident (addr/mask/prot/port): (10.220.100.0/255.255.255.0/0/0)\n" +
            "      current_peer: 203.0.113.10\n" +
            "\n" +
            "      Inactive inbound SA: SPI: 0x1AAC9593, state: dead, reason: Phase 2 Error\n" +
            "      Inactive inbound SA: SPI: 0x6C2F1B04, state: dead, reason: Phase 2 Error\n" +
            "      Inactive outbound SA: SPI: 0x25A3076D, state: dead, reason: Phase 2 Error\n";

        private const string Empty = "ftd-edge2# show crypto ipsec sa inactive\nThere are no ipsec sas\n";

        private static List<ICaptureRecord> Parse(string text, string source) =>
            CaptureParser.ParseText(text, source, new CaptureParseOptions()).ToList();

        [Fact]
        public void Inactive_sas_listed_once_are_one_informational_finding_per_peer_with_the_ladder()
        {
            var f = Assert.Single(SpiDiagnosis.Diagnose(Parse(Inactive, "inactive.txt")));
            Assert.Equal(FindingCodes.StuckInactiveSa, f.Code);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Equal("ftd-edge2", f.Device);
            Assert.Equal("203.0.113.10", f.Peer);
            Assert.Equal("0x1AAC9593", f.Spi);
            Assert.Equal("10.220.100.0/255.255.255.0/0/0", f.RemoteIdent);
            Assert.Contains("lists 3 inactive SA(s) for peer 203.0.113.10: 0x1AAC9593 (inbound, dead, Phase 2 Error), 0x6C2F1B04 (inbound, dead, Phase 2 Error), 0x25A3076D (outbound, dead, Phase 2 Error)", f.Evidence);
            Assert.Contains("2 dead inbound SPIs for one peer is the pattern of Cisco bug CSCwc48375", f.Evidence);
            Assert.DoesNotContain("stuck", f.Evidence);
            Assert.Equal("clear crypto ipsec sa inactive", f.Remediation);
            Assert.Contains("live tunnels stay up", f.BlastRadius);
            Assert.StartsWith("clear crypto ipsec sa peer 203.0.113.10", f.NextStep);
            Assert.Contains("CSCwc48375: only a reload removes them (both units of an HA pair at once)", f.NextStep);
            Assert.Equal("inactive.txt:10; inactive.txt:11; inactive.txt:12", f.SourceLines);
        }

        [Fact]
        public void An_spi_listed_in_the_earlier_snapshot_too_is_stuck_and_a_warning()
        {
            var before = Parse(Inactive.Replace("      Inactive inbound SA: SPI: 0x6C2F1B04, state: dead, reason: Phase 2 Error\n", "", StringComparison.Ordinal), "before.txt");
            var f = Assert.Single(SpiDiagnosis.Diagnose(Parse(Inactive, "after.txt"), before));
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("0x1AAC9593, 0x25A3076D were already listed in the earlier snapshot (before.txt:10): stuck, as in CSCwc48375", f.Evidence);
            Assert.Contains("before.txt:10", f.SourceLines);
            // New SPIs only (the earlier snapshot listed others): not stuck.
            var other = Parse(Inactive.Replace("0x1AAC9593", "0x11111111", StringComparison.Ordinal).Replace("0x25A3076D", "0x22222222", StringComparison.Ordinal)
                .Replace("0x6C2F1B04", "0x33333333", StringComparison.Ordinal), "before.txt");
            Assert.Equal(FindingSeverity.Info, Assert.Single(SpiDiagnosis.Diagnose(Parse(Inactive, "after.txt"), other)).Severity);
        }

        [Fact]
        public void No_inactive_sa_is_no_finding()
        {
            Assert.Empty(SpiDiagnosis.Diagnose(Parse(Empty, "inactive.txt")));
        }

        [Theory]
        [InlineData("StaleVpnContext", "Finding", true)]
        [InlineData("StuckInactiveSa", "Finding", true)]
        [InlineData(null, "InactiveIpsecSa", true)]
        [InlineData("RekeyTimeline", "Finding", false)]
        [InlineData("OrphanSaPair", "Finding", false)]
        [InlineData(null, "IpsecSa", false)]
        public void Which_piped_objects_name_a_device_for_the_clear(string? code, string type, bool names)
        {
            Assert.Equal(names, RemediationService.NamesDeviceToClear(code, type));
        }
    }
}
