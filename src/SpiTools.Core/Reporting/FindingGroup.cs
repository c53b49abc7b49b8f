using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>
    /// One fault across the fleet: the findings of one code, to one peer, with one remedy, on however many devices
    /// ("StaleVpnContext to 203.0.113.10 on 6 devices"), opening to the devices, each linked to its section.
    /// </summary>
    internal sealed class FindingGroup
    {
        public string Code = "";
        public string? Peer;
        public string? Remediation;
        public string Severity = FindingSeverity.Info;
        public List<(DeviceView Device, Finding Finding)> Members = new List<(DeviceView, Finding)>();

        public int DeviceCount => Members.Select(m => m.Device.Name).Distinct(StringComparer.Ordinal).Count();

        /// <summary>The group's headline: code, peer and the number of devices.</summary>
        public string Headline
        {
            get
            {
                int n = DeviceCount;
                return Code + (Peer != null ? " to " + Peer : "") + $" on {n} device{(n == 1 ? "" : "s")}";
            }
        }

        /// <summary>
        /// The codes in the order the failure modes are catalogued (<see cref="Diagnosis.FindingCodes"/>): a cause before the
        /// symptom it makes (a stale VPN context before the one-way traffic it causes). Unknown codes come last.
        /// </summary>
        private static readonly Dictionary<string, int> CodeOrder = typeof(Diagnosis.FindingCodes)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Where(f => f.IsLiteral)
            .OrderBy(f => f.MetadataToken).Select((f, i) => ((string)f.GetRawConstantValue()!, i))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

        private int CatalogueOrder => CodeOrder.TryGetValue(Code, out var i) ? i : int.MaxValue;

        /// <summary>
        /// The groups, most severe first, then the most devices, then a cause before its symptom (the catalogue's order),
        /// then by code, peer and remedy: the same findings in any order give the same list.
        /// </summary>
        public static List<FindingGroup> Of(IEnumerable<DeviceView> devices)
        {
            var groups = new Dictionary<string, FindingGroup>(StringComparer.Ordinal);
            foreach (var d in devices)
                foreach (var f in d.Findings)
                {
                    string key = f.Code + "\u0001" + f.Peer + "\u0001" + f.Remediation;
                    if (!groups.TryGetValue(key, out var g)) groups[key] = g = new FindingGroup { Code = f.Code, Peer = f.Peer, Remediation = f.Remediation, Severity = f.Severity };
                    if (FindingSeverity.Rank(f.Severity) > FindingSeverity.Rank(g.Severity)) g.Severity = f.Severity;
                    g.Members.Add((d, f));
                }
            return groups.Values.OrderByDescending(g => FindingSeverity.Rank(g.Severity)).ThenByDescending(g => g.DeviceCount).ThenBy(g => g.CatalogueOrder)
                .ThenBy(g => g.Code, StringComparer.Ordinal).ThenBy(g => g.Peer ?? "", StringComparer.Ordinal).ThenBy(g => g.Remediation ?? "", StringComparer.Ordinal).ToList();
        }

        /// <summary>Writes the fleet's findings, one closed <c>details</c> per group (it opens without script).</summary>
        public static void Write(TextWriter w, List<FindingGroup> groups)
        {
            if (groups.Count == 0) return;
            w.Write("<section class=\"groups\" id=\"findings\" aria-label=\"Findings across the fleet\">\n<h2>Findings across the fleet</h2>\n");
            foreach (var g in groups)
            {
                string sev = SeverityClass(g.Severity);
                w.Write($"<details class=\"group sev-{sev}\" data-code=\"{Html.Escape(g.Code)}\" data-peer=\"{Html.Escape(g.Peer)}\" data-devices=\"{g.DeviceCount}\">");
                w.Write($"<summary><span class=\"badge v-{sev}\">{Html.Escape(g.Severity)}</span> <span class=\"headline\">{Html.Escape(g.Headline)}</span></summary>\n");
                if (g.Remediation != null) w.Write($"<p class=\"groupfix\">Remedy: <code>{Html.Escape(g.Remediation)}</code></p>\n");
                w.Write("<ul class=\"members\">");
                foreach (var (device, findings) in g.Members.GroupBy(m => m.Device).Select(x => (x.Key, x.Select(m => m.Finding).ToList())))
                {
                    var spis = findings.Select(f => f.Spi).Where(s => s != null).Distinct(StringComparer.Ordinal).ToList();
                    w.Write($"<li><a href=\"#{device.Id}\">{Html.Escape(device.Name)}</a>");
                    if (spis.Count > 0) w.Write(" <span class=\"about\">SPI " + string.Join(", ", spis.Select(s => "<code>" + Html.Escape(s) + "</code>")) + "</span>");
                    if (findings.Count > 1 && spis.Count == 0) w.Write($" <span class=\"about\">×{findings.Count}</span>");
                    w.Write("</li>");
                }
                w.Write("</ul></details>\n");
            }
            w.Write("</section>\n");
        }

        public static string SeverityClass(string severity) => severity switch
        {
            FindingSeverity.Critical => "critical",
            FindingSeverity.Warning => "warning",
            FindingSeverity.Info => "info",
            _ => "other",
        };
    }
}
