using System.Diagnostics;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// A device whose time runs out is reported the same way whichever timer notices it first — the deadline's guard closing
    /// the channel, the session's own clock, the command's watchdog, or a channel that wakes on the cancelled deadline as the
    /// SSH channel does — and Ctrl+C stops the device whichever noticed it first. Each kind of channel below makes one of
    /// those paths the one that notices.
    /// </summary>
    public class DeviceTimeoutReportTests
    {
        public enum ChannelKind
        {
            /// <summary>Reads honour their timeout and ignore the token: the session's clock notices (or the guard's close).</summary>
            Plain,
            /// <summary>Reads end with OperationCanceledException the moment the token they were given is cancelled, as the SSH channel's do.</summary>
            WakesOnToken,
            /// <summary>Reads hang once the device hangs, whatever their timeout and token: only the guard's close ends them.</summary>
            Stuck,
        }

        private static IDeviceChannel ChannelOf(ScriptedDevice d, ChannelKind kind, Action<string>? written) => kind switch
        {
            ChannelKind.WakesOnToken => new TokenChannel(d, written),
            ChannelKind.Stuck => new StuckChannel(d, written),
            _ => new Channel(d, written),
        };

        private static DeviceTarget Target(ScriptedDevice d, ChannelKind kind, Action<string>? written = null) => new DeviceTarget
        {
            Name = "fw-edge1",
            OpenChannel = () => { d.Start(); return ChannelOf(d, kind, written); },
            EnableSecret = new DeviceSecret(DeviceSessionTests.Secret),
            CommandTimeout = TimeSpan.FromSeconds(120),
            PromptTimeout = TimeSpan.FromSeconds(120),
            DeviceTimeout = TimeSpan.FromSeconds(2),
        };

        [Theory]
        [InlineData(ChannelKind.Plain)]
        [InlineData(ChannelKind.WakesOnToken)]
        [InlineData(ChannelKind.Stuck)]
        public void A_device_that_hangs_in_a_command_is_reported_by_its_device_timeout_with_the_command_and_what_came_before(ChannelKind kind)
        {
            var d = ScriptedDevice.SeedAsa();
            d.HangAfter.Add("show asp table vpn-context detail");
            var sink = new FakeSink();
            var clock = Stopwatch.StartNew();
            var collection = CollectionService.Collect(Target(d, kind), null, sink, CancellationToken.None);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 2), $"reported after {clock.Elapsed}");
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
            Assert.Equal("fw-edge1: the device did not finish within the device timeout (2 s); 'show asp table vpn-context detail' was cut short and its output is not used",
                error.Exception.Message);
            Assert.NotNull(collection);
            Assert.Equal("show asp table vpn-context detail", collection!.Failure!.Command);
            // What came whole before the hang is kept.
            Assert.Contains(collection.Outputs, o => o.Command == "show crypto ipsec sa");
            Assert.DoesNotContain(collection.Outputs, o => o.Command == "show asp table vpn-context detail");
        }

        [Theory]
        [InlineData(ChannelKind.Plain)]
        [InlineData(ChannelKind.WakesOnToken)]
        [InlineData(ChannelKind.Stuck)]
        public void A_clear_whose_evidence_hangs_reports_the_device_timeout_the_same_way_and_sends_nothing(ChannelKind kind)
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            d.HangAfter.Add("show asp table vpn-context detail");
            var sink = new FakeSink { Decide = (_, _) => true };
            var result = RemediationService.ClearInactive(Target(d, kind), null, new SaClearOptions { SettleDelay = TimeSpan.FromMilliseconds(20) }, sink, CancellationToken.None);
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
            Assert.Equal("fw-edge1: the device did not finish within the device timeout (2 s); 'show asp table vpn-context detail' was cut short and its output is not used",
                error.Exception.Message);
            Assert.Equal("NotAttempted", result!.Status);
            Assert.Null(result.CommandSent);
            Assert.DoesNotContain("clear crypto ipsec sa inactive", d.Commands);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_connection_that_outlasts_the_device_timeout_is_reported_by_it_whichever_timer_noticed_first(bool connectorsOwnTimerFirst)
        {
            // The connection's own timeout as long as the device's: either the deadline cancels the connection, or the
            // connector's timer (here: one that does not look at the token) gives up first with its own ConnectionTimeout.
            var target = new DeviceTarget
            {
                Name = "fw-edge1",
                Connect = new DeviceConnectOptions { Host = "fw-edge1", UserName = "netops", Password = new DeviceSecret("pw-Secret-9"), ConnectTimeout = TimeSpan.FromSeconds(2) },
                DeviceTimeout = TimeSpan.FromSeconds(2),
            };
            var sink = new FakeSink();
            Assert.Null(CollectionService.Collect(target, new SlowConnector(connectorsOwnTimerFirst), sink, CancellationToken.None));
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.ConnectionTimeout, error.Id);
            Assert.Equal("fw-edge1: no session within the device timeout (2 s)", error.Exception.Message);
        }

        /// <summary>Never connects: gives up at the connection timeout by its own timer, or when the token is cancelled.</summary>
        private sealed class SlowConnector : IDeviceConnector
        {
            private readonly bool _ownTimer;
            public SlowConnector(bool ownTimer) => _ownTimer = ownTimer;

            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                if (!_ownTimer)
                {
                    cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                    cancellationToken.ThrowIfCancellationRequested();
                }
                Thread.Sleep(options.ConnectTimeout + TimeSpan.FromMilliseconds(100));
                throw DeviceException.ConnectionTimeout(options.Host, options.ConnectTimeout);
            }
        }

        [Theory]
        [InlineData(ChannelKind.Plain)]
        [InlineData(ChannelKind.WakesOnToken)]
        public void A_device_that_never_shows_a_prompt_is_reported_by_its_device_timeout(ChannelKind kind)
        {
            var d = ScriptedDevice.SeedAsa();
            d.NoPrompt = true;
            var sink = new FakeSink();
            var collection = CollectionService.Collect(Target(d, kind), null, sink, CancellationToken.None);
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
            Assert.Equal("fw-edge1: the device did not finish within the device timeout (2 s)", error.Exception.Message);
            Assert.True(collection is null || collection.Outputs.Count == 0);
            // A device that answers is collected whole the same way.
            var ok = new FakeSink();
            var whole = CollectionService.Collect(Target(ScriptedDevice.SeedAsa(), kind), null, ok, CancellationToken.None);
            Assert.Empty(ok.Errors);
            Assert.True(whole!.IsComplete);
        }

        [Theory]
        [InlineData(ChannelKind.Plain)]
        [InlineData(ChannelKind.WakesOnToken)]
        [InlineData(ChannelKind.Stuck)]
        public void Ctrl_C_during_a_hung_command_stops_the_device_without_reporting_it_as_hung_up(ChannelKind kind)
        {
            var d = ScriptedDevice.SeedAsa();
            d.HangAfter.Add("show asp table vpn-context detail");
            var sink = new FakeSink();
            using var ctrlC = new CancellationTokenSource();
            // Pressed a moment after the command the device hangs in was sent.
            var target = Target(d, kind, text => { if (text == "show asp table vpn-context detail\n") ctrlC.CancelAfter(300); });
            target.DeviceTimeout = TimeSpan.FromSeconds(60);
            var clock = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => CollectionService.Collect(target, null, sink, ctrlC.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {clock.Elapsed}");
            Assert.Empty(sink.Errors);
        }

        /// <summary>The scripted device, telling the test each text written to it.</summary>
        private class Channel : IDeviceChannel
        {
            protected readonly ScriptedDevice Inner;
            private readonly Action<string>? _written;

            public Channel(ScriptedDevice inner, Action<string>? written)
            {
                Inner = inner;
                _written = written;
            }

            public virtual bool IsConnected => Inner.IsConnected;

            public void Write(string text)
            {
                Inner.Write(text);
                _written?.Invoke(text);
            }

            public virtual string? Read(TimeSpan timeout, CancellationToken cancellationToken) => Inner.Read(timeout, cancellationToken);
            public virtual void Close() => Inner.Close();
            public void Dispose() => Close();
        }

        /// <summary>Reads end with OperationCanceledException as soon as their token is cancelled (as <c>ShellReader</c>'s do).</summary>
        private sealed class TokenChannel : Channel
        {
            public TokenChannel(ScriptedDevice inner, Action<string>? written) : base(inner, written) { }

            public override string? Read(TimeSpan timeout, CancellationToken cancellationToken)
            {
                var clock = Stopwatch.StartNew();
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var left = timeout - clock.Elapsed;
                    var chunk = Inner.Read(left < TimeSpan.FromMilliseconds(10) ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : TimeSpan.FromMilliseconds(10), cancellationToken);
                    if (chunk is null || chunk.Length > 0 || clock.Elapsed >= timeout) return chunk;
                }
            }
        }

        /// <summary>Reads hang once the device hangs (a library stuck in a read), ignoring timeout and token: only Close ends them.</summary>
        private sealed class StuckChannel : Channel
        {
            private readonly ManualResetEventSlim _closed = new(false);
            public StuckChannel(ScriptedDevice inner, Action<string>? written) : base(inner, written) { }
            public override bool IsConnected => !_closed.IsSet && Inner.IsConnected;

            public override string? Read(TimeSpan timeout, CancellationToken cancellationToken)
            {
                if (Inner.HangAfter.Overlaps(Inner.Commands))
                {
                    _closed.Wait();
                    return null;
                }
                return Inner.Read(timeout, cancellationToken);
            }

            public override void Close()
            {
                _closed.Set();
                Inner.Close();
            }
        }
    }
}
