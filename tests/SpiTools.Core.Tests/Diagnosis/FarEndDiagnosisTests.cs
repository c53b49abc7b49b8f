using SpiTools.Core.Tests.Services;
using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// Both ends of a tunnel when an end is not Cisco (Fixtures/ends, see its README): the two strongSwan servers of a
    /// published pair agree; each hand-made desynced far end, against the ASA end, is a <c>SpiDesync</c> on the SPI it
    /// encrypts with, on that far end, with that system's own commands as the remedy.
    /// </summary>
    public class FarEndDiagnosisTests
    {
        /// <summary>The far end's proxies as the systems that print them in Cisco's form show them.</summary>
        private const string Cisco = "10.220.100.0/255.255.255.0/0/0 -> 10.255.203.0/255.255.255.0/0/0";

        private static string Ends(string folder) => Captures.PathOf("../ends/" + folder);

        private static List<Finding> Diagnose(DiagnosisOptions? options, params string[] folders)
        {
            var sink = new FakeSink();
            var devices = Diagnosed.Run(folders.SelectMany(f => CaptureFiles.Expand(Ends(f))), Array.Empty<(string?, IReadOnlyList<string?>)>(),
                null, options ?? new DiagnosisOptions(), sink);
            Assert.Empty(sink.Errors);
            return devices.SelectMany(d => d.Findings).ToList();
        }

        [Fact]
        public void The_two_strongswan_servers_of_the_published_pair_agree()
        {
            var findings = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, "strongswan-pair/servidor1", "strongswan-pair/servidor2");
            var agree = Assert.Single(findings, f => f.Code == FindingCodes.EndsAgree);
            Assert.Equal(("servidor1", "servidor2"), (agree.Device, agree.PeerDevice));
            Assert.Equal("0xC186CF93", agree.Spi);
            Assert.Contains("servidor2 encrypts with 0xCCB4E51D", agree.Evidence);
            Assert.DoesNotContain(findings, f => f.Code == FindingCodes.SpiDesync || f.Code == FindingCodes.ProxyMismatch);
        }

        [Theory]
        [InlineData("farend-strongswan/gw-branch", "gw-branch", "0x5D3A9C41", "swanctl --terminate --child net-net, then swanctl --initiate --child net-net", Cisco)]
        [InlineData("farend-libreswan/ls-branch", "ls-branch", "0x04C1D2E3", "ipsec whack --rekey-ipsec --name to-hq", Cisco)]
        [InlineData("farend-iked/obsd-branch", "obsd-branch", "0x6B2F0E19", "ikectl reset id", Cisco)]
        // Junos detail prints its identities as prefixes, FortiOS its selectors as protocol:address/mask:port: the same networks as the ASA's.
        [InlineData("farend-junos/srx-branch", "srx-branch", "0x7D4E2B90", "clear security ipsec security-associations index 131073", "10.220.100.0/24 -> 10.255.203.0/24")]
        [InlineData("farend-fortigate/fg-branch", "fg-branch", "0x2C81F4D6", "diagnose vpn tunnel flush to-hq", "0:10.220.100.0/255.255.255.0:0 -> 0:10.255.203.0/255.255.255.0:0")]
        // PAN-OS prints neither its own address nor proxies: the ASA's entry to it is the one sharing an SPI with it.
        [InlineData("farend-panos/pa-branch", "pa-branch", "0x5E8B3A61", "clear vpn ipsec-sa tunnel to-hq", "")]
        // Azure: the objects name no connection; the echoed command named its resource group and connection.
        [InlineData("farend-azure/az-branch", "az-branch", "0x3C7A5E21", "Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName rg-branch -Name to-hq", "10.220.100.0/24 -> 10.255.203.0/24")]
        public void A_far_end_encrypting_with_an_spi_the_asa_lost_is_a_desync_cleared_with_its_own_command(string folder, string device, string spi, string remedy, string proxies)
        {
            var findings = Diagnose(null, "asa-clean/fw-edge1", folder);
            var desync = Assert.Single(findings, f => f.Code == FindingCodes.SpiDesync);
            Assert.Equal(FindingSeverity.Critical, desync.Severity);
            // The far end encrypts with the SPI; the ASA, which has no inbound SA for it, drops that traffic.
            Assert.Equal((device, "fw-edge1", spi), (desync.Device, desync.PeerDevice, desync.Spi));
            Assert.Contains($"{device} encrypts to fw-edge1 (peer 198.51.100.1){(proxies.Length == 0 ? "" : " for " + proxies)} with SPI {spi}", desync.Evidence);
            Assert.Contains("fw-edge1 drops that traffic", desync.Evidence);
            Assert.Contains("the other direction agrees: fw-edge1 encrypts with 0xA19EC57E", desync.Evidence);
            Assert.StartsWith(remedy, desync.Remediation);
            Assert.EndsWith($"on {device}", desync.Remediation);
            Assert.DoesNotContain("clear crypto", desync.Remediation);
            // The ASA's own entry to the far end is left as it was: its SPIs agree with the far end's inbound.
            Assert.DoesNotContain(findings, f => f.Code == FindingCodes.SpiDesync && f.Device == "fw-edge1");
        }

        /// <summary>The Azure far end's text (Fixtures/ends/farend-azure) changed as a test needs, in a folder named as the device.</summary>
        private static string AzureEnd(string dir, Func<string, string> change)
        {
            var folder = Path.Combine(dir, "az-branch");
            Directory.CreateDirectory(folder);
            var text = File.ReadAllText(Path.Combine(Ends("farend-azure/az-branch"), "get-azvirtualnetworkgatewayconnectionikesa.txt"));
            File.WriteAllText(Path.Combine(folder, "ikesa.json"), change(text));
            return folder;
        }

        private static List<Finding> DiagnoseWithAsa(string azureFolder, DiagnosisOptions? options = null)
        {
            var sink = new FakeSink();
            var files = CaptureFiles.Expand(Ends("asa-clean/fw-edge1")).Concat(CaptureFiles.Expand(azureFolder));
            var devices = Diagnosed.Run(files, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, options ?? new DiagnosisOptions(), sink);
            Assert.Empty(sink.Errors);
            return devices.SelectMany(d => d.Findings).ToList();
        }

        [Fact]
        public void An_azure_gateway_encrypting_with_the_spi_the_asa_holds_agrees_with_it()
        {
            var dir = Directory.CreateTempSubdirectory("spitools-azure-end").FullName;
            try
            {
                // outboundSPI 3478494733 is fw-edge1's inbound 0xCF559E0D: both directions agree.
                var folder = AzureEnd(dir, t => t.Replace("\"outboundSPI\": 1014652449", "\"outboundSPI\": 3478494733"));
                var findings = DiagnoseWithAsa(folder, new DiagnosisOptions { IncludeHealthy = true });
                Assert.DoesNotContain(findings, f => f.Code == FindingCodes.SpiDesync);
                var agree = Assert.Single(findings, f => f.Code == FindingCodes.EndsAgree);
                Assert.Equal(new[] { "az-branch", "fw-edge1" }, new[] { agree.Device, agree.PeerDevice }.OrderBy(d => d, StringComparer.Ordinal));
                Assert.Contains("az-branch encrypts with 0xCF559E0D", agree.Evidence);
                // Azure's default lifetimes (27000 s / 102400000 KB) against the ASA's 28800 s, stated as assumed.
                var lifetime = Assert.Single(findings, f => f.Code == FindingCodes.LifetimeMismatch);
                Assert.Contains("27000 s", lifetime.Evidence);
                Assert.Contains("Azure VPN gateway default", lifetime.Assumptions);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void Azure_json_saved_without_its_command_names_the_connection_to_reset_by_placeholders()
        {
            var dir = Directory.CreateTempSubdirectory("spitools-azure-end").FullName;
            try
            {
                // ConvertTo-Json's text alone, as `... | ConvertTo-Json -Depth 4 > ikesa.json` saves it: no command names the connection.
                var folder = AzureEnd(dir, t => t.Substring(t.IndexOf('\n') + 1));
                var desync = Assert.Single(DiagnoseWithAsa(folder), f => f.Code == FindingCodes.SpiDesync);
                Assert.Equal(("az-branch", "fw-edge1", "0x3C7A5E21"), (desync.Device, desync.PeerDevice, desync.Spi));
                Assert.StartsWith("Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName <resource-group> -Name <connection>", desync.Remediation);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void Strongswan_counters_show_a_one_way_child_sa_in_a_published_output()
        {
            // COMCAST's, PROXIMUS-SITE2's and LEVIKOM:'s CHILD_SAs sent packets and received nothing (0 bytes_i), as the
            // published statusall prints them; the tunnels with traffic both ways, or none, are not one-way.
            var sink = new FakeSink();
            var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendors", "strongswan", "ipsec-statusall",
                "sensu-strongswan-5.4.0-20-IKE-SAs-natt-ikev1-ikev2-duplicate-IKE-SAs-rekey-children.txt");
            var findings = Diagnosed.Run(new[] { file }, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink)
                .SelectMany(d => d.Findings).ToList();
            Assert.Empty(sink.Errors);
            Assert.Equal(new[] { "192.11.20.236", "195.13.11.140", "86.110.32.9" },
                findings.Where(f => f.Code == FindingCodes.OneWayTraffic).Select(f => f.Peer).OrderBy(p => p, StringComparer.Ordinal));
            var oneWay = Assert.Single(findings, f => f.Code == FindingCodes.OneWayTraffic && f.Peer == "192.11.20.236");
            Assert.Equal(FindingSeverity.Warning, oneWay.Severity);
            Assert.Contains("encaps 4 while decaps 0", oneWay.Evidence);
            Assert.StartsWith("swanctl --terminate --ike COMCAST", oneWay.NextStep);
        }

        [Fact]
        public void A_libreswan_end_shows_its_connection_lifetime()
        {
            var findings = Diagnose(null, "asa-clean/fw-edge1", "farend-libreswan/ls-branch");
            var mismatch = Assert.Single(findings, f => f.Code == FindingCodes.LifetimeMismatch);
            // ipsec_life: 28800s is shown, so only the volume lifetime differs (libreswan has none); nothing is assumed.
            Assert.Contains("ls-branch shows volume lifetime disabled / 28800 s (lifetime setting 'to-hq'", mismatch.Evidence);
            Assert.Null(mismatch.Assumptions);
        }

        [Fact]
        public void A_far_end_and_the_asa_with_their_defaults_are_a_lifetime_mismatch_stated_as_assumed()
        {
            // fw-edge1 shows 28800 s (its running-config); strongSwan shows none: its default, 3600 s, is assumed and said so.
            var findings = Diagnose(null, "asa-clean/fw-edge1", "farend-strongswan/gw-branch");
            var mismatch = Assert.Single(findings, f => f.Code == FindingCodes.LifetimeMismatch);
            Assert.Equal(("gw-branch", "fw-edge1"), (mismatch.Device, mismatch.PeerDevice));
            Assert.Contains("swanctl.conf(5)", mismatch.Assumptions);
            Assert.Contains("3600 s", mismatch.Evidence);
        }
    }
}
