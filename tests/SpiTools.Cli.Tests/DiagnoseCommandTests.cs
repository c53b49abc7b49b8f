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

        [Fact]
        public void A_healthy_device_is_reported_as_having_no_findings()
        {
            var (exit, stdout, _) = SpitoolsProcess.Run("diagnose", Ex("asa-stale-spi/device-after-clear"));
            Assert.Equal(0, exit);
            Assert.Contains("fw-edge1: 4 SAs, 4 VPN contexts, 1 packet traces: no findings", stdout);
        }
    }
}
