using System.Management.Automation;
using System.Text.RegularExpressions;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Get-Help in the real engine shows the help built from docs/en-US, for every cmdlet, and about_SpiTools.</summary>
    public class HelpTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public HelpTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public static TheoryData<string> Cmdlets => new() { "Get-IpsecSa", "Get-AsaVpnContext", "Get-AsaPacketTrace", "Get-IpsecLifetime", "Get-AsaVpnSession", "Compare-SpiContext", "Invoke-SpiAudit", "Get-IkeSa", "Get-SaEvent", "Get-SaTimeline", "Export-SpiReport", "Invoke-InactiveSaClear" };

        /// <summary>Text as the reader sees it: markdown code marks and emphasis dropped, white space folded.</summary>
        private static string Norm(string s) => Regex.Replace(s.Replace("`", "").Replace("**", ""), @"\s+", " ").Trim();

        /// <summary>The markdown of one section: the lines after <paramref name="heading"/> up to the next heading of that level or above.</summary>
        private static string Section(string[] lines, string heading)
        {
            int level = heading.TakeWhile(c => c == '#').Count();
            int start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
            Assert.True(start >= 0, $"no {heading}");
            var body = lines.Skip(start + 1).TakeWhile(l => !(l.StartsWith('#') && l.TakeWhile(c => c == '#').Count() <= level && l.Length > level && l[level] == ' '));
            return string.Join("\n", body);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Get_help_shows_the_docs_synopsis_description_parameters_and_examples(string cmdlet)
        {
            var md = File.ReadAllLines(PowerShellHost.RepoPath($"docs/en-US/{cmdlet}.md"));
            var help = _ps.Run($"Get-Help {cmdlet} -Full").ThrowOnError().Output.Single();

            Assert.Equal(Norm(Section(md, "## SYNOPSIS")), Norm((string)help.Properties["Synopsis"].Value));

            string description = string.Join(" ", ((IEnumerable<object>)LanguagePrimitives.ConvertTo(help.Properties["Description"].Value, typeof(object[]))).Select(p => ((PSObject)p).Properties["Text"].Value));
            Assert.False(string.IsNullOrWhiteSpace(description));
            Assert.Equal(Norm(Section(md, "## DESCRIPTION")), Norm(description));

            var parameters = _ps.Run($"(Get-Help {cmdlet} -Full).Parameters.Parameter | ForEach-Object {{ $_.Name + '|' + (($_.Description | ForEach-Object Text) -join ' ') }}").ThrowOnError().Strings();
            var declared = _ps.Run($"(Get-Command {cmdlet}).Parameters.Values | Where-Object {{ $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters }} | ForEach-Object Name").ThrowOnError().Strings();
            Assert.Equal(declared.OrderBy(n => n), parameters.Select(p => p.Split('|')[0]).OrderBy(n => n));
            foreach (var p in parameters)
            {
                var (name, text) = (p.Split('|')[0], p.Substring(p.IndexOf('|') + 1));
                Assert.False(string.IsNullOrWhiteSpace(text), $"-{name} has no text");
                string docText = Section(md, $"### -{name}").Split("```yaml")[0];
                Assert.Equal(Norm(docText), Norm(text));
            }

            var examples = _ps.Run($"(Get-Help {cmdlet} -Full).Examples.Example | ForEach-Object {{ $_.Code }}").ThrowOnError().Strings();
            int documented = md.Count(l => l.StartsWith("### Example", StringComparison.Ordinal));
            Assert.True(examples.Count >= 2, $"{examples.Count} examples");
            Assert.Equal(documented, examples.Count);
            var firstCode = Regex.Match(Section(md, "## EXAMPLES"), "```powershell\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value;
            Assert.Equal(Norm(firstCode), Norm(examples[0]));
        }

        [Fact]
        public void Help_renders_at_80_columns_with_its_sections()
        {
            var text = _ps.Render("Get-Help Compare-SpiContext -Full", 80);
            foreach (var heading in new[] { "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "Example 1:", "Example 2:", "RELATED LINKS" })
                Assert.Contains(heading, text);
            Assert.Contains("-Before", text);
            Assert.Contains("Accept wildcard characters?", text);
            Assert.Contains("SpiTools.Finding", text);
        }

        [Fact]
        public void The_about_topic_is_found_and_names_every_cmdlet()
        {
            var r = _ps.Run("Get-Help about_SpiTools | Out-String").ThrowOnError();
            var text = string.Join("\n", r.Strings());
            Assert.DoesNotContain("HelpNotFound", text);
            foreach (var cmdlet in new[] { "Get-IpsecSa", "Get-AsaVpnContext", "Get-AsaPacketTrace", "Get-IpsecLifetime", "Get-AsaVpnSession", "Compare-SpiContext", "Invoke-SpiAudit", "Get-IkeSa", "Get-SaEvent", "Get-SaTimeline", "Export-SpiReport", "Invoke-InactiveSaClear" }) Assert.Contains(cmdlet, text);
            Assert.Contains("StaleVpnContext", text);
        }
    }
}
