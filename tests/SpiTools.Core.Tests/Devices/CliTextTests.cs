using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    public class CliTextTests
    {
        [Theory]
        [InlineData("fw-edge1>", "fw-edge1", "", '>')]
        [InlineData("fw-edge1#", "fw-edge1", "", '#')]
        [InlineData("fw-edge1/cust-a#", "fw-edge1", "", '#')]
        [InlineData("STC-DCFW/CHD-01/ADMIN#", "STC-DCFW", "", '#')]
        [InlineData("ASA/pri/act(config)#", "ASA", "config", '#')]
        [InlineData("rtr1(config-if)#", "rtr1", "config-if", '#')]
        public void Prompts_are_recognised(string line, string host, string mode, char end)
        {
            Assert.True(CliText.TryParsePrompt(line, out var h, out var m, out var e));
            Assert.Equal((host, mode, end), (h, m, e));
        }

        [Theory]
        [InlineData("VPN Filter = <none>")]
        [InlineData("fw-edge1# show crypto ipsec sa")]
        [InlineData("#pkts encaps: 0")]
        [InlineData("a/b/c/d/e#")]
        [InlineData("<--- More --->")]
        [InlineData("")]
        public void Other_lines_are_not_prompts(string line) => Assert.False(CliText.TryParsePrompt(line, out _, out _, out _));

        [Theory]
        [InlineData("<--- More --->", true)]
        [InlineData(" --More-- ", true)]
        [InlineData("-------more-------", true)]
        [InlineData("-- More --", true)]
        [InlineData("More", false)]
        [InlineData("--- More than one SA ---", false)]
        [InlineData("<--- More", false)]
        public void Pager_prompts_are_recognised(string line, bool pager) => Assert.Equal(pager, CliText.IsPager(line));

        /// <summary>The error markers as one predicate, before they were the platform profiles' data.</summary>
        private static bool PlainIsErrorLine(string t) =>
            t.StartsWith("ERROR:", StringComparison.OrdinalIgnoreCase)
            || t.IndexOf("Command authorization failed", StringComparison.OrdinalIgnoreCase) >= 0
            || (t.StartsWith("%", StringComparison.Ordinal) && (
                t.IndexOf("Invalid input", StringComparison.OrdinalIgnoreCase) >= 0
                || t.IndexOf("Ambiguous command", StringComparison.OrdinalIgnoreCase) >= 0
                || t.IndexOf("Incomplete command", StringComparison.OrdinalIgnoreCase) >= 0
                || t.IndexOf("Unknown command", StringComparison.OrdinalIgnoreCase) >= 0
                || t.IndexOf("Invalid command", StringComparison.OrdinalIgnoreCase) >= 0
                || t.IndexOf("Authorization failed", StringComparison.OrdinalIgnoreCase) >= 0));

        [Theory]
        [InlineData("ERROR: % Invalid input detected at '^' marker.")]
        [InlineData("error: something")]
        [InlineData("Command authorization failed")]
        [InlineData("% Invalid input detected at '^' marker.")]
        [InlineData("% Ambiguous command:  \"show c\"")]
        [InlineData("% Incomplete command.")]
        [InlineData("% Unknown command or computer name, or unable to find computer address")]
        [InlineData("% Invalid command at '^' marker.")]
        [InlineData("% Authorization failed.")]
        [InlineData("%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi")]
        [InlineData("Invalid input detected")]
        [InlineData("interface: outside")]
        [InlineData("")]
        public void Error_lines_from_the_profiles_are_the_ones_recognised_before(string line) =>
            Assert.Equal(PlainIsErrorLine(line), CliText.IsErrorLine(line));
    }
}
