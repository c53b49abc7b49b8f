using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Diagnosis;
using SpiTools.Parsing;

namespace SpiTools.Cli
{
    /// <summary><c>spitools diagnose</c>: findings for the devices whose outputs are given.</summary>
    internal static class DiagnoseCommand
    {
        public static Command Create()
        {
            var format = CommonOptions.Format();
            var debug = CommonOptions.Debug();
            var before = new Option<string[]>("--before")
            {
                Description = "An earlier snapshot of the same devices (files or folders): counters are compared as deltas.",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = true,
            };
            var threshold = new Option<double>("--rekey-threshold")
            {
                Description = "Report rekey churn when the projected volume-rekey interval is below this many seconds.",
                DefaultValueFactory = _ => 300,
            };
            var paths = new Argument<string[]>("PATH")
            {
                Description = "Capture files, or folders holding one device's captures (the folder name is the device name unless a prompt says otherwise).",
                Arity = ArgumentArity.OneOrMore,
            };
            var command = new Command("diagnose", "Find SPI and security-association faults (stale VPN context, one-way traffic, rekey churn, ...) and say what to do.")
            {
                format, before, threshold, debug, paths,
            };
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var current = new List<ICaptureRecord>();
                    int exit = Read(result.GetValue(paths) ?? Array.Empty<string>(), current, dbg);
                    List<ICaptureRecord>? earlier = null;
                    var beforePaths = result.GetValue(before);
                    if (beforePaths is { Length: > 0 })
                    {
                        earlier = new List<ICaptureRecord>();
                        exit = Math.Max(exit, Read(beforePaths, earlier, dbg));
                    }
                    var options = new DiagnosisOptions { RekeyChurnThresholdSeconds = result.GetValue(threshold) };
                    var findings = SpiDiagnosis.Diagnose(current, earlier, options).ToList();
                    var fmt = result.GetValue(format);
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    if (fmt == OutputFormat.Table)
                    {
                        WriteBlocks(text, findings, current);
                    }
                    else
                    {
                        using var writer = new RecordWriter(text, stdout, fmt);
                        foreach (var f in findings) writer.Write(f);
                        writer.Complete();
                    }
                    text.Flush();
                    return exit;
                });
            });
            return command;
        }

        /// <summary>Reads files and folders; a folder is one device, named after the folder unless a prompt names it.</summary>
        private static int Read(IEnumerable<string> paths, List<ICaptureRecord> into, bool debug)
        {
            int exit = CaptureInputs.ExitOk;
            foreach (var path in paths)
            {
                string device;
                IEnumerable<string> files;
                if (Directory.Exists(path))
                {
                    device = new DirectoryInfo(path).Name;
                    files = Directory.EnumerateFiles(path).OrderBy(f => f, StringComparer.Ordinal);
                }
                else
                {
                    device = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".").Name;
                    files = new[] { path };
                }
                var read = new List<ICaptureRecord>();
                foreach (var file in files)
                {
                    try
                    {
                        read.AddRange(CaptureParser.ParseFile(file, new CaptureParseOptions { Device = device }));
                    }
                    catch (CaptureInputException ex)
                    {
                        Console.Error.WriteLine($"spitools: {ex.Message}");
                        if (debug) Console.Error.WriteLine(ex);
                        exit = CaptureInputs.ExitInputError;
                    }
                    catch (IOException ex)
                    {
                        Console.Error.WriteLine($"spitools: {file}: cannot be read ({ex.Message})");
                        exit = CaptureInputs.ExitInputError;
                    }
                }
                // A folder is one device: a prompt echoed in any of its files names it for all of them.
                if (Directory.Exists(path))
                {
                    var prompted = read.Select(r => r.Device).FirstOrDefault(d => d != null && d != device);
                    if (prompted != null)
                        foreach (var r in read.Where(r => r.Device == device)) r.Device = prompted;
                }
                into.AddRange(read);
            }
            return exit;
        }

        private static void WriteBlocks(TextWriter w, List<Finding> findings, List<ICaptureRecord> records)
        {
            var devices = records.Select(r => r.Device ?? "(unknown device)").Distinct().ToList();
            foreach (var device in devices)
            {
                var mine = findings.Where(f => f.Device == device).ToList();
                int deviceSas = records.OfType<IpsecSa>().Count(s => (s.Device ?? "(unknown device)") == device && s.Spi != null);
                int contexts = records.OfType<VpnContext>().Count(c => (c.Device ?? "(unknown device)") == device);
                int traces = records.OfType<PacketTrace>().Count(t => (t.Device ?? "(unknown device)") == device);
                w.WriteLine($"{device}: {deviceSas} SAs, {contexts} VPN contexts, {traces} packet traces: " +
                            (mine.Count == 0 ? "no findings" : $"{mine.Count} finding(s)"));
                foreach (var f in mine)
                {
                    w.WriteLine();
                    w.WriteLine($"  [{f.Severity}] {f.Code}" + (f.Peer != null ? $"  peer {f.Peer}" : "") +
                                (f.LocalIdent != null ? $"  {f.LocalIdent} -> {f.RemoteIdent}" : "") + (f.BasedOnDamagedCapture ? "  (damaged capture)" : ""));
                    Field(w, "Evidence", f.Evidence);
                    Field(w, "Remediation", f.Remediation);
                    Field(w, "Blast radius", f.BlastRadius);
                    Field(w, "Next step", f.NextStep);
                    if (f.RekeyIntervalSeconds != null) Field(w, "Rekey every", $"{f.RekeyIntervalSeconds} s" + (f.ThroughputMbps != null ? $" at {f.ThroughputMbps} Mbit/s" : ""));
                    Field(w, "Assumptions", f.Assumptions);
                    Field(w, "Source", f.SourceLines);
                }
                w.WriteLine();
            }
        }

        private static void Field(TextWriter w, string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            w.WriteLine($"    {name + ":",-14}{value}");
        }
    }
}
