using System.Diagnostics;
using SpiTools.Abstractions;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>
    /// Every prompt classified, at login and after each command: configuration mode stops the session before anything
    /// more is sent, a question is never answered (not even with Enter), a prompt-looking banner line is not the prompt
    /// until Enter brings it back, and a renamed prompt is a warning, never a new device.
    /// </summary>
    public class DevicePromptTests
    {
        [Theory]
        [InlineData("fw-edge1>", "Exec")]
        [InlineData("fw-edge1#", "Privileged")]
        [InlineData("fw-edge1/cust-a#", "Privileged")]
        [InlineData(">", "Privileged")]
        [InlineData("fw-edge1(config)#", "Configuration")]
        [InlineData("rtr1(config-if)#", "Configuration")]
        [InlineData("ASA/pri/act(config-tunnel-general)#", "Configuration")]
        [InlineData("Proceed with reload? [confirm]", "Question")]
        [InlineData("Do you want to save the configuration? [yes/no]:", "Question")]
        [InlineData("Continue (y/n)", "Question")]
        [InlineData("Destination filename [running-config]?", "Question")]
        [InlineData("Address or name of remote host []?", "Question")]
        [InlineData("Password:", "Question")]
        [InlineData("Username:", "Question")]
        [InlineData("Enter passcode:", "Question")]
        [InlineData("Type help or '?' for a list of available commands.", "None")]
        [InlineData("      #pkts encaps: 1204, #pkts encrypt: 1204", "None")]
        [InlineData("interface: outside", "None")]
        [InlineData("  Responder-Only (Y/N): N", "None")]
        [InlineData("", "None")]
        public void Each_line_is_classified(string line, string kind) => Assert.Equal(kind, DevicePrompt.Classify(line, out _).ToString());

        private static DeviceSession Session(ScriptedDevice d, out DeviceSessionOptions options)
        {
            d.Start();
            options = DeviceSessionTests.Fast();
            return new DeviceSession(d, options);
        }

        [Fact]
        public void Configuration_mode_after_paging_off_stops_before_any_show_command()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["terminal pager 0"] = "fw-edge1(config)# ";
            using var s = Session(d, out _);
            var ex = Assert.Throws<DeviceException>(() => s.Open());
            Assert.Equal(ErrorIds.ConfigurationModeRefused, ex.ErrorId);
            Assert.Equal("terminal pager 0", ex.Command);
            Assert.Equal("terminal pager 0", d.Commands.Last());
            Assert.DoesNotContain(d.Commands, c => c.StartsWith("show crypto", StringComparison.Ordinal));

            // The same device at a privileged prompt collects.
            using var ok = DeviceSessionTests.OpenOn(ScriptedDevice.SeedAsa());
            Assert.Equal("fw-edge1#", ok.Prompt);
        }

        [Fact]
        public void Configuration_mode_after_a_show_command_stops_there()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show crypto ipsec sa"] = "interface: outside\r\nfw-edge1(config-crypto-map)# ";
            using var s = DeviceSessionTests.OpenOn(d);
            Assert.Equal(ErrorIds.ConfigurationModeRefused, Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa())).ErrorId);
            Assert.Equal("show crypto ipsec sa", d.Commands.Last());
        }

        [Fact]
        public void A_confirmation_at_login_gets_no_keystroke_at_all()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Banner = "Proceed with reload? [confirm]";
            d.NoPrompt = true;
            using var s = Session(d, out _);
            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<DeviceException>(() => s.Open());
            Assert.Equal(ErrorIds.UnexpectedDevicePrompt, ex.ErrorId);
            Assert.Equal("Proceed with reload? [confirm]", ex.DeviceErrorLine);
            Assert.Empty(d.Writes); // not even Enter
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
        }

        [Fact]
        public void A_question_followed_by_a_line_break_is_never_nudged()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Banner = "Do you want to continue? [yes/no]:\r\n";
            d.NoPrompt = true;
            using var s = Session(d, out var options);
            options.PromptTimeout = TimeSpan.FromMilliseconds(800);
            Assert.Equal(ErrorIds.UnexpectedDevicePrompt, Assert.Throws<DeviceException>(() => s.Open()).ErrorId);
            Assert.Empty(d.Writes);
        }

        [Fact]
        public void A_question_after_a_command_is_not_answered()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show asp table vpn-context detail"] = "Save the configuration? [yes/no]: ";
            using var s = DeviceSessionTests.OpenOn(d);
            int writes = d.Writes.Count;
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowAspTableVpnContextDetail()));
            Assert.Equal(ErrorIds.UnexpectedDevicePrompt, ex.ErrorId);
            Assert.Equal(writes + 1, d.Writes.Count); // the command, nothing after it
            Assert.Contains("[yes/no]", ex.PartialOutput);
        }

        [Fact]
        public void A_password_prompt_outside_enable_is_a_question()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show crypto ipsec sa"] = "Password: ";
            using var s = DeviceSessionTests.OpenOn(d);
            Assert.Equal(ErrorIds.UnexpectedDevicePrompt, Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa())).ErrorId);
            Assert.DoesNotContain(d.Writes.Skip(d.Writes.IndexOf("show crypto ipsec sa\n") + 1), w => w.Length > 0);
        }

        [Fact]
        public void The_prompt_counts_once_Enter_brings_it_back_and_the_keystroke_is_a_setup_command()
        {
            var d = ScriptedDevice.SeedAsa();
            using var s = DeviceSessionTests.OpenOn(d);
            Assert.Equal("\n", d.Writes[0]); // Enter, then enable
            Assert.Equal("enable\n", d.Writes[1]);
            Assert.True(CommandPolicy.IsAllowed("", DeviceCommandKind.Setup, out _));
            Assert.False(CommandPolicy.IsAllowed("", DeviceCommandKind.Show, out _));
            Assert.Contains("", CommandPolicy.SetupCommands);
        }

        [Fact]
        public void A_banner_line_that_looks_like_a_prompt_gets_no_enable()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Banner = "corp-fw>";        // a banner line, then a pause: Enter shows the real prompt, not this line again
            d.PromptOnlyAfterEnter = true;
            using var s = Session(d, out _);
            s.Open();
            Assert.Equal("fw-edge1#", s.Prompt);
            Assert.Equal("fw-edge1", s.Device);
            Assert.Equal("enable", d.Commands[0]);
        }

        [Fact]
        public void A_prompt_that_renames_the_device_is_a_warning_and_the_name_stays()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show asp table vpn-context detail"] = "fw-core9# ";
            using var s = DeviceSessionTests.OpenOn(d);
            s.Execute(DeviceCommand.ShowAspTableVpnContextDetail());
            Assert.Equal("fw-edge1", s.Device);
            Assert.Contains(s.Warnings, w => w.Message.Contains("fw-core9", StringComparison.Ordinal) && w.Message.Contains("still reported as fw-edge1", StringComparison.Ordinal));
        }
    }
}
