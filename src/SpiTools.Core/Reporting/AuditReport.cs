using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// A fleet audit as one self-contained HTML page: a few plain sentences (<see cref="FleetSummary"/>), the counts, the
    /// device table (sorted and filtered by the page's script), the findings grouped across the fleet by code, peer and
    /// remedy (<see cref="FindingGroup"/>), then every device, worst first, in a section that collapses
    /// (<see cref="DeviceSection"/>): its failure or its findings (evidence, remediation, blast radius, next step; the
    /// other end of the tunnel, linked to its section, and the measured rekey interval where given), a chart of the
    /// remaining lifetime of each SA per peer (and of SA installs over time when given), and the SA tables. Inline CSS,
    /// SVG and one inline script allowed by its hash (<see cref="ReportScript"/>); nothing is fetched, so it reads
    /// offline, printed and as an e-mail attachment, and it reads with scripting off. Every value is escaped; the same
    /// input and <see cref="GeneratedAt"/> give the same bytes.
    /// </summary>
    /// <example>
    /// <code>
    /// var report = new AuditReport { Title = "Nightly audit", GeneratedAt = DateTimeOffset.UtcNow };
    /// foreach (var record in records) report.Add(record);   // Finding, DeviceAuditSummary, IpsecSa, SaInstall
    /// report.WriteTo("audit.html");
    /// </code>
    /// </example>
    public sealed class AuditReport
    {
        /// <summary>The page's title and heading.</summary>
        public string Title { get; set; } = "SpiTools fleet audit";

        /// <summary>When the report was made (shown in UTC); passed in, so the output is reproducible.</summary>
        public DateTimeOffset GeneratedAt { get; set; }

        /// <summary>One row per device from an audit.</summary>
        public List<DeviceAuditSummary> Devices { get; } = new List<DeviceAuditSummary>();

        /// <summary>The findings.</summary>
        public List<Finding> Findings { get; } = new List<Finding>();

        /// <summary>The SAs, for the per-peer tables and charts.</summary>
        public List<IpsecSa> SecurityAssociations { get; } = new List<IpsecSa>();

        /// <summary>SA installs with their times, for the "SA installs over time" chart.</summary>
        public List<SaInstall> Installs { get; } = new List<SaInstall>();

        /// <summary>Adds a <see cref="Finding"/>, <see cref="DeviceAuditSummary"/>, <see cref="IpsecSa"/> or <see cref="SaInstall"/>; false for anything else.</summary>
        public bool Add(object? record)
        {
            switch (record)
            {
                case Finding f: Findings.Add(f); return true;
                case DeviceAuditSummary d: Devices.Add(d); return true;
                case IpsecSa s: SecurityAssociations.Add(s); return true;
                case SaInstall i: Installs.Add(i); return true;
                default: return false;
            }
        }

        /// <summary>The page as a string.</summary>
        public string ToHtml()
        {
            using var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
            Write(w);
            return w.ToString();
        }

        /// <summary>Writes the page to a file (UTF-8, no byte-order mark), replacing it.</summary>
        public void WriteTo(string path)
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            using var w = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
            Write(w);
        }

        /// <summary>Writes the page.</summary>
        public void Write(TextWriter w)
        {
            if (w == null) throw new ArgumentNullException(nameof(w));
            var devices = DeviceView.Build(this);
            var groups = FindingGroup.Of(devices);
            w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            // Nothing may be fetched (offline, e-mail, a browser with no network), and no script runs but the page's own, by its hash.
            w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {ReportScript.Hash}\">\n");
            w.Write($"<title>{Html.Escape(Title)}</title>\n<style>{ReportStyle.Css}</style>\n</head>\n<body>\n");
            w.Write($"<header class=\"top\"><h1>{Html.Escape(Title)}</h1>\n<p class=\"meta\">Generated {Html.Escape(Html.Utc(GeneratedAt))}");
            var ran = AuditWindow();
            w.Write(ran == null ? " · no device summaries: when the audit ran is not known" : $" · audit ran {Html.Escape(ran)}");
            w.Write("</p></header>\n<main>\n");
            SinceLastRun.Write(w, Devices, Findings);
            FleetSummary.WriteBrief(w, devices, groups, SecurityAssociations.Count, Devices.Count);
            FleetSummary.Write(w, devices, FleetSummary.InventoryColumns(Devices));
            FindingGroup.Write(w, groups);
            var sections = devices.ToDictionary(d => d.Name, d => d.Id, StringComparer.Ordinal);
            foreach (var d in devices) DeviceSection.Write(w, d, sections);
            w.Write("</main>\n<footer><p>SpiTools report from ");
            w.Write($"{Devices.Count} device summar{(Devices.Count == 1 ? "y" : "ies")}, {Findings.Count} finding{Plural(Findings.Count)}, " +
                    $"{SecurityAssociations.Count} SA{Plural(SecurityAssociations.Count)} and {Installs.Count} SA install{Plural(Installs.Count)}. " +
                    "Times are UTC; kB = 1000 bytes.</p></footer>\n");
            w.Write($"<script>{ReportScript.Code}</script>\n</body>\n</html>\n");
        }

        private static string Plural(int n) => n == 1 ? "" : "s";

        private string? AuditWindow()
        {
            var timed = Devices.Where(d => d.StartedAt != default).ToList();
            if (timed.Count == 0) return null;
            var start = timed.Min(d => d.StartedAt);
            var end = timed.Max(d => d.StartedAt.AddSeconds(Math.Max(0, d.DurationSeconds)));
            return $"{Html.Utc(start)} to {Html.Utc(end)} ({Html.Duration((end - start).TotalSeconds)})";
        }
    }
}
