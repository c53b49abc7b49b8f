using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>One input line and its 1-based number.</summary>
    public readonly record struct SourceLine(int Number, string Text);
}
