using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>Run alone: the memory bounds read the process's managed heap.</summary>
[CollectionDefinition(nameof(HostileDevices), DisableParallelization = true)]
public sealed class HostileDevices;

/// <summary>
/// Devices that misbehave, each behind a real sshd on loopback (or a silent TCP listener): every one is reported with
/// its ErrorId within its deadline plus 2 s, and the managed heap grows by a bounded amount while it is collected.
/// </summary>
[Collection(nameof(HostileDevices))]
public sealed class HostileDeviceTests
{
    private static readonly SshDeviceConnector Connector = new();

    /// <summary>What one collection did: its errors, how long it took, how far the live managed heap grew.</summary>
    private sealed record Outcome(DeviceCollection? Collection, List<(string Id, string Message)> Errors, TimeSpan Elapsed, long HeapGrowth);

    private static DeviceTarget Target(SshdHost host, string knownHosts, TimeSpan deviceTimeout, TimeSpan? commandTimeout = null) => new()
    {
        Name = "fw-edge1",
        Connect = Ssh.Options(host, knownHosts),
        EnableSecret = new DeviceSecret(Ssh.EnableSecret),
        DeviceTimeout = deviceTimeout,
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(120),
    };

    private static Outcome Collect(DeviceTarget target)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var done = new ManualResetEventSlim(false);
        var sampler = new Thread(() =>
        {
            // What the session holds, not the garbage a flood leaves between collections: the live heap after a full
            // collection, sampled while the device sends.
            while (!done.Wait(100))
                peak = Math.Max(peak, GC.GetTotalMemory(true));
        }) { IsBackground = true };
        sampler.Start();
        var sink = new Sink();
        var clock = Stopwatch.StartNew();
        var collection = CollectionService.Collect(target, Connector, sink, CancellationToken.None);
        var elapsed = clock.Elapsed;
        done.Set();
        sampler.Join();
        peak = Math.Max(peak, GC.GetTotalMemory(true));
        GC.KeepAlive(collection);
        return new Outcome(collection, sink.Errors, elapsed, peak - baseline);
    }

    private static SshdHost Start(params string[] faults) => SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = faults });

    private const long MiB = 1024 * 1024;

    /// <summary>
    /// The bound for a device that sends without pause: its output budget (16 Mi characters, 32 MiB as text) and the
    /// channel's buffers. The SSH library's receive queue is held at 1 MiB (<see cref="ShellReader.QueueLimit"/>); when it
    /// was not, the live heap grew by 64 to 427 MiB before the budget or the deadline closed the session.
    /// </summary>
    private const long FloodBound = 64 * MiB;

    /// <summary>
    /// The bound for a flood that keeps little of what it sends (cursor movement): only the channel's buffers and the
    /// held receive queue. Without the hold, what arrived faster than it was read: 48 to 96 MiB.
    /// </summary>
    private const long QueueBound = 16 * MiB;

    [Fact]
    public void A_cursor_flood_before_the_output_is_read_through_quickly_with_the_output_whole()
    {
        using var host = Start("cursor-flood=65536");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        Assert.Empty(o.Errors);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(30), $"took {o.Elapsed}");
        Assert.True(o.HeapGrowth < 64 * MiB, $"heap grew by {o.HeapGrowth / MiB} MiB");
        var sa = o.Collection!.Outputs.Single(x => x.Command == "show crypto ipsec sa");
        Assert.Equal(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(sa.Output));
    }

    [Fact]
    public void Lines_as_wide_as_a_flood_of_cursor_movement_stay_as_wide_as_the_terminal()
    {
        using var host = Start("cursor-text-flood=65536");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        Assert.Empty(o.Errors);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(30), $"took {o.Elapsed}");
        Assert.True(o.HeapGrowth < 64 * MiB, $"heap grew by {o.HeapGrowth / MiB} MiB");
        var sa = o.Collection!.Outputs.Single(x => x.Command == "show crypto ipsec sa");
        Assert.All(sa.Output.Split('\n'), line => Assert.True(line.Length <= 512, $"a line of {line.Length} characters"));
        Assert.EndsWith(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(sa.Output));
    }

    [Fact]
    public void A_cursor_flood_without_end_is_reported_at_the_command_timeout()
    {
        using var host = Start("cursor-flood=65536", "endless");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        var error = Assert.Single(o.Errors);
        Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(20), $"took {o.Elapsed}"); // login and setup, then 5 s
        Assert.True(o.HeapGrowth < QueueBound, $"heap grew by {o.HeapGrowth / MiB} MiB");
    }

    [Fact]
    public void A_cursor_flood_without_end_is_reported_at_the_device_deadline()
    {
        using var host = Start("cursor-flood=65536", "endless");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(10)));
        var error = Assert.Single(o.Errors);
        Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
        Assert.Contains("device timeout (10 s)", error.Message);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(10 + 2), $"took {o.Elapsed}");
    }

    [Fact]
    public void A_300_MB_output_is_cut_at_the_budget_with_OutputTooLarge()
    {
        using var host = Start("flood=300");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(120)));
        var error = Assert.Single(o.Errors);
        Assert.Equal(ErrorIds.OutputTooLarge, error.Id);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(60), $"took {o.Elapsed}");
        // 16 Mi characters (32 MiB as text), its copy and the channel's buffers: far from the 1.29 GB it took before.
        Assert.True(o.HeapGrowth < FloodBound, $"heap grew by {o.HeapGrowth / MiB} MiB");
    }

    [Fact]
    public void An_output_that_never_ends_is_cut_at_the_budget_within_the_deadline()
    {
        using var host = Start("endless");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(60)));
        var error = Assert.Single(o.Errors);
        Assert.Equal(ErrorIds.OutputTooLarge, error.Id);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(60 + 2), $"took {o.Elapsed}");
        Assert.True(o.HeapGrowth < FloodBound, $"heap grew by {o.HeapGrowth / MiB} MiB");
    }

    [Fact]
    public void A_server_that_never_sends_its_version_is_a_ConnectionTimeout_at_the_deadline()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<Socket>();
        var accept = Task.Run(async () =>
        {
            try { while (true) held.Add(await listener.AcceptSocketAsync()); }
            catch (Exception) { /* stopped */ }
        });
        try
        {
            var target = new DeviceTarget
            {
                Name = "silent",
                Connect = new DeviceConnectOptions
                {
                    Host = "127.0.0.1",
                    Port = ((IPEndPoint)listener.LocalEndpoint).Port,
                    UserName = "netops",
                    Password = new DeviceSecret("pw-Secret-9"),
                    HostKeyFingerprint = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
                    ConnectTimeout = TimeSpan.FromSeconds(60),
                },
                DeviceTimeout = TimeSpan.FromSeconds(5),
            };
            var o = Collect(target);
            var error = Assert.Single(o.Errors);
            Assert.Equal(ErrorIds.ConnectionTimeout, error.Id);
            Assert.True(o.Elapsed < TimeSpan.FromSeconds(5 + 2), $"took {o.Elapsed}");
            Assert.NotEmpty(held); // the connection was taken, and nothing came back
        }
        finally
        {
            listener.Stop();
            foreach (var s in held) s.Dispose();
        }
    }

    [Fact]
    public void A_login_slower_than_the_deadline_is_reported_at_the_deadline()
    {
        using var host = Start("login-delay=60000");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(6)));
        var error = Assert.Single(o.Errors);
        // The same report whichever noticed first: the deadline closing the channel or the session's own clock.
        Assert.Equal(ErrorIds.OutputIncomplete, error.Id);
        Assert.EndsWith(": the device did not finish within the device timeout (6 s)", error.Message);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(6 + 2), $"took {o.Elapsed}");
    }

    [Fact]
    public void A_slow_login_within_the_prompt_timeout_is_still_collected()
    {
        using var host = Start("login-delay=4000");
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var o = Collect(Target(host, known.Path, TimeSpan.FromSeconds(60)));
        Assert.Empty(o.Errors);
        Assert.Contains(o.Collection!.Outputs, x => x.Command == "show crypto ipsec sa");
    }

    private sealed class Sink : ICommandSink
    {
        public List<(string Id, string Message)> Errors { get; } = new();
        public void Output(object item) { }
        public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) => Errors.Add((errorId, exception.Message));
        public void Warning(string message) { }
        public void Verbose(string message) { }
        public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
        public bool ShouldProcess(string target, string action) => false;
        public bool IsStopping => false;
    }
}
