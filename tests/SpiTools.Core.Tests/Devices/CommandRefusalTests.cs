using SpiTools.Abstractions;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>Every refusal is checked twice: nothing reached the device, and the legitimate command still goes through.</summary>
    public class CommandRefusalTests
    {
        private static void AssertRefusedThenLegitimateRuns(Func<DeviceCommand> refused, Func<DeviceCommand> legitimate, string errorId, string? argument = null)
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs["show crypto ipsec sa peer 2001:db8::10"] = "interface: outside";
            d.Contexts.Add("cust-a");
            using var s = DeviceSessionTests.OpenOn(d);
            int writes = d.Writes.Count;
            var ex = Assert.Throws<DeviceException>(() => s.Execute(refused()));
            Assert.Equal(errorId, ex.ErrorId);
            if (argument != null) Assert.Equal(argument, ex.ArgumentName);
            Assert.Equal(writes, d.Writes.Count); // nothing sent
            var cmd = legitimate();
            s.Execute(cmd);
            Assert.Equal(cmd.Text + "\n", d.Writes[writes]);
        }

        public static TheoryData<string, string?, string> BadFlows => new()
        {
            // interface, protocol, source (destination and ports are fine)
            { "inside\nshow run", "udp", "10.255.203.102" },
            { "inside;reload", "udp", "10.255.203.102" },
            { "inside|include", "udp", "10.255.203.102" },
            { "in side", "udp", "10.255.203.102" },
            { "inside\x1b[A", "udp", "10.255.203.102" },
            { "", "udp", "10.255.203.102" },
            { "inside", "gre", "10.255.203.102" },
            { "inside", "udp\n", "10.255.203.102" },
            { "inside", "udp", "10.255.203.102\nclear crypto ipsec sa" },
            { "inside", "udp", "10.255.203.102 1 2.2.2.2 3 detailed\nshow run" },
            { "inside", "udp", "010.255.203.102" },
            { "inside", "udp", "10.255.203" },
            { "inside", "udp", "10.255.203.256" },
            { "inside", "udp", "fe80::1%eth0" },
            { "inside", "udp", "2001:db8::1" }, // family differs from the IPv4 destination
        };

        [Theory]
        [MemberData(nameof(BadFlows))]
        public void A_flow_with_a_bad_value_is_InvalidDeviceArgument_and_a_good_flow_traces(string ifc, string? proto, string src)
        {
            AssertRefusedThenLegitimateRuns(
                () => DeviceCommand.PacketTracer(DeviceFlow.Create(ifc, proto, src, 1610, "10.220.100.17", 3389)),
                () => DeviceCommand.PacketTracer(DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389)),
                ErrorIds.InvalidDeviceArgument);
        }

        [Theory]
        [InlineData(0, 3389, "SourcePort")]
        [InlineData(1610, 65536, "DestinationPort")]
        [InlineData(-1, 3389, "SourcePort")]
        public void Ports_out_of_range_are_refused(int sport, int dport, string argument)
        {
            AssertRefusedThenLegitimateRuns(
                () => DeviceCommand.PacketTracer(DeviceFlow.Create("inside", "tcp", "10.255.203.102", sport, "10.220.100.17", dport)),
                () => DeviceCommand.PacketTracer(DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389)),
                ErrorIds.InvalidDeviceArgument, argument);
        }

        [Theory]
        [InlineData("203.0.113.10\nreload")]
        [InlineData("203.0.113.10 detail | include spi")]
        [InlineData("203.0.113.10;")]
        [InlineData("peer.example.net")]
        [InlineData("")]
        public void A_bad_peer_is_refused_and_a_v4_or_v6_peer_is_shown(string peer)
        {
            AssertRefusedThenLegitimateRuns(() => DeviceCommand.ShowCryptoIpsecSaPeer(peer), () => DeviceCommand.ShowCryptoIpsecSaPeer("203.0.113.10"), ErrorIds.InvalidDeviceArgument, "Peer");
            AssertRefusedThenLegitimateRuns(() => DeviceCommand.ShowCryptoIpsecSaPeer(peer), () => DeviceCommand.ShowCryptoIpsecSaPeer("2001:DB8:0::10"), ErrorIds.InvalidDeviceArgument, "Peer");
        }

        [Theory]
        [InlineData("cust a")]
        [InlineData("cust-a\r\nchangeto system")]
        [InlineData("-cust")]
        [InlineData("cust/a")]
        public void A_bad_context_name_is_refused_and_a_good_one_is_entered(string context)
        {
            AssertRefusedThenLegitimateRuns(() => DeviceCommand.ChangeToContext(context), () => DeviceCommand.ChangeToContext("cust-a"), ErrorIds.InvalidDeviceArgument, "Context");
        }

        [Theory]
        [InlineData("show running-config", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa\nreload", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa | include spi", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa; reload", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa ", DeviceCommandKind.Show)]
        [InlineData("show  crypto ipsec sa", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa peer 10.0.0.1\x03", DeviceCommandKind.Show)]
        [InlineData("show crypto ipsec sa peer 010.0.0.1", DeviceCommandKind.Show)]
        [InlineData("configure terminal", DeviceCommandKind.Show)]
        [InlineData("clear crypto ipsec sa inactive", DeviceCommandKind.Show)]
        [InlineData("clear crypto ipsec sa inactive", DeviceCommandKind.StateChange)]
        [InlineData("clear crypto ipsec sa", DeviceCommandKind.StateChange)]
        [InlineData("enable", DeviceCommandKind.Show)]
        [InlineData("terminal pager 0", DeviceCommandKind.Setup)]
        [InlineData("show crypto ipsec sa", DeviceCommandKind.Trace)]
        [InlineData("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389", DeviceCommandKind.Trace)]
        [InlineData("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed transmit", DeviceCommandKind.Trace)]
        [InlineData("changeto system", DeviceCommandKind.ContextChange)]
        public void The_session_refuses_any_other_text_before_sending_and_still_runs_the_allowed_one(string text, DeviceCommandKind kind)
        {
            AssertRefusedThenLegitimateRuns(() => DeviceCommand.Unchecked(text, kind), DeviceCommand.ShowCryptoIpsecSa, ErrorIds.CommandNotAllowed);
        }

        [Fact]
        public void The_clear_hook_is_on_the_state_change_list_only()
        {
            Assert.True(CommandPolicy.IsAllowed("clear crypto ipsec sa inactive", DeviceCommandKind.StateChange, out _));
            Assert.False(CommandPolicy.IsAllowed("clear crypto ipsec sa inactive", DeviceCommandKind.Show, out _));
            Assert.DoesNotContain(CommandPolicy.ShowCommands, c => c.StartsWith("clear", StringComparison.Ordinal));
        }

        [Fact]
        public void An_enable_secret_with_a_line_break_is_refused_without_being_shown()
        {
            var ex = Assert.Throws<DeviceException>(() => new DeviceSecret("abc\nconfigure terminal"));
            Assert.Equal(ErrorIds.InvalidDeviceArgument, ex.ErrorId);
            Assert.DoesNotContain("configure", ex.Message);
            Assert.DoesNotContain("abc", ex.Message);
            Assert.Equal(DeviceSecret.Mask, new DeviceSecret("fine-Secret9").ToString());
        }

        [Fact]
        public void Built_commands_have_the_expected_text_and_the_file_names_the_examples_use()
        {
            var trace = DeviceCommand.PacketTracer(DeviceFlow.Create("inside", "UDP", "10.255.203.102", 1610, "10.220.100.17", 3389));
            Assert.Equal("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed", trace.Text);
            Assert.True(File.Exists(Captures.PathOf("asa-stale-spi/device/" + trace.FileName)));
            Assert.True(File.Exists(Captures.PathOf("asa-stale-spi/device/" + DeviceCommand.ShowAspTableVpnContextDetail().FileName)));
            Assert.True(File.Exists(Captures.PathOf("asa-stale-spi/device/" + DeviceCommand.ShowCryptoIpsecSa().FileName)));
            Assert.True(File.Exists(Captures.PathOf("iosxe-dmvpn-multi-spi/" + DeviceCommand.ShowCryptoIpsecProfile().FileName)));
            Assert.Equal("packet-tracer input inside icmp 10.1.1.1 8 0 10.2.2.2 detailed", DeviceCommand.PacketTracer(DeviceFlow.Icmp("inside", "10.1.1.1", "10.2.2.2")).Text);
            var v6 = DeviceCommand.ShowCryptoIpsecSaPeer("2001:DB8:0:0::10");
            Assert.Equal("show crypto ipsec sa peer 2001:db8::10", v6.Text);
            Assert.Equal("show-crypto-ipsec-sa-peer-2001_db8__10.txt", v6.FileName);
        }
    }
}
