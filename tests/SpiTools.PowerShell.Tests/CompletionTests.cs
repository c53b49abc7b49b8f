namespace SpiTools.PowerShell.Tests
{
    /// <summary>Tab completion of the flow's -Protocol and -Interface, as a user's Tab asks for it (TabExpansion2).</summary>
    public class CompletionTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public CompletionTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private List<string> Complete(string line) =>
            _ps.Run("(TabExpansion2 -inputScript $l -cursorColumn $l.Length).CompletionMatches.CompletionText", new Dictionary<string, object?> { ["l"] = line })
                .ThrowOnError().Strings();

        [Fact]
        public void Protocol_completes_the_protocols_packet_tracer_takes_not_file_names()
        {
            Assert.Equal(new[] { "tcp", "udp", "icmp", "sctp" }, Complete("Get-AsaPacketTrace -ComputerName fw -Protocol "));
            Assert.Equal(new[] { "udp" }, Complete("Invoke-InactiveSaClear -ComputerName fw -Protocol u"));
            Assert.Equal(new[] { "tcp" }, Complete("Compare-SpiContext -ComputerName fw -Protocol T"));
        }

        [Fact]
        public void Interface_completes_the_interface_names_of_the_captures_given()
        {
            Assert.Equal(new[] { "inside", "outside" }, Complete("Get-AsaPacketTrace -ComputerName fw -SaveCapture examples/asa-stale-spi/device -Interface "));
            Assert.Equal(new[] { "outside" }, Complete("Compare-SpiContext -ComputerName fw -SaveCapture examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt -Interface o"));
            // No capture given: nothing to offer, and no file names either.
            Assert.DoesNotContain(Complete("Get-AsaPacketTrace -ComputerName fw -Interface "), c => c.Length > 0);
        }
    }
}
