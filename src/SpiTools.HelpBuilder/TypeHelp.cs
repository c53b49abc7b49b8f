using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>An INPUTS or OUTPUTS entry: a type name and what it means.</summary>
    public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);
}
