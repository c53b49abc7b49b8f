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
}
