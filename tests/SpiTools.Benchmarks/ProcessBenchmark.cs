using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SpiTools.Benchmarks
{
    /// <summary>
    /// <c>process</c>: whole-process runs, as a cron job or a shell user sees them. On synthetic ASA
    /// <c>show crypto ipsec sa</c> captures (10,000 and 100,000 entries by default) it runs, alternating, round after
    /// round: the native <c>spitools parse --format json|csv|table</c>, the JIT build (<c>dotnet spitools.dll</c>) with
    /// the same arguments, and TextFSM with ntc-templates' <c>cisco_asa_show_crypto_ipsec_sa</c> template (printing
    /// JSON). Each run's output goes to /dev/null; <c>/usr/bin/time</c> gives its CPU time and peak resident memory.
    /// Prints the median of the rounds per contender and size.
    /// </summary>
    /// <remarks>
    /// Options: <c>--runs N</c> (5), <c>--sizes 10000,100000</c>, <c>--work DIR</c> (captures and builds; default
    /// <c>$TMPDIR/spitools-process</c>), <c>--native PATH</c> and <c>--jit PATH/spitools.dll</c> (default: published
    /// into DIR from this repository), <c>--template FILE</c> (default: <c>$NTC_TEMPLATES_DIR</c>, or
    /// the installed <c>ntc_templates</c> Python package), <c>--python FILE</c>, <c>--no-textfsm</c>.
    /// </remarks>
    internal static class ProcessBenchmark
    {
        private const string TemplateName = "cisco_asa_show_crypto_ipsec_sa.textfsm";
        private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

        private sealed record Contender(string Name, string File, string[] Args, bool IsTextFsm);

        private sealed record Sample(double WallSeconds, double CpuSeconds, long PeakKiB, int Exit);

        public static int Run(string[] args)
        {
            int runs = 5;
            var sizes = new List<int> { 10_000, 100_000 };
            string work = Path.Combine(Path.GetTempPath(), "spitools-process");
            string? native = null, jit = null, template = null, python = null;
            bool textFsm = true;
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--sizes": sizes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                    case "--work": work = Next(); break;
                    case "--native": native = Next(); break;
                    case "--jit": jit = Next(); break;
                    case "--template": template = Next(); break;
                    case "--python": python = Next(); break;
                    case "--no-textfsm": textFsm = false; break;
                    default:
                        Console.Error.WriteLine($"unknown option {args[i]}");
                        return 2;
                }
            }
            if (runs < 1 || runs > 50) throw new ArgumentException("--runs must be 1 to 50");
            if (!File.Exists("/usr/bin/time"))
            {
                Console.Error.WriteLine("/usr/bin/time is needed for CPU time and peak memory (Debian package 'time')");
                return 2;
            }
            Directory.CreateDirectory(work);
            string repo = FindRepoRoot();

            native ??= Publish(repo, Path.Combine(work, "native"), aot: true);
            jit ??= Publish(repo, Path.Combine(work, "jit"), aot: false);

            var contenders = new List<Contender>();
            foreach (var format in new[] { "json", "csv", "table" })
                contenders.Add(new Contender($"native {format}", native, new[] { "parse", "--format", format }, false));
            foreach (var format in new[] { "json", "csv", "table" })
                contenders.Add(new Contender($"JIT {format}", "dotnet", new[] { jit, "parse", "--format", format }, false));
            if (textFsm)
            {
                python ??= FindPython();
                template ??= FindTemplate(repo, python);
                if (python == null) Console.WriteLine("TextFSM: not measured: no Python 3 with the textfsm module (Debian: python3-textfsm)");
                else if (template == null) Console.WriteLine($"TextFSM: not measured: {TemplateName} not found (give --template, set NTC_TEMPLATES_DIR, or install ntc-templates)");
                else
                {
                    var script = Path.Combine(repo, "tests", "SpiTools.Benchmarks", "textfsm_parse.py");
                    contenders.Add(new Contender("TextFSM + ntc-templates (JSON)", python, new[] { script, template }, true));
                    Console.WriteLine($"TextFSM: {python}, template {template}");
                }
            }

            Console.WriteLine($"native: {native}");
            Console.WriteLine($"JIT:    dotnet {jit}");
            Console.WriteLine($"{runs} rounds per size, contenders alternating within each round; {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
            var table = new List<string>
            {
                "| Capture | Contender | Wall, median (min-max) | CPU (user+sys), median | Peak RSS, max | TextFSM / this (wall) | TextFSM / this (CPU) |",
                "|---|---|---|---|---|---|---|",
            };
            foreach (var size in sizes)
            {
                var capture = Path.Combine(work, $"asa-{size}.txt");
                if (!File.Exists(capture)) CaptureGenerator.WriteFile(capture, "asa", size, 42);
                double mb = new FileInfo(capture).Length / 1e6;
                var samples = contenders.ToDictionary(c => c, _ => new List<Sample>());
                for (int round = 1; round <= runs; round++)
                {
                    foreach (var c in contenders)
                    {
                        var s = Measure(c, capture, work);
                        samples[c].Add(s);
                        Console.WriteLine($"  {size,7} entries, round {round}: {c.Name,-32} {s.WallSeconds,8:F3} s wall {s.CpuSeconds,8:F2} s CPU {s.PeakKiB / 1024.0,7:F1} MiB exit {s.Exit}");
                    }
                }
                var reference = contenders.FirstOrDefault(c => c.IsTextFsm);
                double refWall = reference != null ? Median(samples[reference].Select(s => s.WallSeconds)) : double.NaN;
                double refCpu = reference != null ? Median(samples[reference].Select(s => s.CpuSeconds)) : double.NaN;
                foreach (var c in contenders)
                {
                    var list = samples[c];
                    double wall = Median(list.Select(s => s.WallSeconds));
                    double cpu = Median(list.Select(s => s.CpuSeconds));
                    string ratio(double r, double v) => double.IsNaN(r) || c.IsTextFsm ? "" : v < 0.01 ? "(under 10 ms)" : $"{r / v:F0}x";
                    table.Add($"| {size:N0} entries, {mb:F1} MB | {c.Name} | {wall:F3} s ({list.Min(s => s.WallSeconds):F3}-{list.Max(s => s.WallSeconds):F3}) | {cpu:F2} s | {list.Max(s => s.PeakKiB) / 1024.0:F1} MiB | {ratio(refWall, wall)} | {ratio(refCpu, cpu)} |");
                    if (list.Any(s => s.Exit != 0)) table.Add($"|  | (exit codes: {string.Join(",", list.Select(s => s.Exit))}) | | | | | |");
                }
            }
            Console.WriteLine();
            foreach (var line in table) Console.WriteLine(line);
            Console.WriteLine();
            Console.WriteLine($"load average at the end: {LoadAverage()}");
            return 0;
        }

        private static Sample Measure(Contender c, string capture, string work)
        {
            var timeFile = Path.Combine(work, "time.txt");
            var errFile = Path.Combine(work, "stderr.txt");
            File.Delete(timeFile);
            // sh sends standard output to /dev/null (no pipe back to this process to slow the writer down).
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            foreach (var a in new[] { "-c", "exec \"$@\" >/dev/null 2>\"$ERRFILE\"", "sh", "/usr/bin/time", "-f", "%e %U %S %M %x", "-o", timeFile, c.File })
                psi.ArgumentList.Add(a);
            foreach (var a in c.Args) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(capture);
            psi.Environment["ERRFILE"] = errFile;
            var sw = Stopwatch.StartNew();
            using (var p = Process.Start(psi)!)
            {
                if (!p.WaitForExit(RunTimeout))
                {
                    p.Kill(true);
                    throw new TimeoutException($"{c.Name} did not finish within {RunTimeout}");
                }
            }
            sw.Stop();
            // /usr/bin/time may print "Command exited with non-zero status N" before the figures.
            var fields = File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double user = double.Parse(fields[1], CultureInfo.InvariantCulture), sys = double.Parse(fields[2], CultureInfo.InvariantCulture);
            return new Sample(sw.Elapsed.TotalSeconds, user + sys, long.Parse(fields[3], CultureInfo.InvariantCulture), int.Parse(fields[4], CultureInfo.InvariantCulture));
        }

        private static double Median(IEnumerable<double> values)
        {
            var v = values.OrderBy(x => x).ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }

        private static string LoadAverage()
        {
            try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "unknown"; }
        }

        private static string FindRepoRoot()
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "SpiTools.sln"))) return dir.FullName;
            throw new InvalidOperationException("SpiTools.sln not found above the current folder");
        }

        private static string Publish(string repo, string output, bool aot)
        {
            Console.WriteLine($"publishing the {(aot ? "native" : "JIT")} spitools to {output}");
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repo };
            foreach (var a in new[] { "publish", Path.Combine(repo, "src", "SpiTools.Cli", "SpiTools.Cli.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q" })
                psi.ArgumentList.Add(a);
            if (!aot) psi.ArgumentList.Add("-p:PublishAot=false");
            using var p = Process.Start(psi)!;
            if (!p.WaitForExit(TimeSpan.FromMinutes(20)) || p.ExitCode != 0)
                throw new InvalidOperationException("dotnet publish failed");
            return Path.Combine(output, aot ? "spitools" : "spitools.dll");
        }

        private static string? FindPython()
        {
            foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
                if (RunQuiet(candidate, "-c", "import textfsm") == 0) return candidate;
            return null;
        }

        private static string? FindTemplate(string repo, string? python)
        {
            var dir = Environment.GetEnvironmentVariable("NTC_TEMPLATES_DIR");
            if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, TemplateName))) return Path.Combine(dir, TemplateName);
            if (python != null)
            {
                var psi = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { "-c", "import os, ntc_templates; print(os.path.join(os.path.dirname(ntc_templates.__file__), 'templates'))" })
                    psi.ArgumentList.Add(a);
                try
                {
                    using var p = Process.Start(psi)!;
                    var output = p.StandardOutput.ReadToEnd().Trim();
                    p.WaitForExit(30_000);
                    if (p.ExitCode == 0 && File.Exists(Path.Combine(output, TemplateName))) return Path.Combine(output, TemplateName);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
            }
            return null;
        }

        private static int RunQuiet(string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            try
            {
                using var p = Process.Start(psi)!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                return p.WaitForExit(30_000) ? p.ExitCode : -1;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return -1;
            }
        }
    }
}
