using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A parameter as written in one syntax line: <c>[-Path] &lt;String[]&gt;</c>, <c>[-Phase]</c>, ...</summary>
    public sealed record SyntaxParameter(string Name, string? Type, bool Required, bool PositionalForm, int Line);
}
