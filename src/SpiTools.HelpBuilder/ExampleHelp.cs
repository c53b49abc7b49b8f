using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);
}
