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
    }
}
