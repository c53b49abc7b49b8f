using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>
    /// The line a report opens with when its findings were compared with the devices' previous runs: how many are new,
    /// still there, resolved and (when any) not judged for want of traffic, and which run they were compared with.
    /// </summary>
    internal static class SinceLastRun
    {
        /// <summary>The sentence, or null when nothing in the report was compared with a previous run.</summary>
        internal static string? Line(IReadOnlyList<DeviceAuditSummary> devices, IReadOnlyList<Finding> findings)
        {
            var compared = devices.Where(d => d.ComparedWith != null).ToList();
            if (compared.Count == 0 && findings.All(f => f.Change == null)) return null;
            int Of(string change) => findings.Count(f => f.Change == change);
            var runs = compared.Select(d => Path.GetFileName(d.ComparedWith!.TrimEnd('/', '\\'))).Distinct(StringComparer.Ordinal).ToList();
            string with = runs.Count == 1 ? $" (compared with the run of {runs[0]})"
                : runs.Count > 1 ? $" (each of {compared.Count} devices compared with its previous run)" : "";
            int idle = Of(FindingChange.NotJudged);
            string notJudged = idle == 0 ? "" : $", {idle} not judged for lack of traffic";
            return $"Since the last run: {Of(FindingChange.New)} new, {Of(FindingChange.Persisting)} persisting, {Of(FindingChange.Resolved)} resolved{notJudged}{with}.";
        }

        /// <summary>Writes the line, when there is one.</summary>
        internal static void Write(TextWriter w, IReadOnlyList<DeviceAuditSummary> devices, IReadOnlyList<Finding> findings)
        {
            if (Line(devices, findings) is { } line) w.Write($"<p class=\"since\" id=\"since\">{Html.Escape(line)}</p>\n");
        }
    }
}
