using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Services
{
    /// <summary>How a path given by a user becomes capture files: a folder is one device's captures, every file directly in it.</summary>
    public static class CaptureFiles
    {
        /// <summary>The files directly in <paramref name="folder"/>, in ordinal name order (hidden files left out).</summary>
        public static IReadOnlyList<string> InFolder(string folder) =>
            new DirectoryInfo(folder).EnumerateFiles()
                .Where(f => (f.Attributes & FileAttributes.Hidden) == 0 && !f.Name.StartsWith(".", StringComparison.Ordinal))
                .Select(f => f.FullName)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        /// <summary>A folder's files, or the path itself (a file, or a path the reader will report as missing).</summary>
        public static IReadOnlyList<string> Expand(string path) => Directory.Exists(path) ? InFolder(path) : new[] { path };
    }
}
