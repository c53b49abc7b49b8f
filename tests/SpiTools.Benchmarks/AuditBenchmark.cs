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
    /// <c>… -- audit [--devices 50,100,200] [--throttles 8,16,32]</c>: audits of a simulated fleet behind real sshd on
    /// loopback, one login per device, 20 % of them faulty (wrong password, a port that never speaks SSH, a disconnect
    /// mid-output, garbage in the output, a pager that cannot be turned off). Prints wall time, peak working set and
    /// the most file descriptors open at once, and checks every healthy device completed and every faulty one was
    /// reported with its own ErrorId. Needs root and /usr/sbin/sshd (as the tests do).
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static class AuditBenchmark
    {
        private sealed class CountingSink : ICommandSink
        {
            public readonly Dictionary<string, string> Failed = new();
            public readonly HashSet<string> Completed = new();
            public int Summaries;
            public void Output(object item)
            {
                if (item is not DeviceAuditSummary s) return;
                Summaries++;
                if (s.Status == AuditStatus.Failed) Failed[s.Source!] = s.ErrorId ?? "?";
                else Completed.Add(s.Source!);
            }
            public string? FirstUnexpected;
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
            var sizes = Option(args, "--devices", "50,100,200");
            var throttles = Option(args, "--throttles", "8,16,32");
            var scenarios = new[] { "asa-stale-spi", "iosxe-dmvpn-multi-spi", "ftd-stale-spi", "ftd-inactive-sa-stuck" };
            // Faults a device can have; a disconnect must fail the device, garbage and a pager that stays on must be read through.
            var faults = new (string Kind, string[] Faults)[] { ("disconnect", new[] { "disconnect=20" }), ("garbage", new[] { "garbage" }), ("sticky-pager", new[] { "sticky-pager" }) };
            var hosts = new List<SshdHost>();
            using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts TCP, never speaks SSH
            silent.Start();
            int silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
            try
            {
                var healthy = scenarios.Select(s => SshdHost.Start(new SshdOptions { Scenario = s })).ToList();
                var faulty = faults.Select(f => (f.Kind, Host: SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = f.Faults }))).ToList();
                hosts.AddRange(healthy);
                hosts.AddRange(faulty.Select(f => f.Host));
                var knownHosts = Path.GetTempFileName();
                File.WriteAllLines(knownHosts, hosts.SelectMany(h => h.KnownHostsLines));
                Console.WriteLine($"{"devices",8} {"throttle",9} {"wall s",8} {"peak MiB",9} {"max fds",8} {"completed",11} {"failed as meant",16}");
                foreach (int n in sizes)
                    foreach (int t in throttles)
                    {
                        var targets = new List<DeviceTarget>();
                        var expected = new Dictionary<string, string>();
                        for (int i = 0; i < n; i++)
                        {
                            string name = $"dev{i:D4}";
                            SshdHost host; string password; int port; string? fault = null;
                            if (i % 5 == 4) // 20 % faulty
                            {
                                int k = (i / 5) % 5;
                                if (k == 0) { host = healthy[0]; port = host.Port; password = "wrong-password"; fault = "fail"; }
                                else if (k == 1) { host = healthy[0]; port = silentPort; password = host.Password; fault = "fail"; }
                                else { var f = faulty[k - 2]; host = f.Host; port = host.Port; password = host.Password; fault = f.Kind == "disconnect" ? "fail" : "complete"; }
                            }
                            else { host = healthy[i % healthy.Count]; port = host.Port; password = host.Password; }
                            if (fault != null) expected[name] = fault;
                            targets.Add(new DeviceTarget
                            {
                                Name = name,
                                Connect = new DeviceConnectOptions { Host = "127.0.0.1", Port = port, UserName = host.UserName, Password = new DeviceSecret(password),
                                    KnownHostsPath = knownHosts, ConnectTimeout = TimeSpan.FromSeconds(5) },
                                EnableSecret = new DeviceSecret("sim-enable-secret"),
                                CommandTimeout = TimeSpan.FromSeconds(5),
                                DeviceTimeout = TimeSpan.FromSeconds(20),
                            });
                        }
                        var sink = new CountingSink();
                        int maxFds = 0;
                        using var sampling = new CancellationTokenSource();
                        var sampler = new Thread(() => { while (!sampling.IsCancellationRequested) { maxFds = Math.Max(maxFds, Directory.GetFiles("/proc/self/fd").Length); Thread.Sleep(50); } }) { IsBackground = true };
                        sampler.Start();
                        GC.Collect();
                        var clock = Stopwatch.StartNew();
                        AuditService.Run(targets, new Ssh.SshDeviceConnector(), new AuditOptions { ThrottleLimit = t }, sink, CancellationToken.None);
                        clock.Stop();
                        sampling.Cancel();
                        sampler.Join();
                        long peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
                        var meantToFail = expected.Where(e => e.Value == "fail").Select(e => e.Key).ToHashSet();
                        var meantToComplete = targets.Select(x => x.Name).Where(x => !meantToFail.Contains(x)).ToHashSet();
                        bool allCompleted = meantToComplete.All(sink.Completed.Contains);
                        bool failedAsMeant = meantToFail.SetEquals(sink.Failed.Keys);
                        Console.WriteLine($"{n,8} {t,9} {clock.Elapsed.TotalSeconds,8:F1} {peak,9} {maxFds,8} {sink.Completed.Count,5}/{meantToComplete.Count,-5} {sink.Failed.Count,7}/{meantToFail.Count,-5}{(failedAsMeant ? "" : " MISMATCH")}" +
                            (allCompleted ? "" : $"  not completed: {string.Join(", ", meantToComplete.Where(x => !sink.Completed.Contains(x)).Take(5).Select(x => x + (sink.Failed.TryGetValue(x, out var id) ? "=" + id : "")))}") +
                            $"  errors: {string.Join(", ", sink.Failed.Values.GroupBy(v => v).Select(g => $"{g.Key} {g.Count()}"))}");
                        if (sink.FirstUnexpected != null) Console.WriteLine("  first unexpected failure: " + sink.FirstUnexpected);
                    }
                File.Delete(knownHosts);
                return 0;
            }
            finally
            {
                foreach (var h in hosts) h.Dispose();
                silent.Stop();
            }
        }

        private static int[] Option(string[] args, string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return (i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback).Split(',').Select(int.Parse).ToArray();
        }
    }
}
