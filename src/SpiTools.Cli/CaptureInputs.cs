using System;
using System.Collections.Generic;
using System.IO;
using SpiTools.Parsing;

namespace SpiTools.Cli
{
    /// <summary>
    /// Reads the CLI's PATH arguments (files; <c>-</c> or none for standard input) through the core parser.
    /// A file that cannot be read gets a one-line message on standard error and a non-zero exit code; the other
    /// files are still read.
    /// </summary>
    internal static class CaptureInputs
    {
        public const int ExitOk = 0;
        public const int ExitInputError = 2;

        public static int Read(IReadOnlyList<string> paths, string kind, Action<ICaptureRecord> onRecord, TextWriter stderr, bool debug, bool summary = true, Action? flush = null)
        {
            int exit = ExitOk;
            var list = paths.Count == 0 ? new[] { "-" } : (IEnumerable<string>)paths;
            foreach (var path in list)
            {
                var stats = new ParseStatistics();
                var options = new CaptureParseOptions { Kind = kind, Statistics = stats };
                try
                {
                    IEnumerable<ICaptureRecord> records;
                    if (path == "-")
                        records = CaptureParser.Parse(Console.OpenStandardInput(), "-", options);
                    else
                        records = CaptureParser.ParseFile(path, options);
                    foreach (var r in records) onRecord(r);
                    flush?.Invoke();
                    if (summary) stderr.WriteLine($"{path}: {stats}");
                }
                catch (CaptureInputException ex)
                {
                    stderr.WriteLine($"spitools: {ex.Message}");
                    if (debug) stderr.WriteLine(ex);
                    exit = ExitInputError;
                }
                catch (IOException ex)
                {
                    stderr.WriteLine($"spitools: {path}: cannot be read ({ex.Message})");
                    if (debug) stderr.WriteLine(ex);
                    exit = ExitInputError;
                }
                catch (UnauthorizedAccessException ex)
                {
                    stderr.WriteLine($"spitools: {path}: cannot be read ({ex.Message})");
                    if (debug) stderr.WriteLine(ex);
                    exit = ExitInputError;
                }
            }
            return exit;
        }
    }
}
