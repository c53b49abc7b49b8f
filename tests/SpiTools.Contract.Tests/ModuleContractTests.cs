using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace SpiTools.Contract.Tests
{
    public class ModuleContractTests
    {
        private static readonly Assembly Module = typeof(SpiTools.Commands.GetIpsecSaCommand).Assembly;
        private static readonly Assembly Core = typeof(SpiTools.IpsecSa).Assembly;
        private static readonly Assembly Sma = Assembly.Load("System.Management.Automation");

        internal static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SpiTools.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
            }
        }

        /// <summary>Every [Cmdlet] class, read through CustomAttributeData (no engine needed).</summary>
        public static IEnumerable<(Type Type, string Verb, string Noun, CustomAttributeData Attribute)> Cmdlets() =>
            Module.GetTypes()
                .Select(t => (t, a: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")))
                .Where(x => x.a != null)
                .Select(x => (x.t, (string)x.a!.ConstructorArguments[0].Value!, (string)x.a.ConstructorArguments[1].Value!, x.a));

        private static HashSet<string> ApprovedVerbs() =>
            Sma.GetTypes().Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
                .ToHashSet(StringComparer.Ordinal);

        /// <summary>A cmdlet that reads captures (its base class is the shared capture-input command), as opposed to one that writes a report.</summary>
        private static bool IsReader(Type type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
                if (t.Name == "CaptureInputCommand") return true;
            return false;
        }

        [Fact]
        public void There_is_a_cmdlet_for_every_record_type_the_cli_emits()
        {
            Assert.Equal(new[] { "Compare-SpiContext", "Export-SpiReport", "Get-AsaPacketTrace", "Get-AsaVpnContext", "Get-AsaVpnSession", "Get-IkeSa", "Get-IpsecLifetime", "Get-IpsecSa", "Get-SaEvent", "Get-SaTimeline", "Invoke-InactiveSaClear", "Invoke-SpiAudit" },
                Cmdlets().Select(c => $"{c.Verb}-{c.Noun}").OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Verbs_are_approved_nouns_prefixed_and_classes_named_for_them()
        {
            var approved = ApprovedVerbs();
            Assert.Contains("Get", approved);
            Assert.Contains("Compare", approved);
            foreach (var (type, verb, noun, _) in Cmdlets())
            {
                Assert.Contains(verb, approved);
                Assert.Matches("^(Asa|Ftd|Ios|Ipsec|Ike|Sa|Spi|InactiveSa)[A-Z]", noun);
                Assert.Equal($"{verb}{noun}Command", type.Name);
                Assert.True(type.IsSealed, $"{type.Name} is not sealed");
                Assert.Equal("SpiTools.Commands", type.Namespace);
            }
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_types_and_they_are_core_types()
        {
            foreach (var (type, _, _, _) in Cmdlets())
            {
                var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute").ToList();
                Assert.NotEmpty(outputs);
                foreach (var arg in outputs.SelectMany(o => o.ConstructorArguments).SelectMany(a => a.Value is IEnumerable<CustomAttributeTypedArgument> items ? items : new[] { a }))
                {
                    // A cmdlet that writes a file passes the file on (-PassThru), as Out-File and Export-Csv do; every other output is a core type.
                    if ((Type)arg.Value! == typeof(FileInfo) && type.Name.StartsWith("Export", StringComparison.Ordinal)) continue;
                    Assert.Equal(Core, ((Type)arg.Value!).Assembly);
                }
            }
        }

        [Fact]
        public void State_changing_verbs_support_should_process()
        {
            var changing = new[] { "Set", "Remove", "Clear", "Invoke", "Reset", "Stop", "Start", "Restart", "New", "Update", "Disable", "Enable" };
            // Invoke-SpiAudit runs read-only show commands only: it changes nothing, so it has nothing to confirm.
            var readOnly = new[] { "InvokeSpiAuditCommand" };
            foreach (var (type, verb, _, attribute) in Cmdlets())
            {
                if (readOnly.Contains(type.Name)) continue;
                bool supports = attribute.NamedArguments.Any(n => n.MemberName == "SupportsShouldProcess" && (bool)n.TypedValue.Value!);
                if (changing.Contains(verb)) Assert.True(supports, $"{type.Name} changes state but does not support ShouldProcess");
            }
            // The one cmdlet that sends a state-changing command to a device asks for confirmation by default.
            var clear = Cmdlets().Single(c => c.Type.Name == "InvokeInactiveSaClearCommand").Attribute;
            Assert.Contains(clear.NamedArguments, n => n.MemberName == "SupportsShouldProcess" && (bool)n.TypedValue.Value!);
            Assert.Contains(clear.NamedArguments, n => n.MemberName == "ConfirmImpact" && (int)n.TypedValue.Value! == 3); // ConfirmImpact.High
        }

        [Fact]
        public void Pipeline_parameters_carry_the_aliases_posh_ssh_and_get_childitem_need()
        {
            foreach (var (type, _, _, _) in Cmdlets().Where(c => IsReader(c.Type)))
            {
                string[] Aliases(string name) => type.GetProperty(name)!.GetCustomAttributesData()
                    .Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToArray();
                Assert.Contains("Output", Aliases("InputText"));
                Assert.Contains("Host", Aliases("Device"));
                Assert.Contains("PSPath", Aliases("LiteralPath"));
                Assert.Contains("FullName", Aliases("Path"));
                var byProperty = type.GetProperties().Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute" &&
                    a.NamedArguments.Any(n => n.MemberName == "ValueFromPipelineByPropertyName" && (bool)n.TypedValue.Value!))).Select(p => p.Name).ToList();
                // Get-IpsecSa and Compare-SpiContext also take the Azure gateway's IKE SA objects by their quickModeSa property.
                var expected = new List<string> { "Device", "InputText", "LiteralPath", "Path" };
                if (type.Name is "GetIpsecSaCommand" or "CompareSpiContextCommand") expected.Add("QuickModeSa");
                Assert.Equal(expected, byProperty.OrderBy(n => n, StringComparer.Ordinal));
            }
        }

        [Fact]
        public void No_cmdlet_uses_microsoft_powershell_commands_types()
        {
            Assert.DoesNotContain(Module.GetReferencedAssemblies(), a => a.Name == "Microsoft.PowerShell.Commands.Utility");
            Assert.DoesNotContain(Module.GetTypes().SelectMany(t => t.GetProperties()), p => p.PropertyType.Namespace?.StartsWith("Microsoft.PowerShell.Commands", StringComparison.Ordinal) == true);
        }

        private static string Manifest => File.ReadAllText(Path.Combine(RepoRoot, "SpiTools.psd1"));

        private static string[] ManifestList(string key)
        {
            var m = Regex.Match(Manifest, key + @"\s*=\s*@\(([^)]*)\)");
            Assert.True(m.Success, $"{key} not found in SpiTools.psd1");
            return Regex.Matches(m.Groups[1].Value, "'([^']*)'").Select(x => x.Groups[1].Value).ToArray();
        }

        [Fact]
        public void Manifest_exports_exactly_the_cmdlets_and_nothing_else()
        {
            Assert.Equal(Cmdlets().Select(c => $"{c.Verb}-{c.Noun}").OrderBy(n => n), ManifestList("CmdletsToExport").OrderBy(n => n));
            Assert.Empty(ManifestList("FunctionsToExport"));
            Assert.Empty(ManifestList("VariablesToExport"));
            Assert.Empty(ManifestList("AliasesToExport"));
            Assert.Equal(new[] { "Desktop", "Core" }, ManifestList("CompatiblePSEditions"));
            Assert.Contains("RootModule             = 'SpiTools.dll'", Manifest);
            Assert.Contains("PowerShellVersion      = '5.1'", Manifest);
            Assert.Contains("ProjectUri", Manifest);
            Assert.Contains("LicenseUri", Manifest);
            Assert.Contains("PSEdition_Core", ManifestList("Tags"));
            Assert.Equal(new[] { "SpiTools.Format.ps1xml" }, ManifestList("FormatsToProcess"));
        }

        [Fact]
        public void Manifest_version_is_the_assembly_version_from_the_one_version_source()
        {
            var props = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props"));
            var version = props.Descendants("Version").Single().Value;
            var manifestVersion = Regex.Match(Manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            Assert.Equal(version, manifestVersion);
            Assert.Equal(new Version(version), new Version(Module.GetName().Version!.ToString(3)));
        }

        [Fact]
        public void Format_views_are_well_formed_and_name_only_real_types_and_properties()
        {
            var doc = XDocument.Load(Path.Combine(RepoRoot, "src", "SpiTools", "SpiTools.Format.ps1xml"));
            var views = doc.Descendants("View").ToList();
            Assert.NotEmpty(views);
            var covered = new HashSet<string>();
            foreach (var view in views)
            {
                var typeName = view.Descendants("TypeName").First().Value;
                // A view for a type name a cmdlet puts first (SpiTools.Finding#Audit) shows that SpiTools type.
                var type = Core.GetType(typeName.Split('#')[0]);
                Assert.True(type != null, $"{typeName} is not a SpiTools type");
                covered.Add(typeName.Split('#')[0]);
                foreach (var name in view.Descendants("TypeName").Select(t => t.Value))
                    Assert.True(name == typeName || name == "Deserialized." + typeName, name);
                foreach (var prop in view.Descendants("PropertyName").Select(p => p.Value))
                    Assert.True(type!.GetProperty(prop) != null, $"{typeName} has no property {prop}");
                int width = view.Descendants("Width").Sum(w => int.Parse(w.Value)) + view.Descendants("TableColumnHeader").Count();
                Assert.True(width <= 120, $"{typeName} view is {width} columns wide");
                Assert.Equal(view.Descendants("TableColumnHeader").Count(), view.Descendants("TableColumnItem").Count());
            }
            foreach (var output in Cmdlets().SelectMany(c => c.Type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute"))
                         .SelectMany(o => (IEnumerable<CustomAttributeTypedArgument>)o.ConstructorArguments[0].Value!).Select(a => (Type)a.Value!).Where(t => t.Assembly == Core).Select(t => t.FullName!))
                Assert.Contains(output, covered);
        }

        [Fact]
        public async System.Threading.Tasks.Task The_published_module_folder_is_complete_and_ships_no_engine_assembly()
        {
            var outDir = Path.Combine(Path.GetTempPath(), "spitools-stage-" + Guid.NewGuid().ToString("N"));
            try
            {
                var psi = new ProcessStartInfo("dotnet", $"publish \"{Path.Combine(RepoRoot, "src", "SpiTools", "SpiTools.csproj")}\" -c Release -o \"{outDir}\" --nologo")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                Assert.True(p.WaitForExit(300_000), "dotnet publish did not finish");
                string output = await stdout + await stderr;
                Assert.True(p.ExitCode == 0, output);
                var files = Directory.GetFiles(outDir).Select(Path.GetFileName).ToList();
                foreach (var expected in new[] { "SpiTools.dll", "SpiTools.Core.dll", "SpiTools.psd1", "SpiTools.Format.ps1xml", "System.Memory.dll" })
                    Assert.Contains(expected, files);
                Assert.DoesNotContain("System.Management.Automation.dll", files);
                // Help built from docs/en-US (tests/SpiTools.Help.Tests checks its content).
                foreach (var help in new[] { "SpiTools.dll-Help.xml", "about_SpiTools.help.txt" })
                    Assert.True(File.Exists(Path.Combine(outDir, "en-US", help)), $"en-US/{help} was not published");
                Assert.DoesNotContain(files, f => f!.StartsWith("SpiTools.HelpBuilder", StringComparison.Ordinal));
            }
            finally
            {
                if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            }
        }
    }
}
