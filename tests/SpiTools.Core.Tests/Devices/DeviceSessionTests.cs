using System.Diagnostics;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    public class DeviceSessionTests
    {
        internal const string Secret = "s3cr3t-Enable!";

        internal static DeviceSessionOptions Fast(string? secret = Secret) => new()
        {
            EnableSecret = secret is null ? null : new DeviceSecret(secret),
            PromptTimeout = TimeSpan.FromSeconds(3),
            CommandTimeout = TimeSpan.FromSeconds(5),
            PromptSettle = TimeSpan.FromMilliseconds(10),
        };

        internal static DeviceSession OpenOn(ScriptedDevice device, DeviceSessionOptions? options = null)
        {
            device.Start();
            var s = new DeviceSession(device, options ?? Fast());
            s.Open();
            return s;
        }

        private static string Expected(ScriptedDevice d, string command) => d.Outputs[command].Replace("\r\n", "\n").TrimEnd('\n') + "\n";

        [Fact]
        public void Open_finds_the_prompt_enters_enable_with_the_secret_and_turns_the_pager_off()
        {
            var d = ScriptedDevice.SeedAsa();
            using var s = OpenOn(d);
            Assert.Equal("fw-edge1", s.Hostname);
            Assert.Equal("fw-edge1#", s.Prompt);
            Assert.True(s.IsPrivileged);
            Assert.Equal(DevicePlatform.Asa, s.Platform);
            Assert.Equal(new[] { "enable", "show version", "terminal pager 0" }, d.Commands);
            // The secret went to the device once, as the answer to Password:, and nowhere else.
            Assert.Equal(Secret + "\n", d.Writes[d.Writes.IndexOf("enable\n") + 1]);
            Assert.Single(d.Writes, w => w.Contains(Secret, StringComparison.Ordinal));
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void A_command_returns_its_whole_output_without_echo_prompt_or_carriage_returns()
        {
            var d = ScriptedDevice.SeedAsa();
            using var s = OpenOn(d);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.Equal(Expected(d, "show crypto ipsec sa"), o.Output);
            Assert.DoesNotContain('\r', o.Output);
            Assert.Equal("fw-edge1#", o.Prompt);
            Assert.StartsWith("fw-edge1# show crypto ipsec sa\ninterface: outside\n", o.Capture);
            // The capture reads as the bundled file does: same records.
            var fromFile = CaptureParser.ParseFile(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt")).OfType<IpsecSa>().Select(r => r.Spi + r.Peer).ToList();
            var fromDevice = CaptureParser.ParseText(o.Capture, "device").OfType<IpsecSa>().Select(r => r.Spi + r.Peer).ToList();
            Assert.Equal(fromFile, fromDevice);
            Assert.NotEmpty(fromDevice);
        }

        [Fact]
        public void A_refused_enable_secret_is_EnableFailed_with_the_device_line_and_no_secret_anywhere()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Start();
            using var s = new DeviceSession(d, Fast("wrong-secret-123"));
            var ex = Assert.Throws<DeviceException>(() => s.Open());
            Assert.Equal(ErrorIds.EnableFailed, ex.ErrorId);
            Assert.Equal(SpiErrorCategory.PermissionDenied, ex.Category);
            Assert.Equal("Access denied.", ex.DeviceErrorLine);
            Assert.DoesNotContain("wrong-secret-123", ex.ToString());
            Assert.DoesNotContain("show version", d.Commands); // nothing after the failed enable

            // The right secret still works.
            var ok = ScriptedDevice.SeedAsa();
            using var s2 = OpenOn(ok);
            Assert.True(s2.IsPrivileged);
        }

        [Fact]
        public void A_missing_secret_where_one_is_needed_is_EnableFailed_and_none_needed_passes()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Start();
            using var s = new DeviceSession(d, Fast(null));
            Assert.Equal(ErrorIds.EnableFailed, Assert.Throws<DeviceException>(() => s.Open()).ErrorId);

            var open = ScriptedDevice.SeedAsa();
            open.EnableSecret = null; // an ASA without an enable password
            using var s2 = OpenOn(open, Fast(null));
            Assert.True(s2.IsPrivileged);
        }

        [Fact]
        public void An_echoed_secret_never_reaches_an_output_and_later_outputs_are_never_masked_by_substring()
        {
            var d = ScriptedDevice.SeedAsa();
            d.EchoSecret = true;
            d.RawReplies["show crypto ipsec profile"] = "ERROR: bad " + Secret + "\r\nfw-edge1# ";
            using var s = OpenOn(d);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.DoesNotContain(Secret, o.Capture);
            Assert.DoesNotContain(DeviceSecret.Mask, o.Capture);
            // What a later command prints is the device's own text: kept as printed (the mask is for the enable exchange).
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecProfile()));
            Assert.Equal(ErrorIds.CommandRejected, ex.ErrorId);
            Assert.Equal("ERROR: bad " + Secret, ex.DeviceErrorLine);
            Assert.Equal("fw-edge1#", s.Prompt);
        }

        [Fact]
        public void An_already_privileged_session_sends_no_enable()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Privileged = true;
            using var s = OpenOn(d);
            Assert.DoesNotContain("enable", d.Commands);
            Assert.DoesNotContain(d.Writes, w => w.Contains(Secret, StringComparison.Ordinal));
            Assert.Equal(Expected(d, "show crypto ipsec sa"), s.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void When_paging_stays_on_pages_are_answered_and_the_pager_residue_removed(bool ios)
        {
            var d = ScriptedDevice.SeedAsa();
            d.IosPager = ios;
            d.PageLines = 10;
            d.Denied.Add("terminal pager 0");
            d.Denied.Add("terminal length 0");
            var options = Fast();
            options.Platform = ios ? DevicePlatform.IosXe : DevicePlatform.Asa;
            using var s = OpenOn(d, options);
            var w = Assert.Single(s.Warnings, x => x.Command is "terminal pager 0" or "terminal length 0");
            Assert.Equal("Command authorization failed", w.DeviceErrorLine);

            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.Equal(Expected(d, "show crypto ipsec sa"), o.Output);
            Assert.Equal(9, o.PagerPresses); // 92 lines, 10 a page
            Assert.DoesNotContain("More", o.Output);
            Assert.DoesNotContain('\b', o.Output);
        }

        [Fact]
        public void A_stuck_pager_is_OutputIncomplete_and_the_part_read_is_not_handed_on()
        {
            var d = ScriptedDevice.SeedAsa();
            d.PageLines = 10;
            d.Denied.Add("terminal pager 0");
            d.StuckPager = true;
            using var s = OpenOn(d);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            Assert.Contains("pager", ex.Message);
            Assert.StartsWith("show crypto ipsec sa\ninterface: outside", ex.PartialOutput);
        }

        [Fact]
        public void Multi_context_changeto_moves_the_prompt_and_a_missing_context_is_rejected()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Contexts.Add("cust-a");
            using var s = OpenOn(d);
            var ex = Assert.Throws<DeviceException>(() => s.ChangeContext("cust-b"));
            Assert.Equal(ErrorIds.CommandRejected, ex.ErrorId);
            Assert.Equal("ERROR: Context 'cust-b' does not exist", ex.DeviceErrorLine);
            Assert.Null(s.Context);

            s.ChangeContext("cust-a");
            Assert.Equal("cust-a", s.Context);
            Assert.Equal("fw-edge1/cust-a#", s.Prompt);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.StartsWith("fw-edge1/cust-a# show crypto ipsec sa\n", o.Capture);
            Assert.Equal("fw-edge1", CaptureParser.ParseText(o.Capture, "x").OfType<IpsecSa>().First().Device);
        }

        [Theory]
        [InlineData("% Invalid input detected at '^' marker.")]
        [InlineData("ERROR: % Invalid input detected at '^' marker.")]
        [InlineData("% Ambiguous command:  \"show crypto ipsec pro\"")]
        [InlineData("% Incomplete command.")]
        [InlineData("% Unknown command or computer name, or unable to find computer address")]
        [InlineData("Command authorization failed")]
        public void Each_error_form_is_CommandRejected_with_the_device_line_and_the_session_goes_on(string errorLine)
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show crypto ipsec profile"] = "                         ^\r\n" + errorLine + "\r\n\r\nfw-edge1# ";
            using var s = OpenOn(d);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecProfile()));
            Assert.Equal(ErrorIds.CommandRejected, ex.ErrorId);
            Assert.Equal(errorLine.Trim(), ex.DeviceErrorLine);
            Assert.Equal("show crypto ipsec profile", ex.Command);
            Assert.Equal(errorLine.Contains("authorization") ? SpiErrorCategory.PermissionDenied : SpiErrorCategory.InvalidArgument, ex.Category);
            Assert.Equal(Expected(d, "show crypto ipsec sa"), s.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output);
        }

        [Fact]
        public void A_slow_drip_of_three_characters_at_a_time_gives_the_same_output()
        {
            var d = ScriptedDevice.SeedAsa();
            d.ChunkSize = 3;
            using var s = OpenOn(d);
            Assert.Equal(Expected(d, "show asp table vpn-context detail"), s.Execute(DeviceCommand.ShowAspTableVpnContextDetail()).Output);
        }

        [Fact]
        public void A_disconnect_mid_output_is_DeviceDisconnected_with_the_partial_text_kept_apart()
        {
            var d = ScriptedDevice.SeedAsa();
            d.DisconnectDuring.Add("show crypto ipsec sa");
            using var s = OpenOn(d);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.DeviceDisconnected, ex.ErrorId);
            Assert.Equal(SpiErrorCategory.ConnectionError, ex.Category);
            Assert.Contains("interface: outside", ex.PartialOutput);
            // The next command finds the channel closed: nothing is written.
            int writes = d.Writes.Count;
            Assert.Equal(ErrorIds.DeviceDisconnected, Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowAspTableVpnContextDetail())).ErrorId);
            Assert.Equal(writes, d.Writes.Count);
        }

        [Fact]
        public void No_prompt_is_PromptNotFound_after_nudging_with_enter()
        {
            var d = ScriptedDevice.SeedAsa();
            d.NoPrompt = true;
            d.Start();
            var options = Fast();
            options.PromptTimeout = TimeSpan.FromMilliseconds(800);
            using var s = new DeviceSession(d, options);
            var sw = Stopwatch.StartNew();
            var ex = Assert.Throws<DeviceException>(() => s.Open());
            Assert.Equal(ErrorIds.PromptNotFound, ex.ErrorId);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
            Assert.Contains("\n", d.Writes); // it pressed Enter
            Assert.DoesNotContain("enable\n", d.Writes);
        }

        [Fact]
        public void A_prompt_shown_only_after_enter_is_found()
        {
            var d = ScriptedDevice.SeedAsa();
            d.PromptOnlyAfterEnter = true;
            var options = Fast();
            options.PromptTimeout = TimeSpan.FromSeconds(2);
            using var s = OpenOn(d, options);
            Assert.Equal("fw-edge1#", s.Prompt);
        }

        [Fact]
        public void Escape_sequences_odd_line_endings_and_control_characters_are_normalised()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show crypto ipsec profile"] =
                "\r\x1b[1mIPSEC profile default\x1b[0m\r\r\n" +
                "  Security association lifetime: 4608000 kilobytes/3600 seconds\r\n\r" +
                "\x1b]0;fw-edge1 title\x07  Responder-Only (Y/N): N\a\r\n" +
                "garbage\rPFS (Y/N): N\n\r" +
                "xx\x1b[2K  Mixed-mode : Disabled\r\n" +
                "  Transform sets={ \r\n" +
                "\x1b[?25l\x1b[32mfw-edge1# \x1b[0m";
            using var s = OpenOn(d);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecProfile());
            Assert.Equal(
                "IPSEC profile default\n" +
                "  Security association lifetime: 4608000 kilobytes/3600 seconds\n" +
                "  Responder-Only (Y/N): N\n" +
                "garbage\nPFS (Y/N): N\n" +
                "  Mixed-mode : Disabled\n" +
                "  Transform sets={ \n", o.Output);
        }

        [Fact]
        public void Cancellation_ends_a_hung_read_within_a_second()
        {
            var d = ScriptedDevice.SeedAsa();
            d.HangAfter.Add("show crypto ipsec sa");
            var options = Fast();
            options.CommandTimeout = TimeSpan.FromMinutes(5);
            using var s = OpenOn(d, options);
            using var cts = new CancellationTokenSource();
            cts.CancelAfter(300);
            var sw = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa(), cts.Token));
            Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(300 + 2000), $"took {sw.Elapsed}"); // against the 5 min command timeout
        }

        [Fact]
        public void A_command_past_its_timeout_is_OutputIncomplete()
        {
            var d = ScriptedDevice.SeedAsa();
            d.HangAfter.Add("show crypto ipsec sa");
            var options = Fast();
            options.CommandTimeout = TimeSpan.FromMilliseconds(400);
            using var s = OpenOn(d, options);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            Assert.Contains("no prompt within 0.4 s", ex.Message);
            Assert.Contains("interface: outside", ex.PartialOutput);
        }

        [Fact]
        public void The_device_deadline_bounds_the_whole_session()
        {
            var d = ScriptedDevice.SeedAsa();
            d.HangAfter.Add("show crypto ipsec sa");
            var options = Fast();
            options.CommandTimeout = TimeSpan.FromMinutes(5);
            // Time for the login on a busy machine too: the deadline covers it.
            options.DeviceTimeout = TimeSpan.FromSeconds(3);
            using var s = OpenOn(d, options);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            Assert.Contains("the device timeout (3 s) passed", ex.Message);
        }

        [Fact]
        public void An_FTD_prompt_needs_no_enable_and_its_captures_use_the_bare_prompt()
        {
            var d = ScriptedDevice.SeedAsa();
            d.FtdPrompt = true;
            using var s = OpenOn(d);
            Assert.Equal(DevicePlatform.Ftd, s.Platform);
            Assert.Empty(d.Commands);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.StartsWith("> show crypto ipsec sa\n", o.Capture);
            Assert.Equal(4, CaptureParser.ParseText(o.Capture, "ftd").OfType<IpsecSa>().Count());
        }

        [Fact]
        public void A_session_in_configuration_mode_is_refused_before_anything_is_sent()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Hostname = "rtr1(config)";
            d.Privileged = true;
            d.Start();
            using var s = new DeviceSession(d, Fast());
            Assert.Equal(ErrorIds.ConfigurationModeRefused, Assert.Throws<DeviceException>(() => s.Open()).ErrorId);
            Assert.Empty(d.Writes);

            var ok = ScriptedDevice.SeedAsa();
            ok.Hostname = "rtr1";
            using var s2 = OpenOn(ok);
            Assert.Equal("rtr1#", s2.Prompt);
        }

        [Fact]
        public void IOS_XE_paging_is_turned_off_with_length_and_width()
        {
            var d = new ScriptedDevice("hub1") { IosPager = true, EnableSecret = Secret };
            d.Outputs["show version"] = "Cisco IOS XE Software, Version 16.12.05\nCisco IOS Software [Gibraltar], ASR1000 Software";
            using var s = OpenOn(d);
            Assert.Equal(DevicePlatform.IosXe, s.Platform);
            Assert.Equal(new[] { "enable", "show version", "terminal length 0", "terminal width 512" }, d.Commands);
        }
    }
}
