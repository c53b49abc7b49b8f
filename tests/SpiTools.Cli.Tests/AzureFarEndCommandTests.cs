using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// <c>spitools diagnose</c> of an ASA and the Azure VPN gateway at the other end of its tunnel, the gateway given as the
    /// <c>ConvertTo-Json</c> text of <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c> (Fixtures/ends/farend-azure, see its README).
    /// </summary>
    public class AzureFarEndCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-cli-azure").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Ends(string rel) => Path.Combine(AppContext.BaseDirectory, "ends", rel);

        [Fact]
        public void An_azure_gateway_encrypting_with_an_spi_the_asa_lost_is_a_desync_with_the_connection_reset()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--format", "json", Ends("asa-clean/fw-edge1"), Ends("farend-azure/az-branch"));
            Assert.True(exit == 0, stderr);
            var desync = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray(), f => f.GetProperty("Code").GetString() == "SpiDesync");
            Assert.Equal(("az-branch", "fw-edge1", "0x3C7A5E21"),
                (desync.GetProperty("Device").GetString(), desync.GetProperty("PeerDevice").GetString(), desync.GetProperty("Spi").GetString()));
            Assert.Contains("fw-edge1 drops that traffic", desync.GetProperty("Evidence").GetString());
            Assert.Equal("Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName rg-branch -Name to-hq (resets the gateway connection: its IKE and IPsec SAs are negotiated again) on az-branch",
                desync.GetProperty("Remediation").GetString());

            (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", Ends("asa-clean/fw-edge1"), Ends("farend-azure/az-branch"));
            Assert.True(exit == 0, stderr);
            Assert.Contains("Remediation:  Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName rg-branch -Name to-hq", stdout);
        }

        [Fact]
        public void Azure_json_saved_alone_that_agrees_with_the_asa_gives_no_desync()
        {
            // As `... | ConvertTo-Json -Depth 4 > ikesa.json` saves it (no command), outboundSPI fw-edge1's inbound 0xCF559E0D.
            var text = File.ReadAllText(Path.Combine(Ends("farend-azure/az-branch"), "get-azvirtualnetworkgatewayconnectionikesa.txt"));
            text = text.Substring(text.IndexOf('\n') + 1).Replace("\"outboundSPI\": 1014652449", "\"outboundSPI\": 3478494733");
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "az-branch")).FullName;
            File.WriteAllText(Path.Combine(folder, "ikesa.json"), text);

            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--include-healthy", "--format", "json", Ends("asa-clean/fw-edge1"), folder);
            Assert.True(exit == 0, stderr);
            var findings = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.DoesNotContain(findings, f => f.GetProperty("Code").GetString() == "SpiDesync");
            var agree = Assert.Single(findings, f => f.GetProperty("Code").GetString() == "EndsAgree");
            Assert.Contains("az-branch encrypts with 0xCF559E0D", agree.GetProperty("Evidence").GetString());
            // The gateway shows no lifetime setting: Azure's default (27000 s) is compared with the ASA's 28800 s, said to be assumed.
            var lifetime = Assert.Single(findings, f => f.GetProperty("Code").GetString() == "LifetimeMismatch");
            Assert.Contains("Azure VPN gateway default", lifetime.GetProperty("Assumptions").GetString());
        }
    }
}
