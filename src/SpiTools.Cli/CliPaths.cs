using System.Collections.Generic;
using System.IO;
using SpiTools.Services;

namespace SpiTools.Cli
{
    /// <summary>
    /// PATH arguments as the module's <c>-Path</c> takes them: a folder is one device's captures; a folder SpiTools saved
    /// devices under (<c>collect --out</c>, <c>audit --out</c>) gives each device's latest run (<see cref="CaptureFiles"/>).
    /// </summary>
    internal static class CliPaths
    {
        /// <summary>A folder's files, or its saved devices' (a warning when it holds neither), or the path itself (the reader reports a missing one).</summary>
        public static IReadOnlyList<string> Expand(string path, ConsoleSink sink)
        {
            var files = CaptureFiles.Expand(path);
            if (files.Count == 0) sink.Warning($"{path}: {CaptureFiles.NothingToRead}");
            return files;
        }

        /// <summary>Every path expanded, in order.</summary>
        public static List<string> ExpandAll(IEnumerable<string> paths, ConsoleSink sink)
        {
            var all = new List<string>();
            foreach (var p in paths) all.AddRange(Expand(p, sink));
            return all;
        }
    }
}
