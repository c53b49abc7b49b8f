using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpiTools.HelpBuilder;
using Xunit;

namespace SpiTools.Help.Tests
{
    /// <summary>The real docs/en-US: complete for the cmdlet set, and in step with the cmdlet classes of the built SpiTools.dll.</summary>
    public class ModuleHelpTests
    {
        private static readonly XNamespace Maml = MamlWriter.Maml, Command = MamlWriter.Command, Dev = MamlWriter.Dev;
        private static readonly Assembly Module = typeof(SpiTools.Commands.GetIpsecSaCommand).Assembly;
        private static readonly Assembly Core = typeof(SpiTools.IpsecSa).Assembly;

        /// <summary>The cmdlets the module has, or is being changed to have, and so the help documents.</summary>
        private static readonly string[] CmdletSet =
        {
            "Compare-SpiContext", "Export-SpiReport", "Get-AsaPacketTrace", "Get-AsaVpnContext", "Get-AsaVpnSession", "Get-IkeSa", "Get-IpsecLifetime", "Get-IpsecSa", "Get-SaEvent", "Get-SaTimeline", "Invoke-InactiveSaClear", "Invoke-SpiAudit",
        };

        private static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SpiTools.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
            }
        }

        private static string Docs => Path.Combine(RepoRoot, "docs", "en-US");

        private static readonly Lazy<List<(string Name, string Content)>> Built = new Lazy<List<(string, string)>>(() =>
        {
            var errors = new List<HelpError>();
            var files = HelpSet.Build(Docs, "SpiTools.dll", errors);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            return files;
        });

        private static Dictionary<string, XElement> Commands() =>
            XDocument.Parse(Built.Value.Single(f => f.Name == "SpiTools.dll-Help.xml").Content).Root!
                .Elements(Command + "command").ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);

        private static string AboutMarkdown => File.ReadAllText(Path.Combine(Docs, "about_SpiTools.md"));

        private static IEnumerable<(Type Type, string Name)> CmdletClasses() =>
            Module.GetTypes()
                .Select(t => (t, a: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")))
                .Where(x => x.a != null)
                .Select(x => (x.t, $"{x.a!.ConstructorArguments[0].Value}-{x.a.ConstructorArguments[1].Value}"));

        private static IEnumerable<PropertyInfo> CmdletParameters(Type type) =>
            type.GetProperties().Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute"));

        private static string[] Aliases(PropertyInfo p) => p.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "AliasAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToArray();

        private static IEnumerable<string> Paras(XElement? e) => e?.Elements(Maml + "para").Select(p => p.Value) ?? Enumerable.Empty<string>();

        /// <summary>A cmdlet that reads captures (its base class is the shared capture-input command), as opposed to one that writes a report.</summary>
        private static bool IsReader(Type type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
                if (t.Name == "CaptureInputCommand") return true;
            return false;
        }

        [Fact]
        public void The_docs_document_exactly_the_cmdlet_set_and_every_built_cmdlet()
        {
            var commands = Commands();
            Assert.Equal(CmdletSet, commands.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var (_, name) in CmdletClasses()) Assert.Contains(name, commands.Keys);
        }

        [Fact]
        public void Every_cmdlet_has_synopsis_description_examples_inputs_outputs_notes_and_links()
        {
            foreach (var (name, c) in Commands())
            {
                Assert.True(Paras(c.Element(Command + "details")!.Element(Maml + "description")).Any(p => p.Length > 20), $"{name}: synopsis");
                Assert.True(Paras(c.Element(Maml + "description")).Sum(p => p.Length) > 200, $"{name}: description");
                var examples = c.Element(Command + "examples")!.Elements(Command + "example").ToList();
                Assert.True(examples.Count >= 2, $"{name}: {examples.Count} examples");
                foreach (var e in examples)
                {
                    Assert.Contains(name, e.Element(Dev + "code")!.Value);
                    Assert.True(e.Element(Maml + "title")!.Value.Length <= 76, $"{name}: the title of '{e.Element(Maml + "title")!.Value}' does not fit 80 columns");
                    Assert.True(Paras(e.Element(Dev + "remarks")).Any(p => p.Length > 0), $"{name}: {e.Element(Maml + "title")!.Value} has no remarks");
                }
                var inputs = c.Element(Command + "inputTypes")!.Elements(Command + "inputType").ToList();
                Assert.NotEmpty(inputs);
                Assert.All(inputs, i => Assert.NotEmpty(Paras(i.Element(Maml + "description"))));
                var outputs = c.Element(Command + "returnValues")!.Elements(Command + "returnValue").ToList();
                Assert.NotEmpty(outputs);
                Assert.All(outputs, o => Assert.NotEmpty(Paras(o.Element(Maml + "description"))));
                Assert.NotEmpty(Paras(c.Element(Maml + "alertSet")!.Element(Maml + "alert")));
                Assert.Contains("about_SpiTools", c.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => l.Element(Maml + "linkText")!.Value));
                Assert.Contains("SSH", string.Concat(c.Descendants().Select(d => d.Value)));
            }
        }

        [Fact]
        public void The_reading_cmdlets_document_the_errors_warnings_and_streaming_they_share()
        {
            var readers = CmdletClasses().Where(c => IsReader(c.Type)).Select(c => c.Name).ToList();
            Assert.True(readers.Count >= 6, string.Join(", ", readers));
            foreach (var (name, c) in Commands().Where(c => readers.Contains(c.Key)))
            {
                string text = string.Join(" ", c.Descendants(Maml + "para").Select(p => p.Value));
                foreach (var id in new[] { "CaptureFileNotFound", "CaptureFileUnreadable", "DeviceOutputEmpty" })
                    Assert.Contains(id, text);
                Assert.Contains("-Verbose", text);
                Assert.Contains("warning", text, StringComparison.OrdinalIgnoreCase);
                // -ComputerName connects to a device; the text label for piped input is -Device.
                foreach (var id in new[] { "AuthenticationFailed", "HostKeyUnknown", "OutputIncomplete", "InvalidDeviceArgument" })
                    Assert.Contains(id, text);
            }
        }

        [Fact]
        public void Every_parameter_of_each_cmdlet_class_has_a_description_and_no_documented_parameter_is_missing_from_it()
        {
            var commands = Commands();
            foreach (var (type, name) in CmdletClasses())
            {
                var documented = commands[name].Element(Command + "parameters")!.Elements(Command + "parameter")
                    .ToDictionary(p => p.Element(Maml + "name")!.Value, StringComparer.OrdinalIgnoreCase);
                var parameters = CmdletParameters(type).ToList();
                Assert.NotEmpty(parameters);
                foreach (var p in parameters)
                {
                    Assert.True(documented.TryGetValue(p.Name, out var doc), $"{name}: parameter -{p.Name} is not documented under its name");
                    Assert.True(Paras(doc!.Element(Maml + "description")).Sum(s => s.Length) > 20, $"{name}: -{p.Name} has no real description");
                    var attrs = p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").ToList();
                    bool Named(string member) => attrs.Any(a => a.NamedArguments.Any(n => n.MemberName == member && n.TypedValue.Value is bool b && b));
                    Assert.Equal(Named("Mandatory"), doc.Attribute("required")!.Value == "true");
                    var position = attrs.SelectMany(a => a.NamedArguments).Where(n => n.MemberName == "Position").Select(n => n.TypedValue.Value!.ToString()).FirstOrDefault() ?? "named";
                    Assert.Equal(position, doc.Attribute("position")!.Value);
                    string pipeline = Named("ValueFromPipeline") && Named("ValueFromPipelineByPropertyName") ? "True (ByValue, ByPropertyName)"
                        : Named("ValueFromPipeline") ? "True (ByValue)" : Named("ValueFromPipelineByPropertyName") ? "True (ByPropertyName)" : "False";
                    Assert.True(pipeline == doc.Attribute("pipelineInput")!.Value, $"{name} -{p.Name}: pipeline input {pipeline}, documented {doc.Attribute("pipelineInput")!.Value}");
                    bool wildcards = p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "SupportsWildcardsAttribute");
                    // [SupportsWildcards] is only metadata: a parameter may resolve wildcards without it (-Before), never the reverse.
                    if (wildcards) Assert.True(doc.Attribute("globbing")!.Value == "true", $"{name} -{p.Name}: wildcards");
                    string expectedType = p.PropertyType.Name == "SwitchParameter" ? "SwitchParameter" : (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).Name;
                    Assert.Equal(expectedType, doc.Element(Dev + "type")!.Element(Maml + "name")!.Value);
                    Assert.Equal(Aliases(p).OrderBy(a => a, StringComparer.Ordinal), doc.Attribute("aliases")!.Value.Split(", ", StringSplitOptions.RemoveEmptyEntries).Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)).OrderBy(a => a, StringComparer.Ordinal));
                }
                bool shouldProcess = type.GetCustomAttributesData().Any(a => a.AttributeType.Name == "CmdletAttribute" &&
                    a.NamedArguments.Any(n => n.MemberName == "SupportsShouldProcess" && (bool)n.TypedValue.Value!));
                // -WhatIf and -Confirm are the engine's, documented for a cmdlet that supports ShouldProcess (and only for it).
                foreach (var documentedName in documented.Keys.Where(k => !(shouldProcess && (k == "WhatIf" || k == "Confirm"))))
                    Assert.True(parameters.Any(p => p.Name.Equals(documentedName, StringComparison.Ordinal)),
                        $"{name}: -{documentedName} is documented but the cmdlet has no such parameter");
            }
        }

        [Fact]
        public void Every_declared_output_type_is_documented_and_its_properties_are_in_the_about_topic()
        {
            var commands = Commands();
            foreach (var (type, name) in CmdletClasses())
            {
                var documented = commands[name].Element(Command + "returnValues")!.Elements(Command + "returnValue")
                    .Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value).ToList();
                var declared = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                    .SelectMany(o => (IEnumerable<CustomAttributeTypedArgument>)o.ConstructorArguments[0].Value!).Select(a => ((Type)a.Value!).FullName!);
                foreach (var t in declared) Assert.Contains(t, documented);
            }
            // The full per-property reference: one '### SpiTools.Type' part per record type, every public property listed.
            string about = AboutMarkdown;
            foreach (var t in Core.GetTypes().Where(t => t.IsPublic && t.Namespace == "SpiTools" && t.GetInterface("ICaptureRecord") != null || t == typeof(SpiTools.Finding)))
            {
                int start = about.IndexOf($"### {t.FullName}\n", StringComparison.Ordinal);
                Assert.True(start >= 0, $"about_SpiTools.md has no '### {t.FullName}' property reference");
                int end = about.IndexOf("\n#", start + 4, StringComparison.Ordinal);
                string part = end < 0 ? about.Substring(start) : about.Substring(start, end - start);
                foreach (var p in t.GetProperties())
                    Assert.True(Regex.IsMatch(part, $@"^- `{p.Name}` \(", RegexOptions.Multiline), $"{t.Name}.{p.Name} is not in the about topic's reference");
            }
        }

        [Fact]
        public void The_key_properties_named_under_outputs_are_real_properties_of_that_type()
        {
            int checkedNames = 0;
            foreach (var file in Directory.GetFiles(Docs, "*-*.md"))
            {
                string text = File.ReadAllText(file).Replace("\r\n", "\n");
                int start = text.IndexOf("\n## OUTPUTS\n", StringComparison.Ordinal), end = text.IndexOf("\n## NOTES\n", StringComparison.Ordinal);
                Assert.True(start > 0 && end > start, file);
                foreach (var part in text.Substring(start, end - start).Split("\n### ").Skip(1))
                {
                    string typeName = part.Substring(0, part.IndexOf('\n'));
                    var type = Core.GetType(typeName) ?? typeof(FileInfo).Assembly.GetType(typeName);
                    Assert.True(type != null, $"{Path.GetFileName(file)}: output type {typeName} does not exist");
                    foreach (Match m in Regex.Matches(part, @"`([A-Z]\w+)`"))
                    {
                        Assert.True(type!.GetProperty(m.Groups[1].Value) != null, $"{Path.GetFileName(file)}: {typeName} has no property {m.Groups[1].Value}");
                        checkedNames++;
                    }
                }
            }
            Assert.True(checkedNames > 60, $"{checkedNames} property names checked");
        }

        [Fact]
        public void The_about_topic_lists_every_diagnostic_code_finding_code_and_cmdlet()
        {
            string about = AboutMarkdown;
            var diagnostics = Core.GetType("SpiTools.Parsing.DiagnosticCodes")!.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
            Assert.True(diagnostics.Count >= 20);
            var findings = Core.GetType("SpiTools.Diagnosis.FindingCodes")!.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
            Assert.True(findings.Count >= 9, string.Join(", ", findings));
            foreach (var code in diagnostics.Concat(findings).Concat(CmdletSet))
                Assert.True(Regex.IsMatch(about, $@"`{code}`"), $"{code} is not in about_SpiTools.md");
        }

        [Fact]
        public void The_about_topic_reads_at_80_columns()
        {
            var text = Built.Value.Single(f => f.Name == "about_SpiTools.help.txt").Content;
            var lines = text.Split('\n');
            Assert.True(lines.Length > 100, $"{lines.Length} lines");
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length}: {l}"));
            Assert.DoesNotContain(lines, l => l.Contains('`') || l.StartsWith("#", StringComparison.Ordinal));
        }

        [Fact]
        public void The_build_put_the_current_help_next_to_the_module_assembly()
        {
            // The module's build ran the converter: the files beside SpiTools.dll are what the docs give now.
            string dir = Path.Combine(Path.GetDirectoryName(Module.Location)!, "en-US");
            foreach (var (fileName, content) in Built.Value)
            {
                string staged = Path.Combine(dir, fileName);
                Assert.True(File.Exists(staged), $"{staged} was not built");
                Assert.Equal(content, File.ReadAllText(staged));
            }
        }
    }
}
