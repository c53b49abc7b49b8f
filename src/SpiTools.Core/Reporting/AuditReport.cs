using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// A fleet audit as one self-contained HTML page: a summary (devices by status, findings by severity, when the audit
    /// ran), then every device, worst first, with its failure or its findings (evidence, remediation, blast radius, next
    /// step; the other end of the tunnel, linked to its section, and the measured rekey interval where given), a chart of the remaining lifetime of each SA per peer (and of SA installs over time when given), and the
    /// SA tables. Inline CSS and SVG only: no script, font or image is fetched, so it reads offline, printed and as an
    /// e-mail attachment. Every value is escaped; the same input and <see cref="GeneratedAt"/> give the same bytes.
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
            w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            // Nothing may be fetched: no script, font, image or style from anywhere (offline, e-mail, a browser with no network).
            w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
            w.Write($"<title>{Html.Escape(Title)}</title>\n<style>{ReportStyle.Css}</style>\n</head>\n<body>\n");
            w.Write($"<header class=\"top\"><h1>{Html.Escape(Title)}</h1>\n<p class=\"meta\">Generated {Html.Escape(Html.Utc(GeneratedAt))}");
            var ran = AuditWindow();
            w.Write(ran == null ? " · no device summaries: when the audit ran is not known" : $" · audit ran {Html.Escape(ran)}");
            w.Write("</p></header>\n<main>\n");
            WriteSummary(w, devices);
            var sections = devices.ToDictionary(d => d.Name, d => d.Id, StringComparer.Ordinal);
            foreach (var d in devices) WriteDevice(w, d, sections);
            w.Write("</main>\n<footer><p>SpiTools report from ");
            w.Write($"{Devices.Count} device summar{(Devices.Count == 1 ? "y" : "ies")}, {Findings.Count} finding{Plural(Findings.Count)}, " +
                    $"{SecurityAssociations.Count} SA{Plural(SecurityAssociations.Count)} and {Installs.Count} SA install{Plural(Installs.Count)}. " +
                    "Times are UTC; kB = 1000 bytes.</p></footer>\n</body>\n</html>\n");
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

        private static void WriteSummary(TextWriter w, List<DeviceView> devices)
        {
            int healthy = devices.Count(d => d.Status == AuditStatus.Healthy);
            int withFindings = devices.Count(d => d.Status == AuditStatus.Findings);
            int failed = devices.Count(d => d.Status == AuditStatus.Failed);
            int other = devices.Count - healthy - withFindings - failed;
            int critical = devices.Sum(d => d.Critical), warning = devices.Sum(d => d.Warning), info = devices.Sum(d => d.Info);
            w.Write("<section class=\"summary\" id=\"summary\" aria-label=\"Fleet summary\">\n<div class=\"cards\">\n");
            w.Write($"<div class=\"card\"><h2>Devices</h2><p class=\"big\">{devices.Count}</p>");
            StackedBar(w, "Devices by status", new[] { ("Failed", failed, "failed"), ("Findings", withFindings, "findings"), ("Healthy", healthy, "healthy"), ("Other", other, "other") });
            w.Write("</div>\n");
            w.Write($"<div class=\"card\"><h2>Findings</h2><p class=\"big\">{critical + warning + info}</p>");
            StackedBar(w, "Findings by severity", new[] { ("Critical", critical, "critical"), ("Warning", warning, "warning"), ("Info", info, "info") });
            w.Write("</div>\n</div>\n");
            if (devices.Count == 0)
            {
                w.Write("<p class=\"empty\">No devices in this report: nothing was given to it.</p>\n</section>\n");
                return;
            }
            w.Write("<div class=\"tablewrap\"><table class=\"fleet\"><caption>Devices, worst first</caption>\n<thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Status</th>" +
                    "<th scope=\"col\" class=\"num\">Critical</th><th scope=\"col\" class=\"num\">Warning</th><th scope=\"col\" class=\"num\">Info</th><th scope=\"col\" class=\"num\">SAs</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
            foreach (var d in devices)
            {
                w.Write($"<tr><td><a href=\"#{d.Id}\">{Html.Escape(d.Name)}</a></td><td><span class=\"badge s-{StatusClass(d.Status)}\">{Html.Escape(d.Status)}</span></td>");
                w.Write($"<td class=\"num{(d.Critical > 0 ? " hot" : "")}\">{d.Critical}</td><td class=\"num\">{d.Warning}</td><td class=\"num\">{d.Info}</td><td class=\"num\">{d.SaCount}</td>");
                string note = d.Summary?.ErrorId != null ? d.Summary.ErrorId! : d.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).Aggregate("", (a, c) => a.Length == 0 ? c : a + ", " + c);
                w.Write($"<td class=\"note\">{Html.Escape(note)}</td></tr>\n");
            }
            w.Write("</tbody></table></div>\n</section>\n");
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

        private static string StatusClass(string status) => status switch
        {
            AuditStatus.Healthy => "healthy",
            AuditStatus.Findings => "findings",
            AuditStatus.Failed => "failed",
            _ => "other",
        };

        private static string SeverityClass(string severity) => severity switch
        {
            FindingSeverity.Critical => "critical",
            FindingSeverity.Warning => "warning",
            FindingSeverity.Info => "info",
            _ => "other",
        };

        private void WriteDevice(TextWriter w, DeviceView d, IReadOnlyDictionary<string, string> sections)
        {
            w.Write($"<section class=\"device st-{StatusClass(d.Status)}{(d.Critical > 0 ? " worst-critical" : d.Status == AuditStatus.Findings && d.Warning == 0 ? " worst-info" : "")}\" id=\"{d.Id}\" data-device=\"{Html.Escape(d.Name)}\">\n");
            w.Write($"<h2><span class=\"name\">{Html.Escape(d.Name)}</span> <span class=\"badge s-{StatusClass(d.Status)}\">{Html.Escape(d.Status)}</span></h2>\n");
            var facts = new List<string>();
            var s = d.Summary;
            if (s?.Platform != null) facts.Add(Html.Escape(s.Platform));
            facts.Add($"{d.SaCount} SA{Plural(d.SaCount)}");
            if (s != null && s.ContextCount > 0) facts.Add($"{s.ContextCount} VPN context{Plural(s.ContextCount)}");
            if (s != null && s.StartedAt != default) facts.Add("started " + Html.Escape(Html.Utc(s.StartedAt)));
            if (s != null && s.DurationSeconds > 0) facts.Add("took " + Html.Escape(Html.Duration(s.DurationSeconds)));
            if (d.Critical + d.Warning + d.Info > 0) facts.Add($"{d.Critical} critical, {d.Warning} warning, {d.Info} info");
            w.Write($"<p class=\"facts\">{string.Join(" · ", facts)}</p>\n");
            if (s?.CaptureFolder != null) w.Write($"<p class=\"facts\">Raw outputs: <code>{Html.Escape(s.CaptureFolder)}</code></p>\n");
            if (d.Status == AuditStatus.Failed)
                w.Write($"<div class=\"failure\"><p><span class=\"errid\">{Html.Escape(s?.ErrorId ?? "(no ErrorId)")}</span></p><p>{Html.Escape(s?.ErrorMessage ?? "The device could not be audited; no message was recorded.")}</p></div>\n");
            else if (d.Findings.Count == 0 && d.Critical + d.Warning + d.Info == 0)
                w.Write("<p class=\"ok\">Nothing to report.</p>\n");
            else if (d.Findings.Count == 0)
                w.Write("<p class=\"facts\">The findings themselves were not given to this report, only their counts.</p>\n");
            foreach (var f in d.Findings) WriteFinding(w, f, sections);
            if (d.Chart != null)
                w.Write($"<figure class=\"chartbox\">{d.Chart.Render($"Remaining SA lifetime per peer on {d.Name}")}<figcaption>Remaining lifetime of every SA, per peer: one colour per SA generation " +
                        "(inbound light, outbound solid, the current SA outlined). Several generations with staggered lifetimes are rekeys in quick succession.</figcaption></figure>\n");
            WriteSaTables(w, d);
            w.Write("</section>\n");
        }

        /// <summary>A finding; <paramref name="sections"/> holds each device's section id by name, so the other end of a tunnel links to its own.</summary>
        private static void WriteFinding(TextWriter w, Finding f, IReadOnlyDictionary<string, string> sections)
        {
            w.Write($"<article class=\"finding sev-{SeverityClass(f.Severity)}\"><h3><span class=\"badge v-{SeverityClass(f.Severity)}\">{Html.Escape(f.Severity)}</span> <span class=\"code\">{Html.Escape(f.Code)}</span>");
            var about = new List<string>();
            if (f.Peer != null) about.Add("peer " + Html.Escape(f.Peer));
            if (f.PeerDevice != null)
                about.Add("other end " + (sections.TryGetValue(f.PeerDevice, out var id) ? $"<a href=\"#{id}\">{Html.Escape(f.PeerDevice)}</a>" : Html.Escape(f.PeerDevice)));
            if (f.Spi != null) about.Add("SPI <code>" + Html.Escape(f.Spi) + "</code>");
            if (f.Context != null) about.Add("context <code>" + Html.Escape(f.Context) + "</code>");
            if (about.Count > 0) w.Write($" <span class=\"about\">{string.Join(" · ", about)}</span>");
            w.Write("</h3>\n");
            if (f.LocalIdent != null || f.RemoteIdent != null) w.Write($"<p class=\"idents\"><code>{Html.Escape(f.LocalIdent)}</code> → <code>{Html.Escape(f.RemoteIdent)}</code></p>\n");
            w.Write("<dl>");
            Field(w, "Evidence", f.Evidence, "evidence");
            Field(w, "Remediation", f.Remediation, "remedy");
            Field(w, "Blast radius", f.BlastRadius, null);
            Field(w, "Next step", f.NextStep, null);
            if (f.RekeyIntervalSeconds != null)
                Field(w, "Rekey every", Html.Duration(f.RekeyIntervalSeconds.Value) + (f.ThroughputMbps != null ? $" at {Html.Number(f.ThroughputMbps.Value)} Mbit/s" : ""), null);
            else if (f.ThroughputMbps != null)
                Field(w, "Throughput", Html.Number(f.ThroughputMbps.Value) + " Mbit/s", null);
            if (f.MeasuredIntervalSeconds != null)
                Field(w, "Measured", "a rekey every " + Html.Duration(f.MeasuredIntervalSeconds.Value) + " (from the logs)", null);
            Field(w, "Assumptions", f.Assumptions, null);
            Field(w, "Source lines", f.SourceLines, "src");
            if (f.BasedOnDamagedCapture) Field(w, "Caution", "based on a damaged capture (see CaptureDamaged)", null);
            w.Write("</dl></article>\n");
        }

        private static void Field(TextWriter w, string name, string? value, string? cls)
        {
            if (string.IsNullOrEmpty(value)) return;
            w.Write($"<dt>{name}</dt><dd{(cls != null ? $" class=\"{cls}\"" : "")}>{Html.Escape(value)}</dd>");
        }

        private static void WriteSaTables(TextWriter w, DeviceView d)
        {
            foreach (var (peer, sas) in d.Peers)
            {
                w.Write($"<div class=\"tablewrap\"><table class=\"sas\"><caption>SAs to peer {Html.Escape(peer)}");
                long? encaps = sas.Select(x => x.PacketsEncapsulated).FirstOrDefault(x => x != null), decaps = sas.Select(x => x.PacketsDecapsulated).FirstOrDefault(x => x != null);
                if (encaps != null || decaps != null) w.Write($" <span class=\"pk\">· packets encaps {(encaps != null ? Html.Number(encaps.Value) : "?")}, decaps {(decaps != null ? Html.Number(decaps.Value) : "?")}</span>");
                w.Write("</caption>\n<thead><tr><th scope=\"col\">SPI</th><th scope=\"col\">Dir</th><th scope=\"col\">Current</th><th scope=\"col\" class=\"num\">kB left</th><th scope=\"col\" class=\"num\">s left</th><th scope=\"col\">State</th><th scope=\"col\">Local → remote</th></tr></thead>\n<tbody>\n");
                foreach (var sa in sas)
                {
                    bool current = sa.IsCurrentOutbound || sa.IsCurrentInbound;
                    w.Write($"<tr{(current ? " class=\"cur\"" : "")}><td><code>{Html.Escape(sa.Spi ?? "(none)")}</code></td><td>{Html.Escape(sa.Direction)}</td><td>{(current ? "yes" : "")}</td>");
                    w.Write($"<td class=\"num\">{(sa.RemainingKilobytes != null ? Html.Number(sa.RemainingKilobytes.Value) : sa.VolumeRekeyDisabled ? "disabled" : "")}</td>");
                    w.Write($"<td class=\"num\">{(sa.RemainingSeconds != null ? Html.Number(sa.RemainingSeconds.Value) : "")}</td>");
                    w.Write($"<td>{Html.Escape(sa.State ?? sa.Status)}</td><td class=\"idents\"><code>{Html.Escape(sa.LocalIdent)}</code> → <code>{Html.Escape(sa.RemoteIdent)}</code></td></tr>\n");
                }
                w.Write("</tbody></table></div>\n");
            }
        }

        /// <summary>One device as the page shows it: its summary (if given), its findings, SAs and chart.</summary>
        private sealed class DeviceView
        {
            public string Name = "";
            public string Id = "";
            public DeviceAuditSummary? Summary;
            public List<Finding> Findings = new List<Finding>();
            public List<IpsecSa> Sas = new List<IpsecSa>();
            public List<SaInstall> Installs = new List<SaInstall>();
            public List<(string Peer, List<IpsecSa> Sas)> Peers = new List<(string, List<IpsecSa>)>();
            public DeviceChart? Chart;
            public string Status = AuditStatus.Healthy;
            public int Critical, Warning, Info, SaCount;

            /// <summary>Worst first: critical findings, then failed devices (their state is unknown), warnings, info, healthy.</summary>
            public int Rank => Critical > 0 ? 4 : Status == AuditStatus.Failed ? 3 : Warning > 0 ? 2 : Info > 0 ? 1 : 0;

            private const string Unnamed = "(unnamed device)";

            public static List<DeviceView> Build(AuditReport report)
            {
                var byName = new Dictionary<string, DeviceView>(StringComparer.Ordinal);
                DeviceView Get(string? device)
                {
                    string name = string.IsNullOrEmpty(device) ? Unnamed : device!;
                    if (!byName.TryGetValue(name, out var view)) byName[name] = view = new DeviceView { Name = name };
                    return view;
                }
                foreach (var s in report.Devices)
                {
                    var v = Get(s.Device);
                    // The same device twice (two audits given): the later start wins, so the page shows one state per device.
                    if (v.Summary == null || s.StartedAt > v.Summary.StartedAt) v.Summary = s;
                }
                foreach (var f in report.Findings) Get(f.Device).Findings.Add(f);
                foreach (var sa in report.SecurityAssociations) Get(sa.Device).Sas.Add(sa);
                foreach (var i in report.Installs) Get(i.Device).Installs.Add(i);

                var list = byName.Values.ToList();
                foreach (var v in list) v.Complete();
                list = list.OrderByDescending(v => v.Rank).ThenByDescending(v => v.Critical).ThenByDescending(v => v.Warning).ThenByDescending(v => v.Info)
                    .ThenBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
                for (int i = 0; i < list.Count; i++) list[i].Id = "device-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return list;
            }

            private void Complete()
            {
                Findings = Findings.OrderByDescending(f => FindingSeverity.Rank(f.Severity)).ThenBy(f => f.Code, StringComparer.Ordinal)
                    .ThenBy(f => f.Peer ?? "", StringComparer.Ordinal).ThenBy(f => f.Spi ?? "", StringComparer.Ordinal).ThenBy(f => f.PeerDevice ?? "", StringComparer.Ordinal).ToList();
                if (Findings.Count > 0)
                {
                    Critical = Findings.Count(f => f.Severity == FindingSeverity.Critical);
                    Warning = Findings.Count(f => f.Severity == FindingSeverity.Warning);
                    Info = Findings.Count - Critical - Warning;
                }
                else if (Summary != null)
                {
                    Critical = Summary.CriticalCount;
                    Warning = Summary.WarningCount;
                    Info = Summary.InfoCount;
                }
                Status = Summary?.Status ?? (Findings.Count > 0 ? AuditStatus.Findings : AuditStatus.Healthy);
                if (Summary == null && Findings.Count == 0 && Sas.Count == 0 && Installs.Count > 0) Status = "Events only";
                var withSpi = Sas.Where(s => s.Spi != null).ToList();
                SaCount = withSpi.Count > 0 ? withSpi.Count : Summary?.SaCount ?? 0;
                Peers = Sas.GroupBy(s => s.Peer ?? "(no peer)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.OrderBy(s => s.Direction ?? "", StringComparer.Ordinal).ThenByDescending(s => s.RemainingSeconds ?? -1)
                        .ThenBy(s => s.Spi ?? "", StringComparer.Ordinal).ToList())).ToList();

                var chart = new DeviceChart();
                long maxKb = withSpi.Select(s => s.RemainingKilobytes ?? 0).DefaultIfEmpty(0).Max();
                long maxS = withSpi.Select(s => s.RemainingSeconds ?? 0).DefaultIfEmpty(0).Max();
                foreach (var (peer, sas) in Peers)
                {
                    var generations = SaGeneration.Of(sas);
                    if (generations.Count > 0) chart.Add(new PeerLifetimePanel(peer, generations, maxKb, maxS));
                }
                if (Installs.Count > 0) chart.Add(new InstallTimelinePanel(Installs));
                Chart = chart.Panels.Count > 0 ? chart : null;
            }
        }
    }
}
