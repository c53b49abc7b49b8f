using System.Diagnostics;
using System.Text;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Services;
using SpiTools.Devices;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>A session's time and memory stay bounded whatever the device sends, and what is well-formed still works.</summary>
    public class BoundedSessionTests
    {
        private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

        [Fact]
        public void A_cursor_flood_before_the_prompt_gives_a_bounded_output_quickly()
        {
            var d = ScriptedDevice.SeedAsa();
            // 1 MB of cursor-forward and carriage returns, then the output and the prompt.
            d.RawReplies["show crypto ipsec sa"] = Repeat("\x1b[99999C\r", 1024 * 1024 / 9) + "interface: outside\r\nfw-edge1# ";
            using var s = DeviceSessionTests.OpenOn(d);
            var clock = Stopwatch.StartNew();
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            Assert.Equal("interface: outside\n", o.Output);
            // The session still works after it.
            Assert.Equal(d.Outputs["show asp table vpn-context detail"].Replace("\r\n", "\n").TrimEnd('\n') + "\n",
                s.Execute(DeviceCommand.ShowAspTableVpnContextDetail()).Output);
        }

        [Fact]
        public void A_cursor_flood_that_never_reaches_the_prompt_ends_at_the_command_timeout()
        {
            var d = ScriptedDevice.SeedAsa();
            d.ChunkSize = 64 * 1024;
            d.RawReplies["show crypto ipsec sa"] = Repeat("\x1b[99999C\r\x1b[99999Cx\r", 4 * 1024 * 1024 / 20);
            var options = DeviceSessionTests.Fast();
            options.CommandTimeout = TimeSpan.FromSeconds(2);
            using var s = DeviceSessionTests.OpenOn(d, options);
            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 2), $"reported after {clock.Elapsed}");
            // The flood never leaves one line (each carriage return goes back over it): only the time can end it.
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            Assert.Contains("did not complete: no prompt within 2 s", ex.Message);
        }

        [Fact]
        public void An_output_past_the_device_budget_is_cut_with_OutputTooLarge_and_a_bounded_excerpt()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs["show crypto ipsec sa"] = Repeat("      #pkts encaps: 2156, #pkts encrypt: 2156, #pkts digest: 2156\n", 400_000 / 64);
            var options = DeviceSessionTests.Fast();
            options.OutputBudget = new OutputBudget(200_000);
            using var s = DeviceSessionTests.OpenOn(d, options);
            long before = options.OutputBudget.Used;
            var small = s.Execute(DeviceCommand.ShowAspTableVpnContextDetail());
            Assert.Equal(small.Output.Length, options.OutputBudget.Used - before);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.OutputTooLarge, ex.ErrorId);
            Assert.Contains("output budget", ex.Message);
            Assert.NotNull(ex.PartialOutput);
            Assert.True(ex.PartialOutput!.Length <= 64 * 1024, $"{ex.PartialOutput.Length} characters kept with the error");
            Assert.StartsWith("show crypto ipsec sa", ex.PartialOutput);
        }

        [Fact]
        public void An_output_within_the_budget_is_whole()
        {
            var d = ScriptedDevice.SeedAsa();
            var big = Repeat("      #pkts encaps: 2156, #pkts encrypt: 2156, #pkts digest: 2156\n", 400_000 / 64);
            d.Outputs["show crypto ipsec sa"] = big;
            var options = DeviceSessionTests.Fast();
            options.OutputBudget = new OutputBudget(500_000);
            using var s = DeviceSessionTests.OpenOn(d, options);
            Assert.Equal(big.TrimEnd('\n') + "\n", s.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output);
        }

        [Fact]
        public void An_over_long_line_is_cut_with_a_warning_and_the_rest_of_the_output_is_kept()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs["show crypto ipsec sa"] = "interface: outside\n" + new string('q', 40_000) + "\n    Crypto map tag: CMAP, seq num: 1, local addr: 192.0.2.1";
            d.Start();
            using var s = new DeviceSession(d, DeviceSessionTests.Fast());
            var c = DeviceCollector.Collect(s, CollectionRequest.Create());
            var sa = c.Outputs.Single(o => o.Command == "show crypto ipsec sa");
            Assert.Equal("interface: outside\n" + new string('q', TerminalText.DefaultMaxLineLength) + "\n    Crypto map tag: CMAP, seq num: 1, local addr: 192.0.2.1\n", sa.Output);
            Assert.Contains(c.Warnings, w => w.Command == "show crypto ipsec sa" && w.Message.Contains("longer than 16384 characters"));
        }

        [Fact]
        public void A_read_stuck_in_the_channel_is_ended_by_closing_it_from_outside()
        {
            var d = ScriptedDevice.SeedAsa();
            var stuck = new StuckChannel(d, "show crypto ipsec sa\n");
            var options = DeviceSessionTests.Fast();
            options.CommandTimeout = TimeSpan.FromSeconds(2);
            d.Start();
            using var s = new DeviceSession(stuck, options);
            s.Open();
            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 2), $"reported after {clock.Elapsed}");
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            // Said as when the read loop notices the time first (A_command_past_its_timeout_is_OutputIncomplete).
            Assert.Equal("fw-edge1: 'show crypto ipsec sa' did not complete: no prompt within 2 s. The output so far is incomplete and is not used.", ex.Message);
            Assert.True(stuck.ClosedFromOutside);
        }

        [Fact]
        public void A_stuck_read_ended_by_the_device_timeout_names_the_device_timeout_not_the_command_timeout()
        {
            // No outer deadline here: the command's own watchdog, armed for what is left of the device's time, closes the channel.
            var d = ScriptedDevice.SeedAsa();
            var stuck = new StuckChannel(d, "show crypto ipsec sa\n");
            var options = DeviceSessionTests.Fast();
            options.CommandTimeout = TimeSpan.FromSeconds(120);
            options.DeviceTimeout = TimeSpan.FromSeconds(2);
            d.Start();
            using var s = new DeviceSession(stuck, options);
            s.Open();
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecSa()));
            Assert.Equal(ErrorIds.OutputIncomplete, ex.ErrorId);
            Assert.Contains("the device timeout (2 s) passed", ex.Message);
            Assert.DoesNotContain("120 s", ex.Message);
            Assert.True(stuck.ClosedFromOutside);
        }

        [Fact]
        public void The_device_deadline_closes_a_stuck_channel_and_reports_the_device_within_two_seconds()
        {
            var d = ScriptedDevice.SeedAsa();
            var stuck = new StuckChannel(d, "show crypto ipsec sa\n");
            var sink = new FakeSink();
            var target = new DeviceTarget
            {
                Name = "fw-edge1",
                OpenChannel = () => { d.Start(); return stuck; },
                EnableSecret = new DeviceSecret(DeviceSessionTests.Secret),
                CommandTimeout = TimeSpan.FromSeconds(120),
                DeviceTimeout = TimeSpan.FromSeconds(3),
            };
            var clock = Stopwatch.StartNew();
            var collection = CollectionService.Collect(target, null, sink, CancellationToken.None);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3 + 2), $"reported after {clock.Elapsed}");
            Assert.True(collection is null || collection.Outputs.All(o => o.Command != "show crypto ipsec sa"));
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
            Assert.Contains("device timeout (3 s)", error.Exception.Message);
            Assert.True(stuck.ClosedFromOutside);
        }

        [Fact]
        public void A_device_that_answers_in_time_is_collected_whole_under_the_guard()
        {
            var d = ScriptedDevice.SeedAsa();
            var sink = new FakeSink();
            var target = new DeviceTarget
            {
                Name = "fw-edge1",
                OpenChannel = () => { d.Start(); return d; },
                EnableSecret = new DeviceSecret(DeviceSessionTests.Secret),
                DeviceTimeout = TimeSpan.FromSeconds(30),
            };
            var collection = CollectionService.Collect(target, null, sink, CancellationToken.None);
            Assert.NotNull(collection);
            Assert.Empty(sink.Errors);
            Assert.True(collection!.IsComplete);
            Assert.Contains(collection.Outputs, o => o.Command == "show crypto ipsec sa");
        }

        [Fact]
        public void An_audit_shares_one_output_budget_among_its_workers()
        {
            Assert.Equal(OutputBudget.DefaultDeviceCharacters, OutputBudget.ShareOf(1));
            Assert.Equal(OutputBudget.FleetCharacters / 32, OutputBudget.ShareOf(32));
            Assert.Equal(OutputBudget.MinimumCharacters, OutputBudget.ShareOf(1000));
            // 32 workers, each holding its whole share twice over while it reads (text and its copy), as UTF-16.
            Assert.True(32L * OutputBudget.ShareOf(32) * 2 * 2 < 1024L * 1024 * 1024 / 2);
        }

        /// <summary>
        /// A channel whose reads hang inside it once a given line was written, ignoring their timeout and the
        /// cancellation (a library stuck in a read): only <see cref="Close"/> from another thread ends them.
        /// </summary>
        private sealed class StuckChannel : IDeviceChannel
        {
            private readonly ScriptedDevice _inner;
            private readonly string _after;
            private readonly ManualResetEventSlim _closed = new(false);
            private volatile bool _stuck;

            public StuckChannel(ScriptedDevice inner, string after)
            {
                _inner = inner;
                _after = after;
            }

            public bool ClosedFromOutside { get; private set; }
            public bool IsConnected => !_closed.IsSet && _inner.IsConnected;

            public void Write(string text)
            {
                if (text == _after) _stuck = true;
                _inner.Write(text);
            }

            public string? Read(TimeSpan timeout, CancellationToken cancellationToken)
            {
                if (_stuck)
                {
                    _closed.Wait();
                    return null;
                }
                return _inner.Read(timeout, cancellationToken);
            }

            public void Close()
            {
                if (_stuck && !_closed.IsSet) ClosedFromOutside = true;
                _closed.Set();
                _inner.Close();
            }

            public void Dispose() => Close();
        }
    }
}
