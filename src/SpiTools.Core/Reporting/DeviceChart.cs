using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
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
}
