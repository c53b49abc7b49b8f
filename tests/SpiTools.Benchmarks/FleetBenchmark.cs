using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.TestSupport;

namespace SpiTools.Benchmarks
{
    /// <summary>
    /// <c>… -- fleet [--devices 200] [--throttle 32] [--scale 200,1000] [--scale-throttle 64]</c>: a fleet under fault and
    /// at scale. First an audit of <c>--devices</c> simulated devices behind real sshd on loopback, 20 % of them
    /// misbehaving, one of each kind in <see cref="Kinds"/> in turn: every healthy device must complete and each
    /// misbehaving one be reported with its own ErrorId within its deadline plus 2 s; the peak working set is printed
    /// (the goal: ≤ 512 MiB). Then audits of the <c>--scale</c> sizes at <c>--scale-throttle</c>, every device healthy, each
    /// the simulator's device on a thread of this process behind an in-process pipe (<see cref="InProcessDevice"/>):
    /// one machine's sshd cannot start a simulator process for 64 logins at once on 2 cores. Needs root and sshd.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static class FleetBenchmark
    {
        /// <summary>
        /// One way a device misbehaves: the simulator faults that make it (null: a TCP listener that accepts and never
        /// speaks SSH), the ErrorId it must be reported with, and its deadline. A new kind is one more line here.
        /// </summary>
        private sealed record Kind(string Name, string[]? Faults, string ErrorId, TimeSpan Deadline);

        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
        /// <summary>A healthy device's deadline: generous, as 2 shared cores also run a simulator process per login.</summary>
        private static readonly TimeSpan DeviceTimeout = TimeSpan.FromSeconds(60);
        /// <summary>The deadline of the kinds only a deadline can end (they would run for ever).</summary>
        private static readonly TimeSpan ShortDeadline = TimeSpan.FromSeconds(20);

        private static readonly Kind[] Kinds =
        {
            new("cursor flood without end", new[] { "cursor-flood=65536", "endless" }, ErrorIds.OutputIncomplete, ShortDeadline),
            new("300 MB output", new[] { "flood=300" }, ErrorIds.OutputTooLarge, DeviceTimeout),
            new("output without end", new[] { "endless" }, ErrorIds.OutputTooLarge, DeviceTimeout),
            new("no SSH version string", null, ErrorIds.ConnectionTimeout, ShortDeadline),
            new("login slower than the deadline", new[] { "login-delay=120000" }, ErrorIds.OutputIncomplete, ShortDeadline),
        };

        private sealed class Sink : ICommandSink
        {
            public readonly Dictionary<string, DeviceAuditSummary> Summaries = new();
            public string? FirstUnexpected;
            public void Output(object item) { if (item is DeviceAuditSummary s) Summaries[s.Source!] = s; }
            public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target)
            {
                if (errorId == ErrorIds.DeviceAuditFailed) FirstUnexpected ??= exception.ToString();
            }
            public void Warning(string message) { }
            public void Verbose(string message) { }
            public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
            public bool ShouldProcess(string target, string action) => false;
            public bool IsStopping => false;
        }

        public static int Run(string[] args)
        {
            int devices = Option(args, "--devices", "200")[0];
            int throttle = Option(args, "--throttle", "32")[0];
            var scale = Option(args, "--scale", "200,1000");
            int scaleThrottle = Option(args, "--scale-throttle", "64")[0];
            bool ok = UnderFault(devices, throttle);
            ok &= Scale(scale, scaleThrottle);
            return ok ? 0 : 1;
        }

        private static bool UnderFault(int devices, int throttle)
        {
            if (devices <= 0) return true;
            var scenarios = new[] { "asa-stale-spi", "iosxe-dmvpn-multi-spi", "ftd-stale-spi", "ftd-inactive-sa-stuck" };
            var hosts = new List<SshdHost>();
            using var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            var held = new List<Socket>();
            var accepting = new Thread(() => { try { while (true) held.Add(silent.AcceptSocket()); } catch (Exception) { } }) { IsBackground = true };
            accepting.Start();
            int silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
            string knownHosts = Path.GetTempFileName();
            try
            {
                var healthy = scenarios.Select(s => SshdHost.Start(new SshdOptions { Scenario = s })).ToList();
                hosts.AddRange(healthy);
                var kindHosts = Kinds.Select(k => k.Faults == null ? null : SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = k.Faults })).ToList();
                hosts.AddRange(kindHosts.Where(h => h != null)!);
                File.WriteAllLines(knownHosts, hosts.SelectMany(h => h.KnownHostsLines));

                var targets = new List<DeviceTarget>();
                var meant = new Dictionary<string, Kind>();
                for (int i = 0; i < devices; i++)
                {
                    string name = $"dev{i:D4}";
                    SshdHost host; int port;
                    var deadline = DeviceTimeout;
                    if (i % 5 == 4)
                    {
                        int k = (i / 5) % Kinds.Length;
                        meant[name] = Kinds[k];
                        deadline = Kinds[k].Deadline;
                        host = kindHosts[k] ?? healthy[0];
                        port = kindHosts[k]?.Port ?? silentPort;
                    }
                    else { host = healthy[i % healthy.Count]; port = host.Port; }
                    targets.Add(new DeviceTarget
                    {
                        Name = name,
                        Connect = new DeviceConnectOptions { Host = "127.0.0.1", Port = port, UserName = host.UserName, Password = new DeviceSecret(host.Password),
                            KnownHostsPath = knownHosts, ConnectTimeout = TimeSpan.FromSeconds(60) },
                        EnableSecret = new DeviceSecret("sim-enable-secret"),
                        CommandTimeout = CommandTimeout,
                        DeviceTimeout = deadline,
                    });
                }
                var (sink, wall, peak) = Audit(targets, throttle, new Ssh.SshDeviceConnector());
                var healthyNames = targets.Select(t => t.Name).Where(n => !meant.ContainsKey(n)).ToList();
                var notCompleted = healthyNames.Where(n => !sink.Summaries.TryGetValue(n, out var s) || s.Status == AuditStatus.Failed).ToList();
                var wrong = meant.Where(m => !sink.Summaries.TryGetValue(m.Key, out var s) || s.ErrorId != m.Value.ErrorId
                    || s.DurationSeconds > (m.Value.Deadline + TimeSpan.FromSeconds(2)).TotalSeconds).ToList();
                Console.WriteLine($"fleet under fault over sshd: {devices} devices, throttle {throttle}: {wall.TotalSeconds:F1} s, peak working set {peak} MiB (goal ≤ 512)");
                Console.WriteLine($"  healthy completed: {healthyNames.Count - notCompleted.Count}/{healthyNames.Count}");
                foreach (var kind in Kinds)
                {
                    var mine = meant.Where(m => m.Value == kind).Select(m => sink.Summaries.TryGetValue(m.Key, out var s) ? s : null).ToList();
                    var worst = mine.Where(s => s != null).Select(s => s!.DurationSeconds).DefaultIfEmpty(0).Max();
                    var ids = string.Join(", ", mine.GroupBy(s => s?.ErrorId ?? "none").Select(g => $"{g.Key} {g.Count()}"));
                    Console.WriteLine($"  {kind.Name,-32} {mine.Count,3} devices: {ids}; slowest {worst:F1} s (deadline {kind.Deadline.TotalSeconds:0} s + 2)");
                }
                foreach (var n in notCompleted.Take(5))
                    Console.WriteLine($"  NOT COMPLETED {n}: {(sink.Summaries.TryGetValue(n, out var s) ? s.ErrorId + " " + s.ErrorMessage : "no summary")}");
                foreach (var w in wrong.Take(5))
                    Console.WriteLine($"  WRONG {w.Key} ({w.Value.Name}): {(sink.Summaries.TryGetValue(w.Key, out var s) ? $"{s.ErrorId} after {s.DurationSeconds:F1} s" : "no summary")}");
                if (sink.FirstUnexpected != null) Console.WriteLine("  first unexpected failure: " + sink.FirstUnexpected);
                return notCompleted.Count == 0 && wrong.Count == 0 && peak <= 512;
            }
            finally
            {
                foreach (var h in hosts) h.Dispose();
                silent.Stop();
                foreach (var s in held) s.Dispose();
                File.Delete(knownHosts);
            }
        }

        private static bool Scale(int[] sizes, int throttle)
        {
            bool ok = true;
            string folder = Path.Combine(AppContext.BaseDirectory, "Scenarios", "asa-stale-spi");
            foreach (int n in sizes.Where(s => s > 0))
            {
                var targets = Enumerable.Range(0, n).Select(i => new DeviceTarget
                {
                    Name = $"sim{i:D4}",
                    OpenChannel = () => new InProcessDevice(folder),
                    EnableSecret = new DeviceSecret("sim-enable-secret"),
                    CommandTimeout = CommandTimeout,
                    DeviceTimeout = DeviceTimeout,
                }).ToList();
                var (sink, wall, peak) = Audit(targets, throttle, null);
                int completed = sink.Summaries.Values.Count(s => s.Status != AuditStatus.Failed);
                Console.WriteLine($"scale, in-process devices: {n,5} devices, throttle {throttle}: {wall.TotalSeconds,6:F1} s ({wall.TotalMilliseconds / n:F1} ms a device), " +
                                  $"peak working set {peak} MiB, completed {completed}/{n}");
                foreach (var f in sink.Summaries.Values.Where(s => s.Status == AuditStatus.Failed).Take(5))
                    Console.WriteLine($"  FAILED {f.Source}: {f.ErrorId} after {f.DurationSeconds:F1} s: {f.ErrorMessage}");
                if (sink.FirstUnexpected != null) Console.WriteLine("  first unexpected failure: " + sink.FirstUnexpected);
                ok &= completed == n && peak <= 512;
            }
            return ok;
        }

        /// <summary>
        /// <c>… -- sshd [FAULT…]</c>: one simulated ASA (asa-stale-spi) behind sshd with the given simulator faults, for
        /// reproducing by hand with <c>spitools</c>; prints how to reach it and runs until its standard input closes.
        /// </summary>
        public static int Serve(string[] faults)
        {
            using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = faults });
            string knownHosts = Path.Combine(host.WorkDirectory, "client-known_hosts");
            File.WriteAllLines(knownHosts, host.KnownHostsLines);
            Console.WriteLine($"--host {host.Host} --port {host.Port} --user {host.UserName} --known-hosts {knownHosts}");
            Console.WriteLine($"password: {host.Password}  enable: sim-enable-secret");
            Console.Out.Flush();
            while (Console.In.ReadLine() != null) { }
            return 0;
        }

        /// <summary>Runs one audit and samples the working set while it runs (the process's own peak never goes down).</summary>
        private static (Sink Sink, TimeSpan Wall, long PeakMiB) Audit(List<DeviceTarget> targets, int throttle, IDeviceConnector? connector)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sink = new Sink();
            long peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = new Thread(() =>
            {
                using var self = Process.GetCurrentProcess();
                while (!sampling.IsCancellationRequested)
                {
                    self.Refresh();
                    peak = Math.Max(peak, self.WorkingSet64);
                    Thread.Sleep(20);
                }
            }) { IsBackground = true };
            sampler.Start();
            var clock = Stopwatch.StartNew();
            AuditService.Run(targets, connector, new AuditOptions { ThrottleLimit = throttle }, sink, CancellationToken.None);
            clock.Stop();
            sampling.Cancel();
            sampler.Join();
            return (sink, clock.Elapsed, peak / (1024 * 1024));
        }

        private static int[] Option(string[] args, string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return (i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback).Split(',').Select(int.Parse).ToArray();
        }
    }
}
