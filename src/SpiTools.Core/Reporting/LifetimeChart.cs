using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// One part of a device's chart: drawn below the previous part, as wide as the chart. The chart is a stack of these,
    /// so a new series (SA installs over time, and later anything else with a time or a lifetime) is one more panel.
    /// </summary>
    internal interface IChartPanel
    {
        /// <summary>The panel's height in chart units.</summary>
        double Height { get; }

        /// <summary>Writes the panel's SVG elements with its top edge at <paramref name="top"/>.</summary>
        void Render(StringBuilder svg, double top, double width);
    }

    /// <summary>
    /// A device's chart: inline SVG (no script, no font, nothing fetched), scaled to the page's width by its viewBox.
    /// </summary>
    internal sealed class DeviceChart
    {
        public const double Width = 640;

        private readonly List<IChartPanel> _panels = new List<IChartPanel>();

        public IReadOnlyList<IChartPanel> Panels => _panels;

        public void Add(IChartPanel panel) => _panels.Add(panel);

        public string Render(string label)
        {
            double height = _panels.Sum(p => p.Height) + 4;
            var svg = new StringBuilder();
            svg.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Html.Coord(Width)).Append(' ').Append(Html.Coord(height))
               .Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(label)).Append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" font-size=\"12\">");
            double top = 0;
            foreach (var panel in _panels)
            {
                panel.Render(svg, top, Width);
                top += panel.Height;
            }
            svg.Append("</svg>");
            return svg.ToString();
        }

        /// <summary>The colours of the series, in order; the newest generation takes the first.</summary>
        public static readonly string[] Palette = { "#2563eb", "#ea580c", "#7c3aed", "#0d9488", "#db2777", "#65a30d", "#0891b2", "#a16207" };

        public static string Colour(int index) => Palette[index % Palette.Length];

        internal static void Text(StringBuilder svg, double x, double y, string text, string? attributes = null)
        {
            svg.Append("<text x=\"").Append(Html.Coord(x)).Append("\" y=\"").Append(Html.Coord(y)).Append('"');
            if (attributes != null) svg.Append(' ').Append(attributes);
            svg.Append('>').Append(Html.Escape(text)).Append("</text>");
        }
    }

    /// <summary>
    /// A generation of SAs to one peer: the inbound and outbound SA negotiated together (the same time left), or a single
    /// SA that could not be paired. Several generations live at once is what a rekey storm looks like.
    /// </summary>
    internal sealed class SaGeneration
    {
        public List<IpsecSa> Sas { get; } = new List<IpsecSa>();

        public long? RemainingSeconds => Sas.Select(s => s.RemainingSeconds).FirstOrDefault(s => s != null);

        public bool IsCurrent => Sas.Any(s => s.IsCurrentOutbound || s.IsCurrentInbound);

        /// <summary>
        /// The generations of one peer's SAs: inbound and outbound SAs of the same proxy pair with the same seconds left
        /// (within 2 s) are one generation; newest (most seconds left) first, then by SPI.
        /// </summary>
        public static List<SaGeneration> Of(IEnumerable<IpsecSa> sas)
        {
            var result = new List<SaGeneration>();
            foreach (var entry in sas.Where(s => s.Spi != null)
                         .GroupBy(s => (s.LocalIdent ?? "") + "\u0001" + (s.RemoteIdent ?? ""), StringComparer.Ordinal)
                         .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var outbound = entry.Where(s => s.Direction != SaDirection.Inbound).ToList();
                foreach (var inbound in entry.Where(s => s.Direction == SaDirection.Inbound))
                {
                    var gen = new SaGeneration();
                    gen.Sas.Add(inbound);
                    if (inbound.RemainingSeconds != null)
                    {
                        var match = outbound.Where(o => o.RemainingSeconds != null && Math.Abs(o.RemainingSeconds.Value - inbound.RemainingSeconds.Value) <= 2)
                            .OrderBy(o => Math.Abs(o.RemainingSeconds!.Value - inbound.RemainingSeconds.Value)).ThenBy(o => o.Spi, StringComparer.Ordinal).FirstOrDefault();
                        if (match != null)
                        {
                            gen.Sas.Add(match);
                            outbound.Remove(match);
                        }
                    }
                    result.Add(gen);
                }
                foreach (var o in outbound)
                {
                    var gen = new SaGeneration();
                    gen.Sas.Add(o);
                    result.Add(gen);
                }
            }
            return result.OrderByDescending(g => g.RemainingSeconds ?? long.MinValue)
                .ThenBy(g => g.Sas[0].Spi, StringComparer.Ordinal).ToList();
        }
    }

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

    /// <summary>
    /// SA installs over time (from <see cref="SaInstall"/>s, i.e. <c>SaEvent</c> lines with a time): one row per peer,
    /// a mark per install, the interval between consecutive installs written between them.
    /// </summary>
    internal sealed class InstallTimelinePanel : IChartPanel
    {
        private const double RowHeight = 30, LabelWidth = 130, TitleHeight = 30, AxisHeight = 22, Right = 12;

        private readonly List<(string Peer, List<SaInstall> Installs)> _rows;
        private readonly DateTime _first, _last;

        public InstallTimelinePanel(IEnumerable<SaInstall> installs)
        {
            var list = installs.OrderBy(i => i.Time).ThenBy(i => i.Spi, StringComparer.Ordinal).ToList();
            _rows = list.GroupBy(i => i.Peer ?? "(no peer)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.ToList())).ToList();
            _first = list.Count > 0 ? list[0].Time : default;
            _last = list.Count > 0 ? list[list.Count - 1].Time : default;
        }

        public int Count => _rows.Sum(r => r.Installs.Count);

        public double Height => TitleHeight + _rows.Count * RowHeight + AxisHeight;

        public void Render(StringBuilder svg, double top, double width)
        {
            svg.Append("<g class=\"installs\">");
            DeviceChart.Text(svg, 0, top + 20, $"SA installs over time ({Count})", "font-weight=\"600\" font-size=\"14\" fill=\"#0f172a\"");
            double span = Math.Max((_last - _first).TotalSeconds, 1);
            double plotWidth = width - LabelWidth - Right;
            double X(DateTime t) => LabelWidth + plotWidth * (t - _first).TotalSeconds / span;
            double y = top + TitleHeight;
            foreach (var (peer, installs) in _rows)
            {
                double mid = y + RowHeight / 2;
                DeviceChart.Text(svg, 0, mid + 4, peer, "fill=\"#0f172a\"");
                svg.Append("<line x1=\"").Append(Html.Coord(LabelWidth)).Append("\" y1=\"").Append(Html.Coord(mid)).Append("\" x2=\"").Append(Html.Coord(width - Right))
                   .Append("\" y2=\"").Append(Html.Coord(mid)).Append("\" stroke=\"#cbd5e1\"/>");
                for (int i = 0; i < installs.Count; i++)
                {
                    var install = installs[i];
                    double x = X(install.Time);
                    if (i > 0)
                    {
                        double px = X(installs[i - 1].Time);
                        double gap = (install.Time - installs[i - 1].Time).TotalSeconds;
                        if (x - px >= 34) DeviceChart.Text(svg, (x + px) / 2, mid - 7, Html.Duration(gap), "text-anchor=\"middle\" fill=\"#475569\" font-size=\"10.5\"");
                    }
                    svg.Append("<circle class=\"install\" cx=\"").Append(Html.Coord(x)).Append("\" cy=\"").Append(Html.Coord(mid)).Append("\" r=\"5\" fill=\"#2563eb\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>")
                       .Append(Html.Escape($"{install.Time:yyyy-MM-dd HH:mm:ss} {peer} {install.Spi}".TrimEnd())).Append("</title></circle>");
                }
                y += RowHeight;
            }
            DeviceChart.Text(svg, LabelWidth, y + 15, _first.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), "fill=\"#64748b\" font-size=\"11\"");
            DeviceChart.Text(svg, width - Right, y + 15, _last.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + $" (+{Html.Duration(span)})", "text-anchor=\"end\" fill=\"#64748b\" font-size=\"11\"");
            svg.Append("</g>");
        }
    }
}
