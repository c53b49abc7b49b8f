using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Marks this run's findings against the previous run's (each diagnosed as its own run would have): a finding whose
    /// <see cref="Key"/> was found before is Persisting, one that was not is New, and each earlier finding not found now
    /// is output again as Resolved, its evidence saying so. Two findings with one key are matched one for one.
    /// </summary>
    internal static class RunComparison
    {
        /// <summary>What makes two runs' findings the same finding: device, code, peer, and the SPI and proxies where the finding names them.</summary>
        internal static string Key(Finding f) =>
            string.Join("\u001f", f.Device ?? "", f.Code, f.Peer ?? "", f.Spi ?? "", f.LocalIdent ?? "", f.RemoteIdent ?? "").ToUpperInvariant();

        /// <summary>
        /// This run's findings marked New or Persisting, in their order, then the earlier ones not found now, marked Resolved.
        /// <paramref name="earlierRun"/> is the previous run's folder, named in the evidence of what was resolved.
        /// </summary>
        internal static IReadOnlyList<Finding> Mark(IEnumerable<Finding> now, IEnumerable<Finding> earlier, string earlierRun)
        {
            var earlierList = earlier.ToList();
            var unmatched = earlierList.GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var marked = new List<Finding>();
            foreach (var f in now)
            {
                string key = Key(f);
                bool before = unmatched.TryGetValue(key, out int n) && n > 0;
                if (before) unmatched[key] = n - 1;
                marked.Add(f.WithChange(before ? FindingChange.Persisting : FindingChange.New));
            }
            string run = Path.GetFileName(earlierRun.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            // The earlier findings left unmatched, in the earlier run's order (the last of a key's findings are the ones gone).
            var resolved = new List<Finding>();
            foreach (var gone in Enumerable.Reverse(earlierList))
            {
                string key = Key(gone);
                if (unmatched[key] == 0) continue;
                unmatched[key]--;
                resolved.Add(gone.WithChange(FindingChange.Resolved, $"Not found in this run (found in the run of {run}: {gone.Evidence})"));
            }
            resolved.Reverse();
            marked.AddRange(resolved);
            return marked;
        }
    }
}
