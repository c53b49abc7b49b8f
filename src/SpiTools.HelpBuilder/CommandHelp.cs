using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>One cmdlet's help, read from its <c>docs/en-US/Verb-Noun.md</c>.</summary>
    public sealed class CommandHelp
    {
        public string Name { get; set; } = "";
        public string Verb => Name.Split('-')[0];
        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : "";
        public List<string> Synopsis { get; } = new List<string>();
        public List<string> Description { get; } = new List<string>();
        public List<SyntaxSet> Syntax { get; } = new List<SyntaxSet>();
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();
        public bool CommonParameters { get; set; }
        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();
        public List<string> Notes { get; } = new List<string>();
        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();
        public List<(string Text, string Uri)> Links { get; } = new List<(string, string)>();

        public ParameterHelp? Parameter(string name) =>
            Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

}
