using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>
    /// The top of the page: a few plain sentences, the counts with their bars, and the device table (worst first; with
    /// script, it sorts by any column and filters by text and status; without, it is the same table in that order).
    /// </summary>
    internal static class FleetSummary
    {
        /// <summary>The plain-language summary: how many devices need what, the worst fault and its remedy, who failed.</summary>
        public static void WriteBrief(TextWriter w, List<DeviceView> devices, List<FindingGroup> groups, int saCount, int summaryCount)
        {
            w.Write("<section class=\"brief\" id=\"brief\" aria-label=\"In short\">\n");
            foreach (var sentence in Brief(devices, groups, saCount, summaryCount)) w.Write($"<p>{Html.Escape(sentence)}</p>\n");
            w.Write("</section>\n");
        }

        internal static IEnumerable<string> Brief(List<DeviceView> devices, List<FindingGroup> groups, int saCount, int summaryCount)
        {
            if (devices.Count == 0)
            {
                yield return "No devices in this report: nothing was given to it.";
                yield break;
            }
            int critical = devices.Count(d => d.Critical > 0), findings = devices.Count(d => d.Status == AuditStatus.Findings);
            var failed = devices.Where(d => d.Status == AuditStatus.Failed).ToList();
            int healthy = devices.Count(d => d.Status == AuditStatus.Healthy), notDiagnosed = devices.Count(d => d.Status == DeviceView.NotDiagnosed);
            var parts = new List<string>();
            if (findings > 0) parts.Add($"{findings} {Need(findings)} attention" + (critical > 0 ? $" ({critical} with a critical finding)" : ""));
            if (failed.Count > 0) parts.Add($"{failed.Count} could not be audited");
            if (healthy > 0) parts.Add($"{healthy} {(healthy == 1 ? "is" : "are")} healthy");
            if (notDiagnosed > 0) parts.Add($"{notDiagnosed} {(notDiagnosed == 1 ? "was" : "were")} not diagnosed");
            yield return $"{Count(devices.Count, "device")}: " + Join(parts) + ".";
            if (groups.Count > 0)
            {
                var top = groups[0];
                yield return $"Most urgent: {top.Headline}" + (top.Remediation != null ? $"; remedy: {top.Remediation}" : "") + "." +
                             (groups.Count > 1 ? $" {Count(groups.Count, "distinct fault")} in all, listed below." : "");
            }
            else if (failed.Count == 0 && notDiagnosed == 0)
                yield return "Nothing needs attention.";
            if (failed.Count > 0)
                yield return "Not audited: " + Join(failed.Take(5).Select(d => d.Name + (d.Summary?.ErrorId != null ? $" ({d.Summary.ErrorId})" : "")).ToList()) +
                             (failed.Count > 5 ? $" and {failed.Count - 5} more" : "") + ".";
            if (saCount == 0 && summaryCount > 0)
                yield return "No SA records were given, so there are no SA tables or lifetime charts: run the audit with -IncludeSa (PowerShell) or give the report spitools audit --format json.";
        }

        private static string Need(int n) => n == 1 ? "needs" : "need";

        private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

        private static string Join(IReadOnlyList<string> parts) =>
            parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];

        /// <summary>
        /// The cards (devices by status, findings by severity) and the device table, with a column for each of the
        /// inventory's own columns in <paramref name="extra"/> (Site, Owner, …).
        /// </summary>
        public static void Write(TextWriter w, List<DeviceView> devices, IReadOnlyList<string> extra)
        {
            int healthy = devices.Count(d => d.Status == AuditStatus.Healthy);
            int withFindings = devices.Count(d => d.Status == AuditStatus.Findings);
            int failed = devices.Count(d => d.Status == AuditStatus.Failed);
            int notDiagnosed = devices.Count(d => d.Status == DeviceView.NotDiagnosed);
            int other = devices.Count - healthy - withFindings - failed - notDiagnosed;
            int critical = devices.Sum(d => d.Critical), warning = devices.Sum(d => d.Warning), info = devices.Sum(d => d.Info);
            w.Write("<section class=\"summary\" id=\"summary\" aria-label=\"Fleet summary\">\n<div class=\"cards\">\n");
            w.Write($"<div class=\"card\"><h2>Devices</h2><p class=\"big\">{devices.Count}</p>");
            StackedBar(w, "Devices by status", new[] { ("Failed", failed, "failed"), ("Findings", withFindings, "findings"), ("Healthy", healthy, "healthy"), ("Not diagnosed", notDiagnosed, "other"), ("Other", other, "other") });
            w.Write("</div>\n");
            w.Write($"<div class=\"card\"><h2>Findings</h2><p class=\"big\">{critical + warning + info}</p>");
            StackedBar(w, "Findings by severity", new[] { ("Critical", critical, "critical"), ("Warning", warning, "warning"), ("Info", info, "info") });
            w.Write("</div>\n</div>\n");
            if (devices.Count == 0)
            {
                w.Write("<p class=\"empty\">No devices in this report: nothing was given to it.</p>\n</section>\n");
                return;
            }
            w.Write("<div class=\"tools\" id=\"fleet-tools\" hidden><label>Filter <input type=\"search\" id=\"fleet-filter\" placeholder=\"name, platform, code…\" autocomplete=\"off\"></label> ");
            w.Write("<label>Status <select id=\"fleet-status\"><option value=\"\">any</option>");
            foreach (var status in devices.OrderByDescending(d => d.Rank).Select(d => d.Status).Distinct(StringComparer.Ordinal))
                w.Write($"<option value=\"{Html.Escape(status)}\">{Html.Escape(status)}</option>");
            w.Write("</select></label> <span id=\"fleet-shown\" aria-live=\"polite\"></span> ");
            w.Write("<button type=\"button\" id=\"expand-all\">Expand all</button> <button type=\"button\" id=\"collapse-all\">Collapse all</button></div>\n");
            w.Write("<div class=\"tablewrap\"><table class=\"fleet\" id=\"fleet-table\"><caption>Devices, worst first</caption>\n<thead><tr><th scope=\"col\">Device</th>");
            foreach (var name in extra) w.Write($"<th scope=\"col\" class=\"inv\">{Html.Escape(name)}</th>");
            w.Write("<th scope=\"col\">Platform</th><th scope=\"col\">Status</th>" +
                    "<th scope=\"col\" class=\"num\">Critical</th><th scope=\"col\" class=\"num\">Warning</th><th scope=\"col\" class=\"num\">Info</th><th scope=\"col\" class=\"num\">SAs</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
            int order = 0;
            foreach (var d in devices)
            {
                w.Write($"<tr data-status=\"{Html.Escape(d.Status)}\" data-order=\"{order++}\"><td><a href=\"#{d.Id}\">{Html.Escape(d.Name)}</a></td>");
                foreach (var name in extra) w.Write($"<td class=\"inv\">{Html.Escape(InventoryValue(d.Summary, name))}</td>");
                w.Write($"<td>{Html.Escape(d.Platform)}</td>");
                w.Write($"<td data-sort=\"{d.Rank}\"><span class=\"badge s-{DeviceView.StatusClass(d.Status)}\">{Html.Escape(d.Status)}</span></td>");
                w.Write($"<td class=\"num{(d.Critical > 0 ? " hot" : "")}\">{d.Critical}</td><td class=\"num\">{d.Warning}</td><td class=\"num\">{d.Info}</td><td class=\"num\">{d.SaCount}</td>");
                string note = d.Summary?.ErrorId != null ? d.Summary.ErrorId! : string.Join(", ", d.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal));
                w.Write($"<td class=\"note\">{Html.Escape(note)}</td></tr>\n");
            }
            w.Write("</tbody></table></div>\n</section>\n");
        }

        /// <summary>The inventory's own columns of the summaries, once each, in the order the summaries were given (the inventory's order).</summary>
        public static List<string> InventoryColumns(IEnumerable<DeviceAuditSummary> summaries) =>
            summaries.SelectMany(s => s.InventoryColumns()).Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>The summary's value of an inventory column (empty when it has none).</summary>
        private static string InventoryValue(DeviceAuditSummary? summary, string name)
        {
            if (summary == null) return "";
            foreach (var c in summary.InventoryColumns())
                if (string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)) return c.Value;
            return "";
        }

        /// <summary>A horizontal stacked bar with its legend (the numbers are written out, so it reads without the picture).</summary>
        private static void StackedBar(TextWriter w, string label, (string Name, int Count, string Class)[] parts)
        {
            int total = parts.Sum(p => p.Count);
            w.Write($"<svg class=\"stack\" viewBox=\"0 0 300 14\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{Html.Escape(label)}\">");
            if (total == 0) w.Write("<rect x=\"0\" y=\"0\" width=\"300\" height=\"14\" rx=\"3\" class=\"f-none\"/>");
            double x = 0;
            foreach (var p in parts.Where(p => p.Count > 0))
            {
                double width = 300.0 * p.Count / total;
                w.Write($"<rect x=\"{Html.Coord(x)}\" y=\"0\" width=\"{Html.Coord(width)}\" height=\"14\" class=\"f-{p.Class}\"><title>{Html.Escape(p.Name)}: {p.Count}</title></rect>");
                x += width;
            }
            w.Write("</svg><ul class=\"legend\">");
            foreach (var p in parts.Where(p => p.Count > 0 || p.Class != "other"))
                w.Write($"<li><span class=\"dot f-{p.Class}\"></span>{Html.Escape(p.Name)} <b>{p.Count}</b></li>");
            w.Write("</ul>");
        }
    }
}
