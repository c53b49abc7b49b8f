using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    public sealed record ParameterSetValues(IReadOnlyList<string> Names, bool Required, string Position, int Line);
}
