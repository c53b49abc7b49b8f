using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A <c>### -Name</c> section: description and the values of its yaml block(s).</summary>
    public sealed class ParameterHelp
    {
        public string Name { get; set; } = "";
        public int Line { get; set; }
        public List<string> Description { get; } = new List<string>();
        public string Type { get; set; } = "";
        public List<string> Aliases { get; } = new List<string>();
        /// <summary>Per yaml block: the sets it names (<c>(All)</c> included as written), required and position.</summary>
        public List<ParameterSetValues> Sets { get; } = new List<ParameterSetValues>();
        public string DefaultValue { get; set; } = "None";
        public string PipelineInput { get; set; } = "False";
        public bool Globbing { get; set; }

        public bool IsSwitch => Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter";

        public ParameterSetValues? ForSet(string set) =>
            Sets.FirstOrDefault(s => s.Names.Contains(set, StringComparer.OrdinalIgnoreCase))
            ?? Sets.FirstOrDefault(s => s.Names.Contains("(All)", StringComparer.OrdinalIgnoreCase));
    }
}
