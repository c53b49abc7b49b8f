using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace SpiTools.HelpBuilder
{
    /// <summary>
    /// Writes <see cref="CommandHelp"/> as MAML in the shape platyPS' <c>New-ExternalHelp</c> gives and PowerShell's
    /// <c>Get-Help</c> reads: <c>helpItems</c> / <c>command:command</c> with details, description, syntax, parameters,
    /// input and return types, notes (<c>maml:alertSet</c>), examples and related links.
    /// </summary>
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        public static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument Write(IEnumerable<CommandHelp> commands) =>
            new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(Command_)));

        private static XElement Command_(CommandHelp h) =>
            new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", h.Name),
                    new XElement(Command + "verb", h.Verb),
                    new XElement(Command + "noun", h.Noun),
                    Description(h.Synopsis)),
                Description(h.Description),
                new XElement(Command + "syntax", h.Syntax.OrderByDescending(s => s.IsDefault).Select(s =>
                    new XElement(Command + "syntaxItem",
                        new XElement(Maml + "name", h.Name),
                        s.Parameters.Select(sp => Parameter(h.Parameter(sp.Name)!, sp.Required, inSyntax: true))))),
                new XElement(Command + "parameters", h.Parameters.Select(p =>
                    Parameter(p, p.Sets.Any(v => v.Required), inSyntax: false))),
                new XElement(Command + "inputTypes", h.Inputs.Select(t =>
                    new XElement(Command + "inputType", Type(t.TypeName), Description(t.Description)))),
                new XElement(Command + "returnValues", h.Outputs.Select(t =>
                    new XElement(Command + "returnValue", Type(t.TypeName), Description(t.Description)))),
                new XElement(Maml + "alertSet",
                    new XElement(Maml + "alert", Paras(h.Notes))),
                new XElement(Command + "examples", h.Examples.Select(e =>
                    new XElement(Command + "example",
                        new XElement(Maml + "title", Title(e.Title)),
                        new XElement(Dev + "code", e.Code),
                        new XElement(Dev + "remarks", Paras(e.Remarks))))),
                new XElement(Command + "relatedLinks", h.Links.Select(l =>
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri)))));

        /// <summary>The dashed example title Get-Help users know, kept within 76 columns so it reads on an 80-column screen.</summary>
        public static string Title(string title)
        {
            string dashes = new string('-', System.Math.Max(3, (72 - title.Length) / 2));
            return $"{dashes} {title} {dashes}";
        }

        private static XElement Parameter(ParameterHelp p, bool required, bool inSyntax)
        {
            // Position and required are per set in the syntax; the parameter list shows the first set's position.
            string position = p.Sets.Select(v => v.Position).FirstOrDefault(v => v != "Named") ?? "Named";
            bool isArray = p.Type.EndsWith("[]", System.StringComparison.Ordinal);
            var e = new XElement(Command + "parameter",
                new XAttribute("required", required ? "true" : "false"),
                new XAttribute("variableLength", isArray ? "true" : "false"),
                new XAttribute("globbing", p.Globbing ? "true" : "false"),
                new XAttribute("pipelineInput", p.PipelineInput),
                new XAttribute("position", position == "Named" ? "named" : position),
                new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                Description(p.Description));
            // platyPS leaves the value out of a switch in the syntax, so it shows as [-Phase], not [-Phase <SwitchParameter>].
            if (!(inSyntax && p.IsSwitch))
                e.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", p.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", isArray ? "true" : "false"), p.Type));
            e.Add(Type(p.Type), new XElement(Dev + "defaultValue", p.DefaultValue));
            return e;
        }

        private static XElement Type(string name) =>
            new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
            paragraphs.Select(p => new XElement(Maml + "para", p));
    }
}
