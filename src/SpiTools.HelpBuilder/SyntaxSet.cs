using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>One parameter set as the SYNTAX section shows it.</summary>
    public sealed class SyntaxSet
    {
        public string Name { get; set; } = "";
        public bool IsDefault { get; set; }
        public int Line { get; set; }
        public List<SyntaxParameter> Parameters { get; } = new List<SyntaxParameter>();
    }
}
