using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>
    /// Azure VPN gateway IKE SAs. No published output of <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c> shows a quick-mode
    /// SA: the JSON here is written in the shape of azure-powershell's PSVirtualNetworkGatewayConnectionIkeSaMainModeSa and
    /// …QuickModeSa (their property names and types) as ConvertTo-Json -Depth 4 prints it; the values are made up.
    /// </summary>
    public class AzureIkeSaTests
    {
        internal const string Json =
            "PS C:\\> Get-AzVirtualNetworkGatewayConnectionIkeSa -ResourceGroupName myRG -Name myTunnel | ConvertTo-Json -Depth 4\n" +
            "[\n" +
            "  {\n" +
            "    \"localEndpoint\": \"52.180.160.154\",\n" +
            "    \"remoteEndpoint\": \"104.208.54.1\",\n" +
            "    \"initiatorCookie\": 5490733703579933026,\n" +
            "    \"responderCookie\": 15460013388959380535,\n" +
            "    \"localUdpEncapsulationPort\": 0,\n" +
            "    \"remoteUdpEncapsulationPort\": 0,\n" +
            "    \"encryption\": \"AES256\",\n" +
            "    \"integrity\": \"SHA1\",\n" +
            "    \"dhGroup\": \"DHGroup2\",\n" +
            "    \"lifeTimeSeconds\": 28800,\n" +
            "    \"isSaInitiator\": true,\n" +
            "    \"elapsedTimeInseconds\": 23092,\n" +
            "    \"quickModeSa\": [\n" +
            "      {\n" +
            "        \"localEndpoint\": \"52.180.160.154\",\n" +
            "        \"remoteEndpoint\": \"104.208.54.1\",\n" +
            "        \"encryption\": \"GCMAES256\",\n" +
            "        \"integrity\": \"GCMAES256\",\n" +
            "        \"pfsGroupId\": \"PFS2048\",\n" +
            "        \"inboundSPI\": 3867966326,\n" +
            "        \"outboundSPI\": 2701885222,\n" +
            "        \"localTrafficSelectors\": [\n" +
            "          \"10.1.0.0/16\"\n" +
            "        ],\n" +
            "        \"remoteTrafficSelectors\": [\n" +
            "          \"192.168.10.0/24\",\n" +
            "          \"192.168.11.0/24\"\n" +
            "        ],\n" +
            "        \"lifetimeKilobytes\": 102400000,\n" +
            "        \"lifeTimeSeconds\": 27000,\n" +
            "        \"isSaInitiator\": false,\n" +
            "        \"elapsedTimeInseconds\": 1200\n" +
            "      }\n" +
            "    ]\n" +
            "  }\n" +
            "]\n";

        [Fact]
        public void Convert_to_json_text_gives_the_ike_sa_and_an_inbound_and_outbound_sa_per_quick_mode_sa()
        {
            var (records, stats) = Captures.ParseText(Json);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { ("0xE68C7B76", SaDirection.Inbound), ("0xA10B7F26", SaDirection.Outbound) }, sas.Select(s => (s.Spi!, s.Direction!)));
            var inbound = sas[0];
            Assert.Equal(("Azure", "52.180.160.154", "104.208.54.1", "104.208.54.1"), (inbound.Platform, inbound.LocalEndpoint, inbound.RemoteEndpoint, inbound.Peer));
            Assert.Equal(("10.1.0.0/16", "192.168.10.0/24", 14, "GCMAES256"), (inbound.LocalIdent, inbound.RemoteIdent, inbound.PfsGroup!.Value, inbound.Transform));
            Assert.Equal((1200L, 25800L, false), (inbound.AgeSeconds!.Value, inbound.RemainingSeconds!.Value, inbound.Initiator!.Value));
            Assert.Contains("remoteTrafficSelectors=192.168.10.0/24,192.168.11.0/24", inbound.OtherSettings);
            Assert.Contains("lifetimeKilobytes=102400000", inbound.OtherSettings);
            var ike = Assert.Single(records.OfType<IkeSa>());
            Assert.Equal(("Azure", "52.180.160.154", "104.208.54.1", IkeRole.Initiator), (ike.Platform, ike.LocalAddress, ike.Peer, ike.Role));
            Assert.Equal(("4c33013656259962", "d68d00443fb4f437"), (ike.LocalSpi, ike.RemoteSpi));
            Assert.Equal((28800L, 23092L, 5708L, 1), (ike.LifetimeSeconds!.Value, ike.ActiveSeconds!.Value, ike.RemainingSeconds!.Value, ike.ChildSaCount!.Value));
            Assert.Equal("0xE68C7B76/0xA10B7F26", ike.ChildSpis);
            // The IKE cookies are 64-bit IKE SPIs: no IpsecSa carries them.
            Assert.DoesNotContain(sas, s => s.SpiPrintedDecimal == 5490733703579933026 || s.SpiPrintedDecimal == 3392070997);
        }

        [Theory]
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa -ResourceGroupName rg-branch -Name to-hq | ConvertTo-Json -Depth 4", "rg-branch", "to-hq")]
        // PowerShell takes any prefix that names one parameter, quoted values, and -Name:value.
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa -N 'to hq' -ResourceGroup \"rg 1\"", "rg 1", "to hq")]
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa -Name:to-hq -ResourceGroupName:rg-branch", "rg-branch", "to-hq")]
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa -ResourceId /subscriptions/0000/resourceGroups/rg-x/providers/Microsoft.Network/connections/conn-y | ConvertTo-Json", "rg-x", "conn-y")]
        // -Resource names two parameters (-ResourceGroupName, -ResourceId): PowerShell refuses it, and it names nothing here.
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa -Resource rg-branch -Name to-hq", null, "to-hq")]
        [InlineData("Get-AzVirtualNetworkGatewayConnectionIkeSa | ConvertTo-Json -Depth 4 -Name x", null, null)]
        [InlineData(null, null, null)]
        public void The_echoed_command_names_the_connection_and_its_resource_group(string? command, string? group, string? connection)
        {
            var names = AzureConnectionName.From(command);
            Assert.Equal((group, connection), (names.ResourceGroup, names.Connection));
        }

        [Fact]
        public void The_connection_the_command_named_is_on_each_sa_and_the_objects_alone_name_none()
        {
            var (records, _) = Captures.ParseText(Json);
            Assert.All(records.OfType<IpsecSa>(), sa =>
            {
                Assert.Equal("myTunnel", sa.Connection);
                Assert.Contains("resourceGroupName=myRG", sa.OtherSettings);
            });
            var (bare, _) = Captures.ParseText(Json.Substring(Json.IndexOf('\n') + 1), "azure-ike-sa");
            Assert.All(bare.OfType<IpsecSa>(), sa =>
            {
                Assert.Null(sa.Connection);
                Assert.DoesNotContain("resourceGroupName", sa.OtherSettings ?? "");
            });
            Assert.Equal(2, bare.OfType<IpsecSa>().Count());
        }

        [Fact]
        public void Compressed_json_of_the_rest_api_in_pascal_case_reads_the_same()
        {
            const string text =
                "[{\"LocalEndpoint\":\"52.180.160.154\",\"RemoteEndpoint\":\"104.208.54.1\",\"InitiatorCookie\":5490733703579933026," +
                "\"QuickModeSAs\":[{\"LocalEndpoint\":\"52.180.160.154\",\"RemoteEndpoint\":\"104.208.54.1\",\"InboundSPI\":3867966326,\"OutboundSPI\":2701885222," +
                "\"LocalTrafficSelectors\":[\"10.1.0.0/16\"],\"RemoteTrafficSelectors\":[\"192.168.10.0/24\"]}]}]\n";
            var (records, stats) = Captures.ParseText(text, "azure-ike-sa");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            Assert.Equal(new[] { "0xE68C7B76", "0xA10B7F26" }, records.OfType<IpsecSa>().Select(s => s.Spi));
            Assert.Equal("10.1.0.0/16", records.OfType<IpsecSa>().First().LocalIdent);
            Assert.Single(records.OfType<IkeSa>());
        }

        [Fact]
        public void The_published_list_view_gives_the_ike_sa_with_its_cookies_as_ike_spis_and_no_ipsec_sa()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("azure/get-azvirtualnetworkgatewayconnectionikesa/NEGATIVE-azure-powershell-help-example-quickModeSa-empty-decimal-ike-cookies.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.OfType<IpsecSa>());
            var ike = Assert.Single(records.OfType<IkeSa>());
            Assert.Equal(("52.180.160.154", "104.208.54.1", "AES256", "SHA1", "DHGroup2"), (ike.LocalAddress, ike.Peer, ike.Encryption, ike.Hash, ike.DhGroup));
            Assert.Equal(("4c33013656259962", IkeRole.Initiator, 0), (ike.LocalSpi, ike.Role, ike.ChildSaCount!.Value));
        }

        [Fact]
        public void A_spi_that_is_no_32_bit_value_is_reported_and_json_cut_short_is_kept_incomplete()
        {
            var cut = Json.Replace("\"inboundSPI\": 3867966326", "\"inboundSPI\": 98679663260");
            cut = cut.Substring(0, cut.IndexOf("\"lifetimeKilobytes\"", StringComparison.Ordinal));
            var (records, stats) = Captures.ParseText(cut);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Contains(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.InvalidValue && d.Message.Contains("inboundSPI"));
            Assert.Contains(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.TruncatedRecord);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new string?[] { null, "0xA10B7F26" }, sas.Select(s => s.Spi));
            Assert.All(sas, s => Assert.True(s.Incomplete));
            Assert.True(Assert.Single(records.OfType<IkeSa>()).Incomplete);
        }
    }
}
