using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    public class DiagnoseCommandTests
    {
        private static string Ex(string rel) => Path.Combine(SpitoolsProcess.Examples, rel);

        [Fact]
        public void Json_findings_carry_record_type_and_the_public_fields()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--format", "json", Ex("asa-stale-spi/device"), Ex("iosxe-dmvpn-multi-spi"));
            Assert.True(exit == 0, stderr);
            var findings = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.All(findings, f => Assert.Equal("Finding", f.GetProperty("RecordType").GetString()));
            var stale = findings.Single(f => f.GetProperty("Code").GetString() == "StaleVpnContext");
            Assert.Equal("Critical", stale.GetProperty("Severity").GetString());
            Assert.Equal("fw-edge1", stale.GetProperty("Device").GetString());
            Assert.Equal("0x2D2EA0A4", stale.GetProperty("Context").GetString());
            Assert.Equal("clear crypto ipsec sa inactive", stale.GetProperty("Remediation").GetString());
            var churn = findings.Single(f => f.GetProperty("Code").GetString() == "RekeyChurn");
            Assert.Equal("ASR1", churn.GetProperty("Device").GetString());
            Assert.InRange(churn.GetProperty("RekeyIntervalSeconds").GetDouble(), 35, 45);
        }

        private static string Ends(string rel) => Path.Combine(System.AppContext.BaseDirectory, "ends", rel);

        [Fact]
        public void Two_ends_are_paired_and_a_clean_tunnel_is_proved_with_include_healthy()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", Ends("asa-clean/fw-edge1"), Ends("asa-clean/fw-branch"));
            Assert.True(exit == 0, stderr);
            Assert.Contains("fw-edge1: 4 SAs, 4 VPN contexts, 1 packet trace: no findings", stdout);
            Assert.Contains("fw-branch: 2 SAs, 0 VPN contexts: no findings", stdout); // no packet trace counted where no flow was traced

            (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--include-healthy", "--format", "json", Ends("asa-clean/fw-edge1"), Ends("asa-clean/fw-branch"));
            Assert.True(exit == 0, stderr);
            var agree = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
            Assert.Equal("EndsAgree", agree.GetProperty("Code").GetString());
            Assert.Equal("fw-edge1", agree.GetProperty("Device").GetString());
            Assert.Equal("fw-branch", agree.GetProperty("PeerDevice").GetString());
            Assert.Contains("fw-branch encrypts with 0xCF559E0D", agree.GetProperty("Evidence").GetString());
        }

        [Fact]
        public void A_desync_names_the_end_to_clear_in_the_table()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", Ends("asa-desync/fw-edge1"), Ends("asa-desync/fw-branch"));
            Assert.True(exit == 0, stderr);
            Assert.Contains("[Critical] SpiDesync  peer 203.0.113.10 (fw-branch)", stdout);
            Assert.Contains("Remediation:  clear crypto ipsec sa entry 203.0.113.10 esp 0xA19EC57E on fw-edge1", stdout);
            Assert.Contains("fw-branch logged 3 invalid-SPI drop(s) for 0xA19EC57E", stdout);
        }

        [Fact]
        public void Peer_of_pairs_by_hand_and_a_malformed_pair_is_refused()
        {
            // fw-edge1 and fw-branch named as each other's ends: the same verdict as from the endpoints.
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--format", "json", "--peer-of", "fw-branch=fw-edge1", Ends("asa-desync/fw-edge1"), Ends("asa-desync/fw-branch"));
            Assert.True(exit == 0, stderr);
            var codes = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(f => (f.GetProperty("Device").GetString(), f.GetProperty("Code").GetString())).ToList();
            Assert.Contains(("fw-edge1", "SpiDesync"), codes);
            Assert.Contains(("fw-branch", "SpiDesync"), codes);
            // Paired with another device only: no pairing with fw-edge1.
            (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--format", "json", "--peer-of", "fw-branch=rtr-elsewhere", Ends("asa-desync/fw-edge1"), Ends("asa-desync/fw-branch"));
            Assert.True(exit == 0, stderr);
            Assert.DoesNotContain("SpiDesync", stdout);

            (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--peer-of", "fw-branch", Ends("asa-desync/fw-edge1"), Ends("asa-desync/fw-branch"));
            Assert.Equal(3, exit);
            Assert.Contains("spitools: --peer-of: 'fw-branch' is not DEVICE=PEERDEVICE; give the two ends as fw-a=rtr-b [PeerOfInvalid]", stderr);
            Assert.Equal("", stdout);
        }

        [Fact]
        public void Path_loss_is_judged_on_both_ends_growth_with_a_tolerance()
        {
            string[] Args(params string[] extra) => new[] { "diagnose", "--format", "json", "--before", Ends("asa-clean/fw-edge1"), Ends("asa-clean/fw-branch") }
                .Concat(extra).Concat(new[] { "--", Ends("asa-pathloss/fw-edge1"), Ends("asa-pathloss/fw-branch") }).ToArray();
            var (exit, stdout, stderr) = SpitoolsProcess.Run(Args());
            Assert.True(exit == 0, stderr);
            var loss = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray(), f => f.GetProperty("Code").GetString() == "PathLoss");
            Assert.Contains("1000 packets (20 %) did not arrive", loss.GetProperty("Evidence").GetString());
            (exit, stdout, stderr) = SpitoolsProcess.Run(Args("--path-loss-tolerance", "25"));
            Assert.True(exit == 0, stderr);
            Assert.DoesNotContain("PathLoss", stdout);
        }

        [Fact]
        public void A_healthy_device_is_reported_as_having_no_findings()
        {
            var (exit, stdout, _) = SpitoolsProcess.Run("diagnose", Ex("asa-stale-spi/device-after-clear"));
            Assert.Equal(0, exit);
            Assert.Contains("fw-edge1: 4 SAs, 4 VPN contexts, 1 packet trace: no findings", stdout);
        }
    }
}
