using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Services
{
    /// <summary>
    /// How a path given by a user becomes capture files, for both front ends and every verb that reads captures:
    /// a file is itself; a folder with files directly in it is one device's captures (its <see cref="CaptureManifest"/>
    /// left out); a folder SpiTools saved to (<c>collect --out</c>, <c>audit --out</c>, <c>-SaveCapture</c>), which holds
    /// device folders rather than files, gives each device's latest saved run, found by the manifests up to two levels
    /// below it (<c>&lt;root&gt;/&lt;device&gt;/</c>, or an audit's <c>&lt;root&gt;/&lt;device&gt;/&lt;run time&gt;/</c>).
    /// The run before a device's latest is its "before" snapshot (<see cref="EarlierRun"/>).
    /// </summary>
    public static class CaptureFiles
    {
        /// <summary>What a folder that gives no capture file is told as.</summary>
        public const string NothingToRead = "a folder with no capture files directly in it, and no device folder SpiTools saved below it";

        /// <summary>The files directly in <paramref name="folder"/>, in ordinal name order (hidden files and the manifest left out).</summary>
        public static IReadOnlyList<string> InFolder(string folder) =>
            new DirectoryInfo(folder).EnumerateFiles()
                .Where(f => (f.Attributes & FileAttributes.Hidden) == 0 && !f.Name.StartsWith(".", StringComparison.Ordinal)
                            && !string.Equals(f.Name, CaptureManifest.FileName, StringComparison.OrdinalIgnoreCase))
                .Select(f => f.FullName)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        /// <summary>
        /// A folder's files; for a folder SpiTools saved devices under, the files of each device's latest run; or the path
        /// itself (a file, or a path the reader will report as missing). Empty for a folder with neither.
        /// </summary>
        public static IReadOnlyList<string> Expand(string path)
        {
            if (!Directory.Exists(path)) return new[] { path };
            var files = InFolder(path);
            if (files.Count > 0) return files;
            return SavedDevices(path).SelectMany(InFolder).ToList();
        }

        /// <summary>
        /// The device folders SpiTools saved below <paramref name="root"/> (a manifest in each, up to two levels down):
        /// for each identity, its latest run (by the manifest's time, then the folder's name), in identity order.
        /// </summary>
        public static IReadOnlyList<string> SavedDevices(string root)
        {
            var found = new List<(string Folder, CaptureManifest Manifest)>();
            void Look(string folder, int depth)
            {
                IEnumerable<string> below;
                try { below = Directory.EnumerateDirectories(folder).OrderBy(d => d, StringComparer.Ordinal).ToList(); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return; }
                foreach (var d in below)
                {
                    if (CaptureManifest.Read(d) is { } m) found.Add((d, m));
                    else if (depth < 2) Look(d, depth + 1);
                }
            }
            Look(root, 1);
            return found.GroupBy(f => f.Manifest.Identity, DeviceId.Comparer)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Latest(g).Folder)
                .ToList();
        }

        /// <summary>
        /// The run of the same device saved before the one in <paramref name="folder"/>: among the folders beside it, the
        /// latest whose manifest names the same identity and is older. Null when there is none, or no manifest in the folder.
        /// </summary>
        public static string? EarlierRun(string folder)
        {
            var manifest = CaptureManifest.Read(folder);
            var parent = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            if (manifest == null || parent == null) return null;
            var self = (Folder: Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), Manifest: manifest);
            List<(string Folder, CaptureManifest Manifest)> earlier;
            try
            {
                earlier = Directory.EnumerateDirectories(parent)
                    .Select(d => (Folder: d, Manifest: CaptureManifest.Read(d)!))
                    .Where(r => r.Manifest != null && DeviceId.Comparer.Equals(r.Manifest.Identity, manifest.Identity) && Older(r, self))
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return null; }
            return earlier.Count == 0 ? null : Latest(earlier).Folder;
        }

        private static (string Folder, CaptureManifest Manifest) Latest(IEnumerable<(string Folder, CaptureManifest Manifest)> runs) =>
            runs.OrderBy(r => r.Manifest.CollectedAt).ThenBy(r => Path.GetFileName(r.Folder), StringComparer.Ordinal).Last();

        private static bool Older((string Folder, CaptureManifest Manifest) a, (string Folder, CaptureManifest Manifest) b)
        {
            int c = a.Manifest.CollectedAt.CompareTo(b.Manifest.CollectedAt);
            return c < 0 || c == 0 && string.CompareOrdinal(Path.GetFileName(a.Folder), Path.GetFileName(b.Folder)) < 0;
        }
    }
}
