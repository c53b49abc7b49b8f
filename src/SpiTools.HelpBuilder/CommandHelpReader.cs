using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>Reads a <see cref="CommandHelp"/> from platyPS-style markdown, reporting each problem with its line.</summary>
    public static class CommandHelpReader
    {
        /// <summary>The sections a cmdlet help file must have, in the order they appear.</summary>
        public static readonly string[] RequiredSections =
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly string[] YamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters",
        };

        public static CommandHelp? Read(string file, string text, List<HelpError> errors)
        {
            int before = errors.Count;
            var doc = MarkdownDocument.Parse(file, text, errors);
            if (doc == null) return null;
            var help = new CommandHelp { Name = doc.Title };
            if (!Regex.IsMatch(help.Name, @"^[A-Za-z]+-[A-Za-z]+$"))
                errors.Add(new HelpError(file, doc.TitleLine, $"'# {help.Name}' is not a Verb-Noun cmdlet name"));

            foreach (var s in doc.Sections.Where(s => !RequiredSections.Contains(s.Title, StringComparer.Ordinal)))
                errors.Add(new HelpError(file, s.Line, $"unknown section '## {s.Title}' (expected one of: {string.Join(", ", RequiredSections)})"));
            foreach (var g in doc.Sections.GroupBy(s => s.Title).Where(g => g.Count() > 1))
                errors.Add(new HelpError(file, g.ElementAt(1).Line, $"section '## {g.Key}' appears twice"));
            for (int k = 0; k < RequiredSections.Length; k++)
            {
                if (doc.Section(RequiredSections[k]) != null) continue;
                // Point at where it belongs: the next required section that is present, else the end of the file.
                var next = RequiredSections.Skip(k + 1).Select(doc.Section).FirstOrDefault(s => s != null);
                errors.Add(new HelpError(file, next?.Line ?? doc.LastLine, $"required section '## {RequiredSections[k]}' is missing"));
            }

            ReadParagraphs(doc.Section("SYNOPSIS"), help.Synopsis, file, errors, allowParts: false);
            ReadParagraphs(doc.Section("DESCRIPTION"), help.Description, file, errors, allowParts: false);
            ReadParagraphs(doc.Section("NOTES"), help.Notes, file, errors, allowParts: false);
            ReadParameters(doc.Section("PARAMETERS"), help, file, errors);
            ReadSyntax(doc.Section("SYNTAX"), help, file, errors);
            ReadTypes(doc.Section("INPUTS"), help.Inputs, file, errors);
            ReadTypes(doc.Section("OUTPUTS"), help.Outputs, file, errors);
            ReadExamples(doc.Section("EXAMPLES"), help, file, errors);
            ReadLinks(doc.Section("RELATED LINKS"), help, file, errors);
            CheckAgreement(doc, help, file, errors);
            return errors.Count == before ? help : null;
        }

        private static void ReadParagraphs(MarkdownSection? section, List<string> into, string file, List<HelpError> errors, bool allowParts)
        {
            if (section == null) return;
            foreach (var b in section.Body.Blocks)
            {
                if (b.Kind == BlockKind.Code) errors.Add(new HelpError(file, b.Line, $"a code block does not belong in '## {section.Title}'"));
                else into.Add(Paragraph(b));
            }
            if (!allowParts)
                foreach (var p in section.Parts)
                    errors.Add(new HelpError(file, p.Line, $"'### {p.Title}' does not belong in '## {section.Title}'"));
            if (into.Count == 0) errors.Add(new HelpError(file, section.Line, $"section '## {section.Title}' is empty"));
        }

        private static string Paragraph(MarkdownBlock b) => b.Kind switch
        {
            BlockKind.ListItem => "- " + MarkdownDocument.Plain(b.Text),
            BlockKind.TableRow => string.Join("  ", MarkdownDocument.Cells(b.Text)),
            _ => MarkdownDocument.Plain(b.Text),
        };

        private static readonly Regex SyntaxToken = new Regex(
            @"\G\s*(?:(?<common>\[<CommonParameters>\])" +
            @"|\[\[-(?<optpos>\w+)\]\s+<(?<optposType>[^>]+)>\]" +
            @"|\[-(?<reqpos>\w+)\]\s+<(?<reqposType>[^>]+)>" +
            @"|\[-(?<opt>\w+)(?:\s+<(?<optType>[^>]+)>)?\]" +
            @"|-(?<req>\w+)(?:\s+<(?<reqType>[^>]+)>)?)",
            RegexOptions.CultureInvariant);

        private static void ReadSyntax(MarkdownSection? section, CommandHelp help, string file, List<HelpError> errors)
        {
            if (section == null) return;
            foreach (var b in section.Body.Blocks)
                errors.Add(new HelpError(file, b.Line, "text in '## SYNTAX' belongs under a '### SetName' heading"));
            if (section.Parts.Count == 0) errors.Add(new HelpError(file, section.Line, "section '## SYNTAX' has no '### SetName' parameter set"));
            foreach (var part in section.Parts)
            {
                var m = Regex.Match(part.Title, @"^(\S+)(\s+\(Default\))?$");
                var set = new SyntaxSet { Name = m.Success ? m.Groups[1].Value : part.Title, IsDefault = m.Groups[2].Success, Line = part.Line };
                var code = part.Blocks.Where(b => b.Kind == BlockKind.Code).ToList();
                foreach (var b in part.Blocks.Where(b => b.Kind != BlockKind.Code))
                    errors.Add(new HelpError(file, b.Line, $"only the syntax code block belongs under '### {part.Title}'"));
                if (code.Count != 1)
                {
                    errors.Add(new HelpError(file, part.Line, $"parameter set '{part.Title}' needs exactly one code block with its syntax line"));
                    continue;
                }
                int line = code[0].Line + 1;
                string text = string.Join(" ", code[0].Text.Split('\n').Select(l => l.Trim())).Trim();
                string command = text.Split(' ')[0];
                if (!string.Equals(command, help.Name, StringComparison.OrdinalIgnoreCase))
                    errors.Add(new HelpError(file, line, $"syntax line starts with '{command}', not '{help.Name}'"));
                int pos = command.Length;
                while (pos < text.Length)
                {
                    var t = SyntaxToken.Match(text, pos);
                    if (!t.Success || t.Length == 0)
                    {
                        errors.Add(new HelpError(file, line, $"cannot read the syntax from '{text.Substring(pos).Trim()}'"));
                        break;
                    }
                    pos += t.Length;
                    if (t.Groups["common"].Success) { help.CommonParameters = true; continue; }
                    SyntaxParameter p = t.Groups["optpos"].Success ? new SyntaxParameter(t.Groups["optpos"].Value, t.Groups["optposType"].Value, false, true, line)
                        : t.Groups["reqpos"].Success ? new SyntaxParameter(t.Groups["reqpos"].Value, t.Groups["reqposType"].Value, true, true, line)
                        : t.Groups["opt"].Success ? new SyntaxParameter(t.Groups["opt"].Value, Nullable(t.Groups["optType"]), false, false, line)
                        : new SyntaxParameter(t.Groups["req"].Value, Nullable(t.Groups["reqType"]), true, false, line);
                    set.Parameters.Add(p);
                }
                help.Syntax.Add(set);
            }
            if (help.Syntax.Count > 1 && help.Syntax.Count(s => s.IsDefault) != 1)
                errors.Add(new HelpError(file, section.Line, "with several parameter sets, exactly one is marked '(Default)'"));
        }

        private static string? Nullable(Group g) => g.Success ? g.Value : null;

        private static void ReadParameters(MarkdownSection? section, CommandHelp help, string file, List<HelpError> errors)
        {
            if (section == null) return;
            foreach (var b in section.Body.Blocks)
                errors.Add(new HelpError(file, b.Line, "text in '## PARAMETERS' belongs under a '### -Name' heading"));
            foreach (var part in section.Parts)
            {
                if (part.Title == "CommonParameters")
                {
                    help.CommonParameters = true;
                    continue;
                }
                if (!Regex.IsMatch(part.Title, @"^-\w+$"))
                {
                    errors.Add(new HelpError(file, part.Line, $"'### {part.Title}' is not a parameter heading ('### -Name' or '### CommonParameters')"));
                    continue;
                }
                var p = new ParameterHelp { Name = part.Title.Substring(1), Line = part.Line };
                if (help.Parameter(p.Name) != null) errors.Add(new HelpError(file, part.Line, $"parameter -{p.Name} is documented twice"));
                foreach (var b in part.Blocks)
                {
                    if (b.Kind != BlockKind.Code) p.Description.Add(Paragraph(b));
                    else if (b.Language == "yaml") ReadYaml(b, p, file, errors);
                    else errors.Add(new HelpError(file, b.Line, $"a '{b.Language}' code block does not belong in parameter -{p.Name} (only its yaml block)"));
                }
                if (p.Description.Count == 0) errors.Add(new HelpError(file, part.Line, $"parameter -{p.Name} has no description"));
                if (p.Sets.Count == 0) errors.Add(new HelpError(file, part.Line, $"parameter -{p.Name} has no yaml block"));
                help.Parameters.Add(p);
            }
        }

        private static void ReadYaml(MarkdownBlock block, ParameterHelp p, string file, List<HelpError> errors)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var lines = block.Text.Split('\n');
            for (int k = 0; k < lines.Length; k++)
            {
                int line = block.Line + 1 + k;
                if (lines[k].Trim().Length == 0) continue;
                int colon = lines[k].IndexOf(':');
                string key = colon < 0 ? lines[k].Trim() : lines[k].Substring(0, colon).Trim();
                if (colon < 0 || !YamlKeys.Contains(key, StringComparer.Ordinal))
                {
                    errors.Add(new HelpError(file, line, $"parameter -{p.Name}: unknown yaml line '{lines[k].Trim()}'"));
                    continue;
                }
                if (values.ContainsKey(key)) errors.Add(new HelpError(file, line, $"parameter -{p.Name}: '{key}' given twice"));
                values[key] = lines[k].Substring(colon + 1).Trim();
            }
            foreach (var missing in YamlKeys.Where(k => !values.ContainsKey(k)))
                errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: the yaml block lacks '{missing}:'"));
            if (YamlKeys.Any(k => !values.ContainsKey(k))) return;

            bool Bool(string key)
            {
                var v = values[key];
                if (string.Equals(v, "True", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(v, "False", StringComparison.OrdinalIgnoreCase)) return false;
                errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: '{key}: {v}' is neither True nor False"));
                return false;
            }
            if (values["Type"].Length == 0) errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: 'Type:' is empty"));
            if (p.Sets.Count > 0 && p.Type != values["Type"])
                errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: a second yaml block gives another type"));
            p.Type = values["Type"];
            p.Aliases.Clear();
            p.Aliases.AddRange(values["Aliases"].Split(',').Select(a => a.Trim()).Where(a => a.Length > 0));
            p.DefaultValue = values["Default value"].Length == 0 ? "None" : values["Default value"];
            p.PipelineInput = values["Accept pipeline input"];
            if (!Regex.IsMatch(p.PipelineInput, @"^(False|True \((ByValue|ByPropertyName|ByValue, ByPropertyName)\))$"))
                errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: 'Accept pipeline input: {p.PipelineInput}' is not False or True (ByValue, ByPropertyName)"));
            p.Globbing = Bool("Accept wildcard characters");
            string position = values["Position"];
            if (!(position == "Named" || int.TryParse(position, out _)))
                errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: 'Position: {position}' is neither Named nor a number"));
            var sets = values["Parameter Sets"].Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            if (sets.Count == 0) errors.Add(new HelpError(file, block.Line, $"parameter -{p.Name}: 'Parameter Sets:' is empty"));
            p.Sets.Add(new ParameterSetValues(sets, Bool("Required"), position, block.Line));
        }

        private static void ReadTypes(MarkdownSection? section, List<TypeHelp> into, string file, List<HelpError> errors)
        {
            if (section == null) return;
            foreach (var b in section.Body.Blocks)
                errors.Add(new HelpError(file, b.Line, $"text in '## {section.Title}' belongs under a '### TypeName' heading"));
            foreach (var part in section.Parts)
            {
                var text = new List<string>();
                foreach (var b in part.Blocks)
                {
                    if (b.Kind == BlockKind.Code) errors.Add(new HelpError(file, b.Line, $"a code block does not belong in '### {part.Title}'"));
                    else text.Add(Paragraph(b));
                }
                if (text.Count == 0) errors.Add(new HelpError(file, part.Line, $"'### {part.Title}' under '## {section.Title}' has no description"));
                into.Add(new TypeHelp(part.Title, text));
            }
            if (section.Parts.Count == 0) errors.Add(new HelpError(file, section.Line, $"section '## {section.Title}' names no type ('### TypeName', or '### None')"));
        }

        private static void ReadExamples(MarkdownSection? section, CommandHelp help, string file, List<HelpError> errors)
        {
            if (section == null) return;
            foreach (var b in section.Body.Blocks)
                errors.Add(new HelpError(file, b.Line, "text in '## EXAMPLES' belongs under a '### Example N: title' heading"));
            if (section.Parts.Count == 0) errors.Add(new HelpError(file, section.Line, "section '## EXAMPLES' has no example"));
            foreach (var part in section.Parts)
            {
                var code = part.Blocks.Where(b => b.Kind == BlockKind.Code).Select(b => b.Text).ToList();
                var remarks = part.Blocks.Where(b => b.Kind != BlockKind.Code).Select(Paragraph).ToList();
                if (code.Count == 0) errors.Add(new HelpError(file, part.Line, $"example '{part.Title}' has no code block"));
                help.Examples.Add(new ExampleHelp(part.Title, string.Join("\n\n", code), remarks));
            }
        }

        private static readonly Regex LinkLine = new Regex(@"^\[([^\]]+)\]\(([^)\s]*)\)$", RegexOptions.CultureInvariant);

        private static void ReadLinks(MarkdownSection? section, CommandHelp help, string file, List<HelpError> errors)
        {
            if (section == null) return;
            foreach (var p in section.Parts)
                errors.Add(new HelpError(file, p.Line, $"'### {p.Title}' does not belong in '## RELATED LINKS'"));
            foreach (var b in section.Body.Blocks)
            {
                // One link per paragraph or list item; platyPS writes them one per line with blank lines between.
                var m = LinkLine.Match(b.Text.Trim());
                if (!m.Success)
                {
                    errors.Add(new HelpError(file, b.Line, $"'{b.Text}' is not a [text](address) link"));
                    continue;
                }
                string uri = m.Groups[2].Value;
                // Relative links between the markdown files mean a help topic: Get-Help finds it by name.
                help.Links.Add((m.Groups[1].Value, uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? uri : ""));
            }
        }

        /// <summary>The syntax lines and the parameter sections must describe the same parameters the same way.</summary>
        private static void CheckAgreement(MarkdownDocument doc, CommandHelp help, string file, List<HelpError> errors)
        {
            foreach (var set in help.Syntax)
            {
                foreach (var sp in set.Parameters)
                {
                    var p = help.Parameter(sp.Name);
                    if (p == null)
                    {
                        errors.Add(new HelpError(file, sp.Line, $"parameter -{sp.Name} is in the syntax of set '{set.Name}' but has no '### -{sp.Name}' section"));
                        continue;
                    }
                    if (p.Sets.Count == 0) continue;
                    var values = p.ForSet(set.Name);
                    if (values == null)
                    {
                        errors.Add(new HelpError(file, p.Line, $"parameter -{p.Name}: 'Parameter Sets:' does not name '{set.Name}', where the syntax uses it"));
                        continue;
                    }
                    if (values.Required != sp.Required)
                        errors.Add(new HelpError(file, values.Line, $"parameter -{p.Name}: 'Required: {values.Required}' but the syntax of set '{set.Name}' shows it {(sp.Required ? "required" : "optional")}"));
                    if (sp.PositionalForm != (values.Position != "Named"))
                        errors.Add(new HelpError(file, values.Line, $"parameter -{p.Name}: 'Position: {values.Position}' disagrees with the syntax of set '{set.Name}'"));
                    if (p.IsSwitch != (sp.Type == null))
                        errors.Add(new HelpError(file, sp.Line, $"parameter -{p.Name}: the syntax and 'Type: {p.Type}' disagree on whether it is a switch"));
                    else if (sp.Type != null && !string.Equals(sp.Type, ShortType(p.Type), StringComparison.OrdinalIgnoreCase))
                        errors.Add(new HelpError(file, sp.Line, $"parameter -{p.Name}: the syntax says <{sp.Type}>, the yaml block 'Type: {p.Type}'"));
                }
            }
            foreach (var p in help.Parameters.Where(p => !help.Syntax.Any(s => s.Parameters.Any(sp => string.Equals(sp.Name, p.Name, StringComparison.OrdinalIgnoreCase)))))
                errors.Add(new HelpError(file, p.Line, $"parameter -{p.Name} is documented but is in no syntax line"));
        }

        private static string ShortType(string type) => type.Substring(type.LastIndexOf('.') + 1);
    }
}
