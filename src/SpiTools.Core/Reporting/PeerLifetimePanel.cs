using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// Remaining lifetime of every SA to one peer: volume (kB) and time (seconds) left, one bar per SA, one colour per
    /// generation (a <c>g class="series"</c> each). Staggered bars of several generations are a rekey storm at a glance.
    /// </summary>
    internal sealed class PeerLifetimePanel : IChartPanel
    {
        private const double RowHeight = 17, LabelWidth = 168, ValueWidth = 96, HeaderHeight = 26, PanelTitle = 20, Gap = 8;

        private readonly string _peer;
        private readonly List<SaGeneration> _generations;
        private readonly long _maxKilobytes, _maxSeconds;
        private readonly bool _hasKilobytes, _hasSeconds;

        public PeerLifetimePanel(string peer, List<SaGeneration> generations, long maxKilobytes, long maxSeconds)
        {
            _peer = peer;
            _generations = generations;
            _maxKilobytes = Math.Max(maxKilobytes, 1);
            _maxSeconds = Math.Max(maxSeconds, 1);
            var all = generations.SelectMany(g => g.Sas).ToList();
            _hasKilobytes = all.Any(s => s.RemainingKilobytes != null);
            _hasSeconds = all.Any(s => s.RemainingSeconds != null);
        }

        public int SeriesCount => _generations.Count;

        private int Rows => _generations.Sum(g => g.Sas.Count);

        private int Metrics => (_hasKilobytes ? 1 : 0) + (_hasSeconds ? 1 : 0);

        public double Height => HeaderHeight + Metrics * (PanelTitle + Rows * RowHeight + Gap) + (Metrics == 0 ? RowHeight : 0) + 6;

        public void Render(StringBuilder svg, double top, double width)
        {
            int live = _generations.Count;
            svg.Append("<g class=\"peer\" data-peer=\"").Append(Html.Escape(_peer)).Append("\">");
            DeviceChart.Text(svg, 0, top + 17, $"Peer {_peer}", "font-weight=\"600\" font-size=\"14\" fill=\"#0f172a\"");
            string note = live == 1 ? "1 SA generation" : $"{live} SA generations live at once";
            DeviceChart.Text(svg, width, top + 17, note, "text-anchor=\"end\" fill=\"" + (live > 2 ? "#b45309" : "#475569") + "\"" + (live > 2 ? " font-weight=\"600\"" : ""));
            double y = top + HeaderHeight;
            var metrics = new List<(string Title, Func<IpsecSa, long?> Value, long Max, string Unit)>();
            if (_hasKilobytes) metrics.Add(("Volume left (kB)", s => s.RemainingKilobytes, _maxKilobytes, "kB"));
            if (_hasSeconds) metrics.Add(("Time left (s)", s => s.RemainingSeconds, _maxSeconds, "s"));
            if (metrics.Count == 0) DeviceChart.Text(svg, LabelWidth, y + 12, "no remaining lifetime printed for these SAs", "fill=\"#64748b\"");
            double barWidth = width - LabelWidth - ValueWidth;
            var rowsTop = new List<double>();
            foreach (var metric in metrics)
            {
                DeviceChart.Text(svg, 0, y + 13, metric.Title, "fill=\"#334155\" font-weight=\"600\"");
                DeviceChart.Text(svg, LabelWidth + barWidth, y + 13, "max " + Html.Number(metric.Max) + " " + metric.Unit, "text-anchor=\"end\" fill=\"#64748b\" font-size=\"11\"");
                double gridTop = y + PanelTitle, gridBottom = gridTop + Rows * RowHeight;
                for (int q = 0; q <= 4; q++)
                {
                    double x = LabelWidth + barWidth * q / 4;
                    svg.Append("<line x1=\"").Append(Html.Coord(x)).Append("\" y1=\"").Append(Html.Coord(gridTop)).Append("\" x2=\"").Append(Html.Coord(x))
                       .Append("\" y2=\"").Append(Html.Coord(gridBottom)).Append("\" stroke=\"").Append(q == 0 ? "#94a3b8" : "#e2e8f0").Append("\"/>");
                }
                rowsTop.Add(gridTop);
                y = gridBottom + Gap;
            }
            // One group per generation, spanning both metrics, so a series is one element whatever it holds.
            int row = 0;
            for (int g = 0; g < _generations.Count; g++)
            {
                var gen = _generations[g];
                string colour = DeviceChart.Colour(g);
                svg.Append("<g class=\"series\" data-series=\"").Append(g + 1).Append("\" fill=\"").Append(colour).Append("\">");
                foreach (var sa in gen.Sas.OrderBy(s => s.Direction == SaDirection.Inbound ? 0 : 1))
                {
                    bool inbound = sa.Direction == SaDirection.Inbound;
                    bool current = sa.IsCurrentOutbound || sa.IsCurrentInbound;
                    string label = $"{sa.Spi} {(inbound ? "in" : "out")}" + (current ? " (current)" : "");
                    for (int m = 0; m < metrics.Count; m++)
                    {
                        var metric = metrics[m];
                        double rowTop = rowsTop[m] + row * RowHeight;
                        DeviceChart.Text(svg, 4, rowTop + 12.5, label, "fill=\"#0f172a\"" + (current ? " font-weight=\"700\"" : "") + " font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"11.5\"");
                        long? value = metric.Value(sa);
                        string valueText = value == null ? "not printed" : Html.Number(value.Value) + " " + metric.Unit;
                        if (value != null)
                        {
                            double w = Math.Max(0, Math.Min(1, (double)value.Value / metric.Max)) * barWidth;
                            svg.Append("<rect x=\"").Append(Html.Coord(LabelWidth)).Append("\" y=\"").Append(Html.Coord(rowTop + 2.5)).Append("\" width=\"").Append(Html.Coord(Math.Max(w, value.Value > 0 ? 1.5 : 0)))
                               .Append("\" height=\"").Append(Html.Coord(RowHeight - 5)).Append("\" rx=\"2\"")
                               .Append(inbound ? " fill-opacity=\"0.45\"" : "")
                               .Append(current ? " stroke=\"#0f172a\" stroke-width=\"1.2\"" : "")
                               .Append("><title>").Append(Html.Escape($"{_peer} {label}: {valueText} left")).Append("</title></rect>");
                            if (value.Value == 0)
                                DeviceChart.Text(svg, LabelWidth + 3, rowTop + 12.5, "exhausted", "fill=\"#b91c1c\" font-weight=\"700\" font-size=\"11\"");
                        }
                        DeviceChart.Text(svg, width - ValueWidth + 6, rowTop + 12.5, valueText, "fill=\"#334155\" font-size=\"11\"");
                    }
                    row++;
                }
                svg.Append("</g>");
            }
            svg.Append("</g>");
        }
    }
}
