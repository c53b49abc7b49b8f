using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using SpiTools.HelpBuilder;
using Xunit;

namespace SpiTools.Help.Tests
{
    /// <summary>The converter on small hand-written help files.</summary>
    public class ConverterTests
    {
        private static readonly XNamespace Maml = MamlWriter.Maml, Command = MamlWriter.Command, Dev = MamlWriter.Dev;

        internal const string Sample = @"---
external help file: Demo.dll-Help.xml
schema: 2.0.0
---

# Get-Demo

## SYNOPSIS
Reads `demo` captures.

## SYNTAX

### Path (Default)
```
Get-Demo [-Path] <String[]> [-Quiet] [<CommonParameters>]
```

### InputText
```
Get-Demo -InputText <String[]> [-Device <String>] [-Quiet] [<CommonParameters>]
```

## DESCRIPTION
First paragraph,
continued on a second line.

Second paragraph with **bold** and a [link](https://example.org/x).

## EXAMPLES

### Example 1: Read a file
```powershell
Get-Demo -Path ./a.txt
```

Reads one file.

### Example 2: From text
```powershell
Get-Content ./a.txt | Get-Demo
```

Lines arrive one by one.

## PARAMETERS

### -Path
Files to read.

```yaml
Type: String[]
Parameter Sets: Path
Aliases: FullName

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: True
```

### -InputText
Text to read.

```yaml
Type: String[]
Parameter Sets: InputText
Aliases: Output, Text

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByValue, ByPropertyName)
Accept wildcard characters: False
```

### -Device
The device name.

```yaml
Type: String
Parameter Sets: InputText
Aliases: Host, HostName

Required: False
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Quiet
Say less.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Lines of text.

## OUTPUTS

### Demo.Record
One per record.

### Demo.Diagnostic
With -IncludeDiagnostic.

## NOTES
Errors are non-terminating.

- `DemoFileNotFound`: a path does not exist.

## RELATED LINKS
[about_Demo](about_Demo.md)

[Online](https://example.org/demo)
";

        private static XElement Convert(string markdown, out List<HelpError> errors)
        {
            errors = new List<HelpError>();
            var help = CommandHelpReader.Read("Get-Demo.md", markdown, errors);
            Assert.True(help != null, string.Join("\n", errors));
            return MamlWriter.Write(new[] { help! }).Root!.Element(Command + "command")!;
        }

        private static List<HelpError> Errors(string markdown)
        {
            var errors = new List<HelpError>();
            var help = CommandHelpReader.Read("Get-Demo.md", markdown, errors);
            Assert.Null(help);
            Assert.NotEmpty(errors);
            return errors;
        }

        private static int LineOf(string markdown, string text) =>
            markdown.Replace("\r\n", "\n").Split('\n').ToList().FindIndex(l => l == text) + 1;

        private static IEnumerable<string> Paras(XElement? e) => e!.Elements(Maml + "para").Select(p => p.Value);

        [Fact]
        public void Details_description_and_notes_land_where_maml_wants_them()
        {
            var c = Convert(Sample, out _);
            Assert.Equal(MamlWriter.Msh + "helpItems", c.Parent!.Name);
            Assert.Equal("maml", c.Parent.Attribute("schema")!.Value);
            var details = c.Element(Command + "details")!;
            Assert.Equal("Get-Demo", details.Element(Command + "name")!.Value);
            Assert.Equal("Get", details.Element(Command + "verb")!.Value);
            Assert.Equal("Demo", details.Element(Command + "noun")!.Value);
            Assert.Equal(new[] { "Reads demo captures." }, Paras(details.Element(Maml + "description")));
            Assert.Equal(new[] { "First paragraph, continued on a second line.", "Second paragraph with bold and a link (https://example.org/x)." },
                Paras(c.Element(Maml + "description")));
            Assert.Equal(new[] { "Errors are non-terminating.", "- DemoFileNotFound: a path does not exist." },
                Paras(c.Element(Maml + "alertSet")!.Element(Maml + "alert")));
        }

        [Fact]
        public void Each_parameter_set_is_one_syntax_item_default_first_with_its_parameters()
        {
            var c = Convert(Sample, out _);
            var items = c.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
            Assert.Equal(2, items.Count);
            Assert.All(items, i => Assert.Equal("Get-Demo", i.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "Path", "Quiet" }, items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "InputText", "Device", "Quiet" }, items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
            var path = items[0].Elements(Command + "parameter").First();
            Assert.Equal("true", path.Attribute("required")!.Value);
            Assert.Equal("0", path.Attribute("position")!.Value);
            Assert.Equal("String[]", path.Element(Command + "parameterValue")!.Value);
            var device = items[1].Elements(Command + "parameter").ElementAt(1);
            Assert.Equal("false", device.Attribute("required")!.Value);
            Assert.Equal("named", device.Attribute("position")!.Value);
            // A switch shows as [-Quiet], so its syntax entry has no value; the parameter list still names its type.
            Assert.Null(items[0].Elements(Command + "parameter").Last().Element(Command + "parameterValue"));
        }

        [Fact]
        public void The_parameter_list_carries_every_yaml_value()
        {
            var c = Convert(Sample, out _);
            var ps = c.Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "Path", "InputText", "Device", "Quiet" }, ps.Keys);
            var path = ps["Path"];
            Assert.Equal("true", path.Attribute("required")!.Value);
            Assert.Equal("true", path.Attribute("globbing")!.Value);
            Assert.Equal("True (ByPropertyName)", path.Attribute("pipelineInput")!.Value);
            Assert.Equal("0", path.Attribute("position")!.Value);
            Assert.Equal("FullName", path.Attribute("aliases")!.Value);
            Assert.Equal("true", path.Attribute("variableLength")!.Value);
            Assert.Equal(new[] { "Files to read." }, Paras(path.Element(Maml + "description")));
            Assert.Equal("String[]", path.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("None", path.Element(Dev + "defaultValue")!.Value);
            var text = ps["InputText"];
            Assert.Equal("True (ByValue, ByPropertyName)", text.Attribute("pipelineInput")!.Value);
            Assert.Equal("Output, Text", text.Attribute("aliases")!.Value);
            Assert.Equal("false", text.Attribute("globbing")!.Value);
            Assert.Equal("named", text.Attribute("position")!.Value);
            var quiet = ps["Quiet"];
            Assert.Equal("none", quiet.Attribute("aliases")!.Value);
            Assert.Equal("false", quiet.Attribute("required")!.Value);
            Assert.Equal("SwitchParameter", quiet.Element(Command + "parameterValue")!.Value);
            Assert.Equal("False", quiet.Element(Dev + "defaultValue")!.Value);
        }

        [Fact]
        public void Inputs_outputs_examples_and_links_land_where_maml_wants_them()
        {
            var c = Convert(Sample, out _);
            var input = c.Element(Command + "inputTypes")!.Elements(Command + "inputType").Single();
            Assert.Equal("System.String[]", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "Lines of text." }, Paras(input.Element(Maml + "description")));
            var outputs = c.Element(Command + "returnValues")!.Elements(Command + "returnValue").ToList();
            Assert.Equal(new[] { "Demo.Record", "Demo.Diagnostic" }, outputs.Select(o => o.Element(Dev + "type")!.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "With -IncludeDiagnostic." }, Paras(outputs[1].Element(Maml + "description")));
            var examples = c.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Equal("-------------------------- Example 2: From text --------------------------", examples[1].Element(Maml + "title")!.Value);
            Assert.Equal("Get-Content ./a.txt | Get-Demo", examples[1].Element(Dev + "code")!.Value);
            Assert.Equal(new[] { "Lines arrive one by one." }, Paras(examples[1].Element(Dev + "remarks")));
            Assert.Equal("--- " + new string('x', 80) + " ---", MamlWriter.Title(new string('x', 80)));
            Assert.Equal(74, MamlWriter.Title(new string('x', 40)).Length);
            var links = c.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();
            Assert.Equal(new[] { ("about_Demo", ""), ("Online", "https://example.org/demo") }, links);
        }

        [Theory]
        [InlineData("SYNOPSIS", "## SYNTAX")]
        [InlineData("DESCRIPTION", "## EXAMPLES")]
        [InlineData("INPUTS", "## OUTPUTS")]
        [InlineData("NOTES", "## RELATED LINKS")]
        public void A_missing_section_is_an_error_naming_file_and_line(string section, string nextHeading)
        {
            // The complete file converts; the same file without the section does not.
            Convert(Sample, out var none);
            Assert.Empty(none);
            var lines = Sample.Replace("\r\n", "\n").Split('\n').ToList();
            int start = lines.IndexOf("## " + section);
            int end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            lines.RemoveRange(start, end - start);
            string broken = string.Join("\n", lines);
            var errors = Errors(broken);
            var e = Assert.Single(errors, x => x.Message.Contains($"'## {section}' is missing"));
            Assert.Equal("Get-Demo.md", e.File);
            Assert.Equal(LineOf(broken, nextHeading), e.Line);
            Assert.StartsWith($"Get-Demo.md({e.Line}): error SPIHELP: ", e.ToString());
        }

        [Fact]
        public void A_syntax_parameter_without_its_section_is_an_error_on_the_syntax_line()
        {
            string broken = Sample.Replace("Get-Demo [-Path] <String[]> [-Quiet] [<CommonParameters>]",
                "Get-Demo [-Path] <String[]> [-Quiet] [-Depth <Int32>] [<CommonParameters>]");
            var e = Assert.Single(Errors(broken));
            Assert.Contains("-Depth", e.Message);
            Assert.Contains("'### -Depth'", e.Message);
            Assert.Equal(LineOf(broken, "Get-Demo [-Path] <String[]> [-Quiet] [-Depth <Int32>] [<CommonParameters>]"), e.Line);
        }

        [Fact]
        public void A_documented_parameter_in_no_syntax_is_an_error()
        {
            string broken = Sample.Replace("Get-Demo -InputText <String[]> [-Device <String>] [-Quiet]", "Get-Demo -InputText <String[]> [-Quiet]");
            var e = Assert.Single(Errors(broken));
            Assert.Equal(LineOf(broken, "### -Device"), e.Line);
            Assert.Contains("in no syntax", e.Message);
        }

        [Fact]
        public void Yaml_blocks_are_checked_against_the_syntax_and_for_every_key()
        {
            string noKey = Sample.Replace("Type: String\nParameter Sets: InputText\nAliases: Host, HostName\n", "Type: String\nParameter Sets: InputText\n");
            Assert.Contains(Errors(noKey), e => e.Message.Contains("lacks 'Aliases:'"));
            string required = Sample.Replace("Aliases: Host, HostName\n\nRequired: False", "Aliases: Host, HostName\n\nRequired: True");
            Assert.Contains(Errors(required), e => e.Message.Contains("-Device: 'Required: True'") && e.Line == LineOf(required, "### -Device") + 3);
            string type = Sample.Replace("Type: String\nParameter Sets: InputText\nAliases: Host", "Type: Int32\nParameter Sets: InputText\nAliases: Host");
            Assert.Contains(Errors(type), e => e.Message.Contains("<String>") && e.Message.Contains("Int32"));
            string set = Sample.Replace("Parameter Sets: Path\n", "Parameter Sets: LiteralPath\n");
            Assert.Contains(Errors(set), e => e.Message.Contains("does not name 'Path'"));
            string unknown = Sample.Replace("Accept wildcard characters: True", "Accept wildcard characters: True\nDynamic: True");
            Assert.Contains(Errors(unknown), e => e.Message.Contains("unknown yaml line 'Dynamic: True'") && e.Line == LineOf(unknown, "Dynamic: True"));
        }

        [Fact]
        public void Every_line_is_used_or_reported()
        {
            string stray = Sample.Replace("# Get-Demo\n", "# Get-Demo\nA stray line.\n");
            Assert.Contains(Errors(stray), e => e.Line == LineOf(stray, "A stray line.") && e.Message.Contains("outside any"));
            string unknown = Sample.Replace("## NOTES", "## REMARKS\nSomething.\n\n## NOTES");
            Assert.Contains(Errors(unknown), e => e.Line == LineOf(unknown, "## REMARKS") && e.Message.Contains("unknown section"));
            string noCode = Sample.Replace("```powershell\nGet-Content ./a.txt | Get-Demo\n```\n", "");
            Assert.Contains(Errors(noCode), e => e.Line == LineOf(noCode, "### Example 2: From text") && e.Message.Contains("no code block"));
            string open = Sample + "\n```\nnever closed\n";
            Assert.Contains(Errors(open), e => e.Message.Contains("never closed"));
            string empty = Sample.Replace("### -Quiet\nSay less.\n", "### -Quiet\n");
            Assert.Contains(Errors(empty), e => e.Line == LineOf(empty, "### -Quiet") && e.Message.Contains("no description"));
        }

        private const string About = @"# about_Demo

## SHORT DESCRIPTION
Reads **demo** captures.

## LONG DESCRIPTION
`Get-Demo` reads captures. This paragraph is long enough that it has to be wrapped at eighty columns when it is written out as plain text for Get-Help.

- `Spi` (string): the SPI, normalised as 0x and eight upper-case hexadecimal digits, whatever the device printed.
- `Direction` (string): Inbound or Outbound.

| Code | Meaning |
|---|---|
| `Stale` | a stale context |

### Example
```powershell
Get-Demo ./a.txt
```
";

        [Fact]
        public void An_about_topic_becomes_plain_text_that_reads_at_80_columns()
        {
            var errors = new List<HelpError>();
            var text = AboutTopicWriter.Write("about_Demo.md", About, errors);
            Assert.Empty(errors);
            var lines = text!.Split('\n');
            Assert.Equal(new[] { "TOPIC", "    about_Demo", "", "SHORT DESCRIPTION", "", "    Reads demo captures.", "", "LONG DESCRIPTION", "" }, lines.Take(9));
            Assert.All(lines, l => Assert.True(l.Length <= 80, l));
            Assert.DoesNotContain(lines, l => l.Contains('`') || l.Contains("**") || l.StartsWith("#", StringComparison.Ordinal) || l.Contains("|"));
            Assert.Contains("    - Spi (string): the SPI, normalised as 0x and eight upper-case hexadecimal", lines);
            Assert.Contains("      digits, whatever the device printed.", lines);
            Assert.Contains("    Code   Meaning", lines);
            Assert.Contains("    Stale  a stale context", lines);
            Assert.Contains("        Get-Demo ./a.txt", lines);
            Assert.Contains("  Example", lines);
            // Every word of the source is still there.
            foreach (var word in new[] { "eighty", "Get-Help.", "Outbound." }) Assert.Contains(word, text);
        }

        [Fact]
        public void An_about_topic_line_that_cannot_fit_is_an_error_with_its_line()
        {
            string wide = About.Replace("Get-Demo ./a.txt", "Get-Demo ./a.txt " + new string('x', 70));
            var errors = new List<HelpError>();
            Assert.Null(AboutTopicWriter.Write("about_Demo.md", wide, errors));
            var e = Assert.Single(errors);
            Assert.Equal(LineOf(wide, "Get-Demo ./a.txt " + new string('x', 70)), e.Line);
            Assert.Equal("about_Demo.md", e.File);
        }

        [Fact]
        public void The_command_line_writes_both_files_or_nothing()
        {
            string dir = Path.Combine(Path.GetTempPath(), "spitools-help-" + Guid.NewGuid().ToString("N"));
            try
            {
                string docs = Path.Combine(dir, "docs"), outDir = Path.Combine(dir, "out");
                Directory.CreateDirectory(docs);
                File.WriteAllText(Path.Combine(docs, "Get-Demo.md"), Sample);
                File.WriteAllText(Path.Combine(docs, "about_Demo.md"), About);
                Assert.Equal(0, Program.Main(new[] { docs, outDir, "Demo.dll" }));
                Assert.Equal(new[] { "Demo.dll-Help.xml", "about_Demo.help.txt" }, Directory.GetFiles(outDir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
                Assert.Equal("Get-Demo", XDocument.Load(Path.Combine(outDir, "Demo.dll-Help.xml")).Descendants(Command + "name").First().Value);

                File.WriteAllText(Path.Combine(docs, "Get-Demo.md"), Sample.Replace("## SYNOPSIS", "## SYNOPSYS"));
                string outBroken = Path.Combine(dir, "broken");
                var stderr = new StringWriter();
                var saved = Console.Error;
                Console.SetError(stderr);
                try { Assert.Equal(1, Program.Main(new[] { docs, outBroken })); }
                finally { Console.SetError(saved); }
                Assert.False(Directory.Exists(outBroken));
                Assert.Contains(Path.Combine(docs, "Get-Demo.md") + "(8): error SPIHELP: unknown section '## SYNOPSYS'", stderr.ToString());
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }
    }
}
