namespace SpiTools.PowerShell.Tests
{
    /// <summary>Compare-SpiContext given both ends of a tunnel: pairing, -IncludeHealthy, -PeerOf, the view and CSV.</summary>
    public class CompareSpiContextEndsTests : IClassFixture<PowerShellFixture>
    {
        private const string Ends = "tests/SpiTools.Core.Tests/Fixtures/ends";
        private readonly PowerShellHost _ps;

        public CompareSpiContextEndsTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private static string[] Folders(string scenario, params string[] devices) => devices.Select(d => PowerShellHost.RepoPath($"{Ends}/{scenario}/{d}")).ToArray();

        private static Dictionary<string, object?> Paths(string scenario, params string[] devices) => new() { ["p"] = Folders(scenario, devices) };

        [Fact]
        public void Two_folders_are_paired_and_include_healthy_proves_the_tunnel()
        {
            var quiet = _ps.Run("Compare-SpiContext -LiteralPath $p", Paths("asa-clean", "fw-edge1", "fw-branch")).ThrowOnError();
            Assert.Empty(quiet.Output);
            var r = _ps.Run("Compare-SpiContext -LiteralPath $p -IncludeHealthy", Paths("asa-clean", "fw-edge1", "fw-branch")).ThrowOnError();
            var agree = Assert.Single(r.Output);
            Assert.Equal("EndsAgree", agree.Properties["Code"].Value);
            Assert.Equal("fw-edge1", agree.Properties["Device"].Value);
            Assert.Equal("fw-branch", agree.Properties["PeerDevice"].Value);
            Assert.Equal("0xA19EC57E", agree.Properties["Spi"].Value);
        }

        [Fact]
        public void Get_ChildItem_of_both_ends_pipes_in_and_the_desync_names_the_end_to_clear()
        {
            var r = _ps.Run($"Get-ChildItem -Directory '{Ends}/asa-desync' | Compare-SpiContext | Where-Object Code -eq SpiDesync | Sort-Object Device").ThrowOnError();
            Assert.Equal(new[] { "fw-branch", "fw-edge1" }, r.Output.Select(o => (string)o.Properties["Device"].Value));
            var edge = r.Output[1];
            Assert.Equal("fw-branch", edge.Properties["PeerDevice"].Value);
            Assert.StartsWith("clear crypto ipsec sa entry 203.0.113.10 esp 0xA19EC57E on fw-edge1", (string)edge.Properties["Remediation"].Value);
        }

        [Fact]
        public void PeerOf_takes_a_hashtable_and_a_pairing_that_names_no_device_is_refused()
        {
            var r = _ps.Run("Compare-SpiContext -LiteralPath $p -PeerOf @{ 'fw-branch' = 'fw-edge1' } | Where-Object PeerDevice", Paths("asa-desync", "fw-edge1", "fw-branch")).ThrowOnError();
            Assert.Equal(new[] { "SpiDesync", "SpiDesync" }, r.Output.Select(o => (string)o.Properties["Code"].Value));
            // A value may list several devices; fw-branch is then paired only with those.
            var elsewhere = _ps.Run("Compare-SpiContext -LiteralPath $p -PeerOf @{ 'fw-branch' = 'rtr-x', 'rtr-y' } | Where-Object PeerDevice", Paths("asa-desync", "fw-edge1", "fw-branch")).ThrowOnError();
            Assert.Empty(elsewhere.Output);

            var refused = _ps.Run("Compare-SpiContext -LiteralPath $p -PeerOf @{ 'fw-branch' = '' }", Paths("asa-desync", "fw-edge1", "fw-branch"));
            // Stops the command (a statement-terminating error in a script), before anything is read.
            var error = Assert.Single(refused.Errors);
            Assert.StartsWith("PeerOfInvalid,", error.FullyQualifiedErrorId);
            Assert.Contains("names no device on one side", error.Exception.Message);
            Assert.Empty(refused.Output);
            // The same engine still diagnoses.
            Assert.Equal(2, _ps.Run("Compare-SpiContext -LiteralPath $p | Where-Object Code -eq SpiDesync", Paths("asa-desync", "fw-edge1", "fw-branch")).ThrowOnError().Output.Count);
        }

        [Fact]
        public void Path_loss_from_two_snapshots_of_both_ends_with_its_tolerance()
        {
            var vars = new Dictionary<string, object?> { ["p"] = Folders("asa-pathloss", "fw-edge1", "fw-branch"), ["b"] = Folders("asa-clean", "fw-edge1", "fw-branch") };
            var loss = Assert.Single(_ps.Run("Compare-SpiContext -LiteralPath $p -Before $b", vars).ThrowOnError().Output);
            Assert.Equal("PathLoss", loss.Properties["Code"].Value);
            Assert.Contains("1000 packets (20 %) did not arrive", (string)loss.Properties["Evidence"].Value);
            Assert.Empty(_ps.Run("Compare-SpiContext -LiteralPath $p -Before $b -PathLossTolerancePercent 25", vars).ThrowOnError().Output);
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void The_list_view_shows_the_other_end_only_where_there_is_one(int width)
        {
            var text = _ps.Render($"Compare-SpiContext -LiteralPath '{Folders("asa-stale", "fw-edge1")[0]}', '{Folders("asa-stale", "fw-branch")[0]}'", width);
            Assert.All(text.Split('\n'), l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
            Assert.Matches(@"Code\s+: SpiDesync\nPeer\s+: 203\.0\.113\.10\nPeerDevice\s+: fw-branch\nSpi\s+: 0x25A3076D", text);
            Assert.Matches(@"Code\s+: StaleVpnContext\nPeer\s+: 203\.0\.113\.10\nSpi\s+: 0x25A3076D", text);
            Assert.Equal(1, text.Split('\n').Count(l => l.StartsWith("PeerDevice", StringComparison.Ordinal)));
        }

        [Fact]
        public void Export_Csv_carries_PeerDevice()
        {
            var csv = Path.Combine(Path.GetTempPath(), $"spitools-ends-{Guid.NewGuid():N}.csv");
            try
            {
                _ps.Run("Compare-SpiContext -LiteralPath $p | Export-Csv -LiteralPath $csv -NoTypeInformation",
                    new Dictionary<string, object?> { ["p"] = Folders("asa-proxy", "fw-edge1", "fw-branch"), ["csv"] = csv }).ThrowOnError();
                var back = _ps.Run("Import-Csv -LiteralPath $csv | Where-Object PeerDevice", new Dictionary<string, object?> { ["csv"] = csv }).ThrowOnError();
                Assert.Equal(new[] { "fw-branch", "fw-edge1" }, back.Output.Select(o => (string)o.Properties["PeerDevice"].Value).OrderBy(s => s));
                Assert.All(back.Output, o => Assert.Equal("ProxyMismatch", o.Properties["Code"].Value));
            }
            finally
            {
                File.Delete(csv);
            }
        }
    }
}
