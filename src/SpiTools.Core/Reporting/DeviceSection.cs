using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>
    /// A device's section: a <c>details</c> element that collapses without script (open unless the device is healthy),
    /// with its facts, its failure or its findings, its lifetime chart and its SA tables.
    /// </summary>
    internal static class DeviceSection
    {
        public static void Write(TextWriter w, DeviceView d, IReadOnlyDictionary<string, string> sections)
        {
            string st = DeviceView.StatusClass(d.Status);
            w.Write($"<section class=\"device st-{st}{(d.Critical > 0 ? " worst-critical" : d.Status == AuditStatus.Findings && d.Warning == 0 ? " worst-info" : "")}\" id=\"{d.Id}\" data-device=\"{Html.Escape(d.Name)}\">\n");
            w.Write($"<details class=\"dev\"{(d.Status == AuditStatus.Healthy ? "" : " open")}><summary>");
            w.Write($"<h2><span class=\"name\">{Html.Escape(d.Name)}</span> <span class=\"badge s-{st}\">{Html.Escape(d.Status)}</span></h2></summary>\n");
            var facts = new List<string>();
            var s = d.Summary;
            if (d.Platform != null) facts.Add(Html.Escape(d.Platform));
            if (s?.Hostname != null && !string.Equals(s.Hostname, d.Name, System.StringComparison.OrdinalIgnoreCase)) facts.Add("prompt " + Html.Escape(s.Hostname));
            facts.Add($"{d.SaCount} SA{Plural(d.SaCount)}");
            if (s?.ContextCount is int contexts && contexts > 0) facts.Add($"{contexts} VPN context{Plural(contexts)}");
            if (s != null && s.StartedAt != default) facts.Add("started " + Html.Escape(Html.Utc(s.StartedAt)));
            if (s != null && s.DurationSeconds > 0) facts.Add("took " + Html.Escape(Html.Duration(s.DurationSeconds)));
            if (d.Critical + d.Warning + d.Info > 0) facts.Add($"{d.Critical} critical, {d.Warning} warning, {d.Info} info");
            w.Write($"<p class=\"facts\">{string.Join(" · ", facts)}</p>\n");
            var inventory = s?.InventoryColumns().Where(c => c.Value.Length > 0).ToList();
            if (inventory != null && inventory.Count > 0)
                w.Write($"<p class=\"facts inventory\">{string.Join(" · ", inventory.Select(c => Html.Escape(c.Key) + " <b>" + Html.Escape(c.Value) + "</b>"))}</p>\n");
            if (s?.CaptureFolder != null) w.Write($"<p class=\"facts\">Raw outputs: <code>{Html.Escape(s.CaptureFolder)}</code></p>\n");
            if (d.Status == AuditStatus.Failed)
                w.Write($"<div class=\"failure\"><p><span class=\"errid\">{Html.Escape(s?.ErrorId ?? "(no ErrorId)")}</span></p><p>{Html.Escape(s?.ErrorMessage ?? "The device could not be audited; no message was recorded.")}</p></div>\n");
            else if (d.Status == DeviceView.NotDiagnosed)
                w.Write("<p class=\"facts\">Not diagnosed: this report was given records of this device but no diagnosis of it (no finding, no audit summary), so nothing is known about its health.</p>\n");
            else if (d.Findings.Count == 0 && d.Critical + d.Warning + d.Info == 0)
                w.Write("<p class=\"ok\">Nothing to report.</p>\n");
            else if (d.Findings.Count == 0)
                w.Write("<p class=\"facts\">The findings themselves were not given to this report, only their counts.</p>\n");
            foreach (var f in d.Findings) WriteFinding(w, f, sections);
            if (d.Chart != null)
                w.Write($"<figure class=\"chartbox\">{d.Chart.Render($"Remaining SA lifetime per peer on {d.Name}")}<figcaption>Remaining lifetime of every SA, per peer: one colour per SA generation " +
                        "(inbound light, outbound solid, the current SA outlined). Several generations with staggered lifetimes are rekeys in quick succession.</figcaption></figure>\n");
            WriteSaTables(w, d);
            w.Write("</details>\n</section>\n");
        }

        private static string Plural(int n) => n == 1 ? "" : "s";

        /// <summary>A finding; <paramref name="sections"/> holds each device's section id by name, so the other end of a tunnel links to its own.</summary>
        private static void WriteFinding(TextWriter w, Finding f, IReadOnlyDictionary<string, string> sections)
        {
            string sev = FindingGroup.SeverityClass(f.Severity);
            w.Write($"<article class=\"finding sev-{sev}\"><h3><span class=\"badge v-{sev}\">{Html.Escape(f.Severity)}</span> <span class=\"code\">{Html.Escape(f.Code)}</span>");
            var about = new List<string>();
            if (f.Peer != null) about.Add("peer " + Html.Escape(f.Peer));
            if (f.PeerDevice != null)
                about.Add("other end " + (sections.TryGetValue(f.PeerDevice, out var id) ? $"<a href=\"#{id}\">{Html.Escape(f.PeerDevice)}</a>" : Html.Escape(f.PeerDevice)));
            if (f.Spi != null) about.Add("SPI <code>" + Html.Escape(f.Spi) + "</code>");
            if (f.Context != null) about.Add("context <code>" + Html.Escape(f.Context) + "</code>");
            if (f.Change == FindingChange.NotJudged) about.Add("not judged this run: no traffic since the last");
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

        /// <summary>One table per peer; the SPI column never wraps (the style sheet keeps <c>table.sas code</c> on one line).</summary>
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
    }
}
