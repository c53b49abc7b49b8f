namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The objects Get-AzVirtualNetworkGatewayConnectionIkeSa returns, piped into the cmdlets. No live gateway was reached: the
    /// objects are built in the shape of azure-powershell's PSVirtualNetworkGatewayConnectionIkeSaMainModeSa and …QuickModeSa
    /// (their property names and .NET types: uint SPIs, List&lt;string&gt; selectors), with made-up values.
    /// </summary>
    public class AzureIkeSaInputTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public AzureIkeSaInputTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private const string IkeSas = @"
function New-QuickModeSa([uint32]$in, [uint32]$out) {
    $local = [System.Collections.Generic.List[string]]::new(); $local.Add('10.1.0.0/16')
    $remote = [System.Collections.Generic.List[string]]::new(); $remote.Add('192.168.10.0/24')
    [pscustomobject]@{ localEndpoint = '52.180.160.154'; remoteEndpoint = '104.208.54.1'; encryption = 'GCMAES256'; integrity = 'GCMAES256';
        pfsGroupId = 'PFS2048'; inboundSPI = $in; outboundSPI = $out; localTrafficSelectors = $local; remoteTrafficSelectors = $remote;
        lifetimeKilobytes = [uint64]102400000; lifeTimeSeconds = [uint64]27000; isSaInitiator = $false; elapsedTimeInseconds = [uint32]1200 }
}
$ikeSas = @(
    [pscustomobject]@{ localEndpoint = '52.180.160.154'; remoteEndpoint = '104.208.54.1'; initiatorCookie = [uint64]5490733703579933026;
        responderCookie = [uint64]15460013388959380535; encryption = 'AES256'; integrity = 'SHA1'; dhGroup = 'DHGroup2'; lifeTimeSeconds = [uint32]28800;
        isSaInitiator = $true; elapsedTimeInseconds = [uint32]23092;
        quickModeSa = [System.Collections.Generic.List[object]]@((New-QuickModeSa 3867966326 2701885222), (New-QuickModeSa 3867966327 2701885223)) }
)
";

        [Fact]
        public void Piped_ike_sa_objects_bind_by_quick_mode_sa_and_give_each_spi_as_an_ipsec_sa()
        {
            var r = _ps.Run(IkeSas + "$ikeSas | Get-IpsecSa").ThrowOnError();
            var spis = r.Output.Select(o => ((string)o.Properties["Spi"].Value, (string)o.Properties["Direction"].Value)).ToList();
            Assert.Equal(new[] { ("0xE68C7B76", "Inbound"), ("0xA10B7F26", "Outbound"), ("0xE68C7B77", "Inbound"), ("0xA10B7F27", "Outbound") }, spis);
            var first = r.Output[0];
            Assert.Equal(("Azure", "azure-52.180.160.154", "104.208.54.1", "10.1.0.0/16"),
                ((string)first.Properties["Platform"].Value, (string)first.Properties["Device"].Value, (string)first.Properties["Peer"].Value, (string)first.Properties["LocalIdent"].Value));
            // The IKE cookies are IKE SPIs: no IpsecSa carries them.
            Assert.DoesNotContain(r.Output, o => (long?)o.Properties["SpiPrintedDecimal"].Value == 5490733703579933026);
        }

        [Fact]
        public void Their_convert_to_json_text_and_deserialized_objects_read_the_same()
        {
            var json = _ps.Run(IkeSas + "$ikeSas | ConvertTo-Json -Depth 4 | Get-IpsecSa").ThrowOnError();
            var roundTrip = _ps.Run(IkeSas + "$ikeSas | ConvertTo-Json -Depth 4 | ConvertFrom-Json | Get-IpsecSa").ThrowOnError();
            var expected = new[] { "0xE68C7B76", "0xA10B7F26", "0xE68C7B77", "0xA10B7F27" };
            Assert.Equal(expected, json.Output.Select(o => (string)o.Properties["Spi"].Value));
            Assert.Equal(expected, roundTrip.Output.Select(o => (string)o.Properties["Spi"].Value));
        }

        [Fact]
        public void Compare_spi_context_takes_them_as_a_device_of_their_own_and_text_still_binds_as_text()
        {
            var r = _ps.Run(IkeSas + "$ikeSas | Compare-SpiContext -IncludeHealthy -ErrorAction Stop").ThrowOnError();
            Assert.All(r.Output, o => Assert.Equal("azure-52.180.160.154", (string)o.Properties["Device"].Value));
            var text = _ps.Run("Get-Content (Join-Path $device 'show-crypto-ipsec-sa.txt') | Get-IpsecSa", new Dictionary<string, object?> { ["device"] = PowerShellHost.SeedDevice }).ThrowOnError();
            Assert.Equal(4, text.Output.Count);
        }
    }
}
