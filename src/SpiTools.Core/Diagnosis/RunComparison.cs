using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Marks this run's findings against the previous run's (each diagnosed as its own run would have): a finding whose
    /// <see cref="Key"/> was found before is Persisting, one that was not is New, and each earlier finding not found now
    /// is output again, its evidence saying why: NotJudged when a check judged on counter growth could not judge it for want
    /// of traffic since that run (<see cref="DiagnosisContext.NotJudged"/>), else Resolved. Two findings with one key are
    /// matched one for one.
    /// </summary>
    internal static class RunComparison
    {
        /// <summary>What makes two runs' findings the same finding: device, code, peer, and the SPI and proxies where the finding names them.</summary>
        internal static string Key(Finding f) =>
            string.Join("\u001f", f.Device ?? "", f.Code, f.Peer ?? "", f.Spi ?? "", f.LocalIdent ?? "", f.RemoteIdent ?? "").ToUpperInvariant();

        /// <summary>
        /// This run's findings marked New or Persisting, in their order, then the earlier ones not found now, marked NotJudged
        /// when <paramref name="notJudged"/> (what this run's checks could not judge) holds one of their key, else Resolved.
        /// <paramref name="earlierRun"/> is the previous run's folder, named in the evidence of what was not found.
        /// </summary>
        internal static IReadOnlyList<Finding> Mark(IEnumerable<Finding> now, IEnumerable<Finding> earlier, string earlierRun, IEnumerable<Finding>? notJudged = null)
        {
            var nowList = now.ToList();
            var earlierList = earlier.ToList();
            var found = Keys(earlierList);
            var marked = new List<Finding>();
            foreach (var f in nowList)
            {
                string key = Key(f);
                bool before = found.TryGetValue(key, out int n) && n > 0;
                if (before) found[key] = n - 1;
                marked.Add(f.WithChange(before ? FindingChange.Persisting : FindingChange.New));
            }
            string run = Path.GetFileName(earlierRun.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var idle = Idle(notJudged);
            foreach (var gone in Unmatched(nowList, earlierList))
            {
                marked.Add(idle.TryGetValue(Key(gone), out var why)
                    ? gone.WithChange(FindingChange.NotJudged,
                        $"Not judged in this run: no traffic since the run of {run} ({why.Evidence}), so whether it is still there cannot be told (as found before: {gone.Evidence})")
                    : gone.WithChange(FindingChange.Resolved, $"Not found in this run (found in the run of {run}: {gone.Evidence})"));
            }
            return marked;
        }

        /// <summary>
        /// The earlier findings this run could not judge (not found now, their key among <paramref name="notJudged"/>), as they
        /// were found: what a run stands on for the run after it, when it saw no traffic since the run before it.
        /// </summary>
        internal static IReadOnlyList<Finding> NotJudgedOf(IEnumerable<Finding> now, IEnumerable<Finding> earlier, IEnumerable<Finding> notJudged)
        {
            var idle = Idle(notJudged);
            return Unmatched(now.ToList(), earlier.ToList()).Where(f => idle.ContainsKey(Key(f))).ToList();
        }

        /// <summary>The earlier findings left unmatched by this run's, in the earlier run's order (the last of a key's findings are the ones gone).</summary>
        private static List<Finding> Unmatched(IReadOnlyList<Finding> now, IReadOnlyList<Finding> earlier)
        {
            var unmatched = Keys(earlier);
            foreach (var f in now)
            {
                string key = Key(f);
                if (unmatched.TryGetValue(key, out int n) && n > 0) unmatched[key] = n - 1;
            }
            var gone = new List<Finding>();
            foreach (var f in Enumerable.Reverse(earlier))
            {
                string key = Key(f);
                if (unmatched[key] == 0) continue;
                unmatched[key]--;
                gone.Add(f);
            }
            gone.Reverse();
            return gone;
        }

        private static Dictionary<string, int> Keys(IEnumerable<Finding> findings) =>
            findings.GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        private static Dictionary<string, Finding> Idle(IEnumerable<Finding>? notJudged) =>
            (notJudged ?? Enumerable.Empty<Finding>()).GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }
}
