using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;

namespace SpiTools.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/SpiTools.Benchmarks -- bench</c>: BenchmarkDotNet run.
    /// <c>… -- quick [ROUNDS] [asa|ios|vpn-context|all]</c>: a short throughput and allocation measurement (best of ROUNDS, default 10: MB/s, bytes allocated per MB).
    /// <c>… -- generate KIND COUNT PATH [SEED]</c>: writes a synthetic capture (asa, ios, vpn-context).
    /// <c>… -- process [--runs N] [--sizes N,N] [--template FILE]</c>: whole-process runs of the native and JIT spitools and of TextFSM (see <see cref="ProcessBenchmark"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string verb = args.Length > 0 ? args[0] : "quick";
            switch (verb)
            {
                case "bench":
                    BenchmarkRunner.Run<ParserBenchmarks>(args: args[1..]);
                    return 0;
                case "generate":
                    if (args.Length < 4)
                    {
                        Console.Error.WriteLine("usage: generate asa|ios|vpn-context COUNT PATH [SEED]");
                        return 2;
                    }
                    CaptureGenerator.WriteFile(args[3], args[1], int.Parse(args[2]), args.Length > 4 ? int.Parse(args[4]) : 42);
                    Console.WriteLine($"{args[3]}: {new FileInfo(args[3]).Length / 1e6:F1} MB");
                    return 0;
                case "quick":
                    Quick(args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? args[2] : "all");
                    return 0;
                case "loop":
                    {
                        // A steady parse loop for profilers (perf record): loop SECONDS [asa|ios|vpn-context]
                        var b = new ParserBenchmarks();
                        b.Setup();
                        Func<long> parse = (args.Length > 2 ? args[2] : "asa") switch
                        {
                            "ios" => b.IosIpsecSa,
                            "vpn-context" => b.VpnContexts,
                            _ => b.AsaIpsecSa,
                        };
                        var until = DateTime.UtcNow.AddSeconds(args.Length > 1 ? int.Parse(args[1]) : 10);
                        long n = 0;
                        while (DateTime.UtcNow < until) n += parse();
                        Console.WriteLine(n);
                        return 0;
                    }
                case "stages":
                    Stages();
                    return 0;
                case "mutate":
                    return Mutate(args[1..]);
                case "process":
                    return ProcessBenchmark.Run(args[1..]);
                case "audit":
                    if (!OperatingSystem.IsLinux()) { Console.Error.WriteLine("audit: the simulated fleet runs behind Linux sshd"); return 2; }
                    return AuditBenchmark.Run(args[1..]);
                case "fleet":
                    if (!OperatingSystem.IsLinux()) { Console.Error.WriteLine("fleet: the simulated fleet runs behind Linux sshd"); return 2; }
                    return FleetBenchmark.Run(args[1..]);
                case "sshd":
                    if (!OperatingSystem.IsLinux()) { Console.Error.WriteLine("sshd: Linux only"); return 2; }
                    return FleetBenchmark.Serve(args[1..]);
                default:
                    Console.Error.WriteLine("usage: bench | quick [ROUNDS] [asa|ios|vpn-context|all] | generate KIND COUNT PATH [SEED] | stages | loop SECONDS [asa|ios|vpn-context] | mutate [--count N] [--seed S] | process [--runs N] [--sizes N,N] [--template FILE] | audit [--devices N,N] [--throttles N,N] | fleet [--devices N] [--throttle N] [--scale N,N] [--scale-throttle N] | sshd [FAULT...]");
                    return 2;
            }
        }

        /// <summary>
        /// A long mutation run for local use: <c>mutate [--count N] [--seed S] [--captures DIR]</c> (default 1,000,000
        /// mutants of tests/SpiTools.Core.Tests/Fixtures/captures). Prints failures with their seed and index.
        /// </summary>
        private static int Mutate(string[] args)
        {
            long count = 1_000_000;
            int seed = Environment.TickCount & 0x7fffffff;
            string captures = Path.Combine("tests", "SpiTools.Core.Tests", "Fixtures", "captures");
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--count": count = long.Parse(args[i + 1]); break;
                    case "--seed": seed = int.Parse(args[i + 1]); break;
                    case "--captures": captures = args[i + 1]; break;
                }
            }
            var seeds = SpiTools.Robustness.MutationRun.LoadSeeds(captures);
            if (seeds.Count == 0)
            {
                Console.Error.WriteLine($"no captures under {captures}");
                return 2;
            }
            var sw = Stopwatch.StartNew();
            var result = SpiTools.Robustness.MutationRun.Run(seeds, seed, count, maxFailures: 100);
            Console.WriteLine($"seed {seed}: {result.Mutants} mutants of {seeds.Count} captures, {result.Bytes / 1e6:F1} MB, {result.Records} records, " +
                              $"{result.Diagnostics} diagnostics, {sw.Elapsed.TotalSeconds:F1} s, {result.Failures.Count} failures");
            foreach (var f in result.Failures) Console.WriteLine(f);
            return result.Failures.Count == 0 ? 0 : 1;
        }

        /// <summary>Where the time goes: reading lines, repairing them, recognising echoes, full parse.</summary>
        private static void Stages()
        {
            var b = new ParserBenchmarks();
            b.Setup();
            var data = b.AsaData;
            Measure("lines only", data.Length, () =>
            {
                long n = 0;
                using var src = new SpiTools.Parsing.StreamLineSource(new MemoryStream(data), 65536, true);
                while (src.TryReadLine(out var l)) n += l.Length > 0 ? 1 : 0;
                return n;
            });
            Measure("lines + repair + trim + echo", data.Length, () =>
            {
                long n = 0;
                var rep = new SpiTools.Parsing.LineRepairer();
                using var src = new SpiTools.Parsing.StreamLineSource(new MemoryStream(data), 65536, true);
                while (src.TryReadLine(out var l))
                {
                    var t = rep.Repair(l, out _).Trim();
                    if (SpiTools.Parsing.EchoLine.TryParse(t, out _)) n++;
                }
                return n;
            });
            Measure("full parse", data.Length, b.AsaIpsecSa);
        }

        private static void Quick(int rounds, string which)
        {
            var b = new ParserBenchmarks();
            b.Setup();
            bool all = which == "all";
            if (all || which == "asa") Measure("ASA show crypto ipsec sa (10,000 entries)", b.AsaBytes, b.AsaIpsecSa, rounds);
            if (all || which == "ios") Measure("IOS-XE show crypto ipsec sa (10,000 entries)", b.IosBytes, b.IosIpsecSa, rounds);
            if (all || which == "vpn-context") Measure("ASA vpn-context detail (20,000 contexts)", b.ContextBytes, b.VpnContexts, rounds);
        }

        private static void Measure(string name, long bytes, Func<long> run, int rounds = 10)
        {
            // Warm up past tiered compilation (tier-0, instrumented, OSR) so the rounds measure optimised code.
            for (int i = 0; i < 8; i++) run();
            long allocated = 0;
            var best = TimeSpan.MaxValue;
            var bestCpu = TimeSpan.MaxValue;
            long records = 0;
            for (int i = 0; i < rounds; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var cpu = ThreadCpu.Now();
                var sw = Stopwatch.StartNew();
                records = run();
                sw.Stop();
                var cpuUsed = ThreadCpu.Now() - cpu;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (sw.Elapsed < best) best = sw.Elapsed;
                if (cpuUsed < bestCpu) bestCpu = cpuUsed;
            }
            double mb = bytes / 1e6;
            Console.WriteLine($"{name}: {mb:F1} MB, {records} records, best of {rounds}: {best.TotalMilliseconds:F0} ms = {mb / best.TotalSeconds:F0} MB/s, {allocated / mb / 1e6:F2} MB allocated per MB" +
                              (ThreadCpu.Available ? $"; thread CPU time, best: {bestCpu.TotalMilliseconds:F1} ms = {mb / bestCpu.TotalSeconds:F0} MB/s" : ""));
        }
    }

    /// <summary>
    /// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a shared machine, where wall time also
    /// counts the time other processes hold the cores, it still measures the work done. Workstation gen0 collections
    /// run on the allocating thread, so they are counted.
    /// </summary>
    internal static class ThreadCpu
    {
        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        private const int ClockThreadCpuTime = 3;

        public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

        private static bool Probe()
        {
            try { return ClockGetTime(ClockThreadCpuTime, out _) == 0; }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
        }

        public static TimeSpan Now()
        {
            if (!Available || ClockGetTime(ClockThreadCpuTime, out var t) != 0) return TimeSpan.Zero;
            return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
        }
    }
}
