namespace SpiTools.Reporting
{
    /// <summary>
    /// The page's only style sheet, inline: readable at a phone's width (where the device table's rows become cards of
    /// labelled values, its headings a row of sort buttons: the device and its status, then its platform, inventory
    /// columns and counts, then its note; the count cells are named by their place from the row's end, so the markup
    /// stays one table for every width), in print, and with no web font.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @"
:root{--crit:#b91c1c;--warn:#b45309;--info:#1d4ed8;--ok:#15803d;--fail:#7e22ce;--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--bg:#f8fafc}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
header.top{background:#0f172a;color:#f8fafc;padding:18px 20px}
header.top h1{margin:0;font-size:1.5rem;overflow-wrap:anywhere}
header.top .meta{margin:4px 0 0;color:#cbd5e1;font-size:.9rem}
main{max-width:1080px;margin:0 auto;padding:16px}
footer{max-width:1080px;margin:0 auto;padding:8px 16px 24px;color:var(--muted);font-size:.85rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px;margin-bottom:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card h2{margin:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.card .big{margin:2px 0 8px;font-size:2rem;font-weight:700;line-height:1.1}
svg.stack{display:block;width:100%;height:14px;border-radius:3px}
.legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.9rem}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:baseline}
.f-critical{fill:var(--crit);background:var(--crit)}.f-warning{fill:var(--warn);background:var(--warn)}.f-info{fill:var(--info);background:var(--info)}
.f-healthy{fill:var(--ok);background:var(--ok)}.f-findings{fill:var(--warn);background:var(--warn)}.f-failed{fill:var(--fail);background:var(--fail)}
.f-other{fill:#94a3b8;background:#94a3b8}.f-none{fill:var(--line)}
.tablewrap{overflow-x:auto;margin:10px 0;background:#fff;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;padding:8px 10px 4px;font-weight:600;color:var(--ink)}
caption .pk{font-weight:400;color:var(--muted)}
th,td{padding:5px 10px;border-top:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f1f5f9;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.hot{color:var(--crit);font-weight:700}
td.note{color:var(--muted);overflow-wrap:anywhere}
tr.cur td{background:#eff6ff;font-weight:600}
td.idents{font-size:.85rem;min-width:14em}
a{color:#1d4ed8}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.78rem;font-weight:700;color:#fff;vertical-align:middle;letter-spacing:.02em}
.s-healthy{background:var(--ok)}.s-findings{background:var(--warn)}.s-failed{background:var(--fail)}.s-other{background:#64748b}
.v-critical{background:var(--crit)}.v-warning{background:var(--warn)}.v-info{background:var(--info)}.v-other{background:#64748b}
section.device{background:#fff;border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:10px;padding:12px 16px;margin:18px 0}
section.device.st-findings{border-left-color:var(--warn)}section.device.worst-critical{border-left-color:var(--crit)}section.device.worst-info{border-left-color:var(--info)}section.device.st-failed{border-left-color:var(--fail)}section.device.st-other{border-left-color:#64748b}
section.device h2{margin:0 0 2px;font-size:1.25rem;overflow-wrap:anywhere}
.facts{margin:2px 0;color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.ok{color:var(--ok);font-weight:600}
.failure{border:1px solid #e9d5ff;background:#faf5ff;border-radius:8px;padding:8px 12px;margin:10px 0}
.failure p{margin:2px 0;overflow-wrap:anywhere}
.errid{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700;color:var(--fail)}
article.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:8px 12px;margin:10px 0;background:#fff}
article.sev-critical{border-left-color:var(--crit);background:#fef2f2}article.sev-warning{border-left-color:var(--warn);background:#fffbeb}
article.finding h3{margin:0 0 4px;font-size:1.05rem;overflow-wrap:anywhere}
article.finding .about{font-weight:400;color:var(--muted);font-size:.9rem}
article.finding .idents{margin:0 0 4px;color:var(--muted);font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:4px 0 0}
dt{font-weight:600;color:var(--muted);font-size:.88rem}
dd{margin:0;overflow-wrap:anywhere}
dd.remedy{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f1f5f9;border-radius:4px;padding:1px 6px}
dd.src{font-size:.82rem;color:var(--muted)}
figure.chartbox{margin:12px 0;padding:10px;border:1px solid var(--line);border-radius:8px;background:#fff}
svg.chart{display:block;width:100%;max-width:900px;height:auto}
figcaption{color:var(--muted);font-size:.82rem;margin-top:6px}
.empty{color:var(--muted)}
p.since{margin:0 0 8px;font-weight:600}
section.brief{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 14px;margin-bottom:12px}
section.brief p{margin:3px 0;overflow-wrap:anywhere}
section.brief p:first-child{font-weight:600}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:6px 12px;margin:10px 0 0;font-size:.9rem}
.tools[hidden]{display:none}
.tools input,.tools select,.tools button{font:inherit;padding:3px 6px;border:1px solid #cbd5e1;border-radius:6px;background:#fff;color:var(--ink)}
.tools input{width:14em;max-width:100%}
#fleet-shown{color:var(--muted)}
th button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;color:inherit;cursor:pointer;white-space:nowrap}
th button.sort::after{content:' \2195';color:#94a3b8}
th[aria-sort=ascending] button.sort::after{content:' \2191';color:var(--ink)}
th[aria-sort=descending] button.sort::after{content:' \2193';color:var(--ink)}
tr[hidden]{display:none}
section.groups{margin:18px 0}
section.groups h2{font-size:1.1rem;margin:0 0 6px}
details.group{background:#fff;border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:6px 12px;margin:6px 0}
details.group.sev-critical{border-left-color:var(--crit)}details.group.sev-warning{border-left-color:var(--warn)}
details.group summary{cursor:pointer;font-weight:600;overflow-wrap:anywhere}
details.group .groupfix{margin:6px 0 2px;font-size:.9rem;color:var(--muted)}
details.group ul.members{margin:4px 0 4px;padding-left:20px;columns:2 16em;font-size:.9rem}
details.group .about{color:var(--muted)}
details.dev>summary{cursor:pointer;list-style-position:outside;margin-left:1.1em}
details.dev>summary h2{display:inline}
table.sas td:first-child,table.sas td:first-child code,.about code,ul.members code{white-space:nowrap;overflow-wrap:normal;word-break:keep-all}
table.fleet td:first-child,table.fleet td:nth-child(2){white-space:nowrap}
table.fleet td.note{min-width:14em}
@media (max-width:600px){body{font-size:14px}main{padding:8px}th,td{padding:4px 6px}section.device{padding:10px}dl{grid-template-columns:1fr}dt{margin-top:4px}header.top h1{font-size:1.25rem}}
@media (max-width:600px){
table.fleet,table.fleet caption,table.fleet thead,table.fleet tbody,table.fleet tr,table.fleet th,table.fleet td{display:block}
table.fleet thead tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 12px;padding:4px 8px;background:#f1f5f9;border-top:1px solid var(--line)}
table.fleet thead tr::before{content:'Sort by';color:var(--muted);font-size:.85rem}
table.fleet th{padding:0;border:0;background:none}
.tools[hidden]+.tablewrap table.fleet thead{display:none}
table.fleet tbody tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 14px;padding:6px 8px;border-top:1px solid var(--line)}
table.fleet tbody tr[hidden]{display:none}
table.fleet td{order:3;padding:0;border:0;text-align:left}
table.fleet td:first-child{order:0;flex:1 1 50%;font-weight:600;white-space:normal;overflow-wrap:anywhere;min-width:0}
table.fleet td:nth-last-child(6){order:1;flex:0 0 auto}
table.fleet tbody tr::after{content:'';order:2;flex:1 0 100%;height:0}
table.fleet td:nth-last-child(5)::before{content:'Critical '}table.fleet td:nth-last-child(4)::before{content:'Warning '}
table.fleet td:nth-last-child(3)::before{content:'Info '}table.fleet td:nth-last-child(2)::before{content:'SAs '}
table.fleet td.num::before{color:var(--muted);font-size:.82rem;font-weight:400}
table.fleet td.note{order:5;flex:1 1 100%;min-width:0}
table.fleet td.note:empty{display:none}
}
}
@media print{body{background:#fff;font-size:11pt}header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 6px}header.top .meta{color:#333}
main{max-width:none;padding:0}.tools{display:none}section.device,article.finding,figure.chartbox,.tablewrap,.card{break-inside:avoid;box-shadow:none}
section.device{break-inside:auto}.tablewrap{overflow:visible}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";
    }
}
