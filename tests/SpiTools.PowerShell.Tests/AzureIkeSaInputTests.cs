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

        /// <summary>
        /// The Azure end of fw-edge1's tunnel to 203.0.113.10 (Fixtures/ends/asa-clean/fw-edge1) as objects of the cmdlet's shape:
        /// the mirror of that entry, as Fixtures/ends/farend-azure is, with the outbound SPI given.
        /// </summary>
        private const string BranchIkeSa = @"
function New-BranchIkeSa([uint32]$out) {
    $local = [System.Collections.Generic.List[string]]::new(); $local.Add('10.220.100.0/24')
    $remote = [System.Collections.Generic.List[string]]::new(); $remote.Add('10.255.203.0/24')
    $qm = [pscustomobject]@{ localEndpoint = '203.0.113.10'; remoteEndpoint = '198.51.100.1'; encryption = 'DES3'; integrity = 'MD5';
        pfsGroupId = 'None'; inboundSPI = [uint32]2711537022; outboundSPI = $out; localTrafficSelectors = $local; remoteTrafficSelectors = $remote;
        lifetimeKilobytes = [uint64]102400000; lifeTimeSeconds = [uint32]27000; isSaInitiator = $false; elapsedTimeInseconds = [uint32]1560 }
    [pscustomobject]@{ localEndpoint = '203.0.113.10'; remoteEndpoint = '198.51.100.1'; initiatorCookie = [uint64]5490733703579933026;
        responderCookie = [uint64]15460013388959380535; encryption = 'AES256'; integrity = 'SHA1'; dhGroup = 'DHGroup2'; lifeTimeSeconds = [uint32]28800;
        isSaInitiator = $true; elapsedTimeInseconds = [uint32]23092; quickModeSa = [System.Collections.Generic.List[object]]@($qm) }
}
";

        [Fact]
        public void Piped_with_the_asa_folder_an_azure_gateway_out_of_step_is_a_desync_whose_reset_names_what_to_fill_in()
        {
            var vars = new Dictionary<string, object?> { ["asa"] = PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures/ends/asa-clean/fw-edge1") };
            // outboundSPI 0x3C7A5E21 (1014652449): an SPI fw-edge1 does not hold.
            var r = _ps.Run(BranchIkeSa + "@(Get-Item -LiteralPath $asa) + @(New-BranchIkeSa 1014652449) | Compare-SpiContext -ErrorAction Stop", vars).ThrowOnError();
            var desync = Assert.Single(r.Output, o => (string)o.Properties["Code"].Value == "SpiDesync");
            Assert.Equal(("azure-203.0.113.10", "fw-edge1", "0x3C7A5E21"),
                ((string)desync.Properties["Device"].Value, (string)desync.Properties["PeerDevice"].Value, (string)desync.Properties["Spi"].Value));
            var evidence = (string)desync.Properties["Evidence"].Value;
            Assert.Contains("azure-203.0.113.10 encrypts to fw-edge1 (peer 198.51.100.1) for 10.220.100.0/24 -> 10.255.203.0/24 with SPI 0x3C7A5E21", evidence);
            Assert.Contains("fw-edge1 drops that traffic", evidence);
            // The objects name neither the resource group nor the connection: the reset says what to fill in.
            var remedy = (string)desync.Properties["Remediation"].Value;
            Assert.StartsWith("Reset-AzVirtualNetworkGatewayConnection -ResourceGroupName <resource-group> -Name <connection>", remedy);
            Assert.EndsWith("on azure-203.0.113.10", remedy);

            // outboundSPI 0xCF559E0D (3478494733), fw-edge1's inbound: the ends agree.
            var agree = _ps.Run(BranchIkeSa + "@(Get-Item -LiteralPath $asa) + @(New-BranchIkeSa 3478494733) | Compare-SpiContext -IncludeHealthy -ErrorAction Stop", vars).ThrowOnError();
            Assert.DoesNotContain(agree.Output, o => (string)o.Properties["Code"].Value == "SpiDesync");
            var ends = Assert.Single(agree.Output, o => (string)o.Properties["Code"].Value == "EndsAgree");
            Assert.Contains("azure-203.0.113.10 encrypts with 0xCF559E0D", (string)ends.Properties["Evidence"].Value);
        }

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
