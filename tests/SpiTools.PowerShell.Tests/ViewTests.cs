using System.Text.RegularExpressions;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Each default view rendered at 80 and at 120 columns keeps, whole, what a troubleshooter reads first.</summary>
    public class ViewTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public ViewTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private static void NoLineWiderThan(string text, int width) =>
            Assert.All(text.Split('\n'), l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void IpsecSa_shows_the_current_sa_in_its_own_direction_with_packets_and_lifetime_left(int width)
        {
            var text = _ps.Render("Get-IpsecSa examples/asa-stale-spi/device", width);
            NoLineWiderThan(text, width);
            Assert.Matches(@"Device\s+Peer\s+Dir\s+Spi\s+Cur\s+Packets\s+kB left\s+Sec left", text);
            // The current inbound SA says so (a column of IsCurrentOutbound would say no), packets counted in its own direction.
            Assert.Matches(@"fw-edge1\s+203\.0\.113\.10\s+In\s+0xCF559E0D\s+yes\s+484\s+4373958\s+27285", text);
            Assert.Matches(@"fw-edge1\s+203\.0\.113\.10\s+Out\s+0xA19EC57E\s+yes\s+0\s+4374000\s+27284", text);
            Assert.Matches(@"192\.0\.2\.20\s+Out\s+0x7C1E0B55\s+yes\s+1839214\s+3871022\s+19817", text);
            Assert.DoesNotContain("…", text);
        }

        [Fact]
        public void An_sa_that_is_not_current_says_no()
        {
            var text = _ps.Render("Get-IpsecSa examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt", 80);
            // Three outbound SAs of one entry (volume rekeys): only the one IOS names as current outbound says yes.
            Assert.Matches(@"\s+Out\s+0x050304C8\s+no\s", text);
            Assert.Matches(@"\s+Out\s+0x50919C87\s+no\s", text);
            Assert.Matches(@"\s+Out\s+0x290E38E9\s+yes\s", text);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void VpnContext_shows_context_spi_direction_packets_and_peer_network(int width)
        {
            var text = _ps.Render("Get-AsaVpnContext examples/asa-stale-spi/device", width);
            NoLineWiderThan(text, width);
            Assert.Matches(@"Device\s+Context\s+Spi\s+Dir\s+Packets\s+PeerIp", text);
            Assert.Matches(@"0x2D2EA0A4\s+0x25A3076D\s+Out\s+41006\s+10\.220\.100\.0", text);
            Assert.Matches(@"0x2D80E6FC\s+0xA19EC57E\s+Out\s+0\s+10\.220\.100\.0", text);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void PacketTrace_shows_the_encrypt_vpn_context_in_full(int width)
        {
            var trace = _ps.Render("Get-AsaPacketTrace examples/asa-stale-spi/device", width);
            NoLineWiderThan(trace, width);
            Assert.Matches(@"Device\s+Proto\s+Source\s+Destination\s+Action\s+VpnContext", trace);
            Assert.Matches(@"udp\s+10\.255\.203\.102:1610\s+10\.220\.100\.17:3389\s+allow\s+0x2D2EA0A4", trace);
            var phases = _ps.Render("Get-AsaPacketTrace examples/asa-stale-spi/device -Phase", width);
            NoLineWiderThan(phases, width);
            Assert.Matches(@"Phase\s+Type\s+Subtype\s+Result", phases);
            Assert.Matches(@"6\s+VPN\s+encrypt\s+ALLOW\s+3016\s+0x2D2EA0A4", phases);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void Finding_shows_severity_code_peer_spi_and_what_to_do(int width)
        {
            var text = _ps.Render("Compare-SpiContext examples/asa-stale-spi/device", width);
            NoLineWiderThan(text, width);
            Assert.Matches(@"Severity\s+: Critical", text);
            Assert.Matches(@"Code\s+: StaleVpnContext", text);
            Assert.Matches(@"Peer\s+: 203\.0\.113\.10", text);
            Assert.Matches(@"Spi\s+: 0x25A3076D", text);
            Assert.Matches(@"Remediation : clear crypto ipsec sa inactive", text);
            Assert.Matches(@"BlastRadius : removes only SAs that can no longer pass traffic", text);

            var table = _ps.Render("Compare-SpiContext examples/asa-stale-spi/device | Format-Table", width);
            NoLineWiderThan(table, width);
            Assert.Contains("Device: fw-edge1", table);
            Assert.Matches(@"Severity\s+Code\s+Peer\s+Spi\s+Remediation", table);
            Assert.Matches(@"Critical\s+StaleVpnContext\s+203\.0\.113\.10\s+0x25A3076D\s+clear crypto ipsec", table);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void ParseDiagnostic_shows_the_file_name_line_and_code(int width)
        {
            var text = _ps.Render("Get-AsaPacketTrace examples/asa-stale-spi/packet-tracer.as-published.txt -IncludeDiagnostic -WarningAction SilentlyContinue | Where-Object RecordType -eq ParseDiagnostic", width);
            NoLineWiderThan(text, width);
            Assert.Contains("File: packet-tracer.as-published.txt", text);
            Assert.DoesNotContain("/examples/", text); // the name, not the path
            Assert.Matches(@"Line\s+Severity\s+Code\s+Message", text);
            Assert.Matches(@"\s10\s+Warning\s+MarkdownMarkup\s", text);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void SaClearResult_shows_status_and_both_verdicts_whole_within_the_width(int width)
        {
            // Results as Invoke-InactiveSaClear gives them (by type name, as a deserialized result is shown too): a what-if, a
            // clear that left the fault in place, a clear that resolved it.
            var text = _ps.Render(@"& {
                function New-ClearResult([hashtable] $p) { $p.PSTypeName = 'SpiTools.SaClearResult'; [pscustomobject]$p }
                New-ClearResult @{ Device = '127.0.0.1:40669'; Status = 'WouldClear'; Resolved = $false; BeforeVerdict = 'StaleVpnContext;OneWayTraffic'; AfterVerdict = $null; StillInactive = '' }
                New-ClearResult @{ Device = 'fw-edge1-paris'; Status = 'ClearedUnverified'; Resolved = $false; BeforeVerdict = 'StaleVpnContext;StuckInactiveSa'; AfterVerdict = 'StaleVpnContext;OneWayTraffic'; StillInactive = '0x1AAC9593;0x25A3076D' }
                New-ClearResult @{ Device = 'fw-lyon'; Status = 'Cleared'; Resolved = $true; BeforeVerdict = 'StaleVpnContext'; AfterVerdict = 'Healthy'; StillInactive = '' } }", width);
            NoLineWiderThan(text, width);
            Assert.Matches(@"(?m)^Device\s+Status\s+Resolved\s+BeforeVerdict\s+AfterVerdict", text);
            Assert.DoesNotContain("…", text);
            Assert.Matches(@"127\.0\.0\.1:40669\s+WouldClear\s+False\s+StaleVpnContext;", text);
            Assert.Matches(@"fw-edge1-paris\s+ClearedUnverified\s+False\s+StaleVpnContext;\s+StaleVpnContext;", text);
            Assert.Matches(@"\s{30,}StuckInactiveSa\s+OneWayTraffic", text); // each code whole, wrapped under its column
            Assert.Matches(@"fw-lyon\s+Cleared\s+True\s+StaleVpnContext\s+Healthy", text);
            // Where the width leaves room, the SPIs still listed inactive follow, whole.
            if (width >= 120) Assert.Matches(@"StillInactive[\s\S]*0x1AAC9593; 0x25A3076D", text);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void Lifetimes_and_sessions_render_whole(int width)
        {
            var lifetimes = _ps.Render("Get-IpsecLifetime examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt", width);
            NoLineWiderThan(lifetimes, width);
            Assert.Matches(@"Device\s+Scope\s+Kilobytes\s+Seconds", lifetimes);
            Assert.Matches(@"ASR1\s+default\s+4608000\s+3600", lifetimes);
            var sessiondb = Directory.EnumerateFiles(PowerShellHost.RepoPath("tests/SpiTools.Core.Tests/Fixtures"), "*vpn-sessiondb_detail_l2l*.raw", SearchOption.AllDirectories).First();
            var sessions = _ps.Render($"Get-AsaVpnSession -LiteralPath '{sessiondb}'", width);
            NoLineWiderThan(sessions, width);
            Assert.Matches(@"Device\s+Peer\s+Tunnel\s+Rekey s\s+Left s\s+Rekey kB\s+Left kB", sessions);
            Assert.Matches(@"IPsec\s+\d+\s+\d+", sessions);
        }
    }
}
