using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
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
