using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// The one wording for damaged lines, in the warnings of every cmdlet and in the <c>CaptureDamaged</c> finding:
    /// "3 damaged or unreadable lines (JoinedLine at line 21; RedactedValue at lines 3, 4, 9)".
    /// </summary>
    public static class DamagedLines
    {
        /// <summary>How many lines were damaged: "1 damaged or unreadable line", "3 damaged or unreadable lines".</summary>
        public static string Count(int count) => $"{count} damaged or unreadable line{(count == 1 ? "" : "s")}";

        /// <summary>The damage by code, each with its line numbers in order (at most <paramref name="max"/>, then "…").</summary>
        public static string ByCode(IEnumerable<ParseDiagnostic> damage, int max = 8) =>
            string.Join("; ", damage.GroupBy(d => d.Code).Select(g =>
            {
                var lines = g.Select(d => d.Line).Distinct().OrderBy(n => n).ToList();
                return $"{g.Key} at line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines.Take(max))}{(lines.Count > max ? ", …" : "")}";
            }));
    }
}
