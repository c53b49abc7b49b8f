using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Every example of the cmdlet help (docs/en-US), run verbatim in the engine as a user runs it from the repository
    /// root, against the bundled examples/: any error fails. An example that needs a device says so in the first line
    /// of its remarks ("Needs a device: …") and is not run; the runner counts both.
    /// </summary>
    public class HelpExampleTests : IClassFixture<PowerShellFixture>
    {
        private const string DeviceMarker = "Needs a device:";
        private static readonly Regex Example = new(@"^### (?<title>Example \d+:[^\n]*)\n```powershell\n(?<code>.*?)```\n\n(?<remark>[^\n]*)", RegexOptions.Singleline | RegexOptions.Multiline);

        // What only a device (or a remote host) answers: an example using one of these must be marked, so the runner never reaches a device.
        private static readonly Regex DeviceUse = new(@"-ComputerName|-SSHSession|Invoke-SSHCommand|New-SSHSession|Get-Credential|Invoke-Command|Receive-Job|inventory\.csv", RegexOptions.IgnoreCase);

        private readonly PowerShellHost _ps;
        private readonly ITestOutputHelper _log;

        public HelpExampleTests(PowerShellFixture fixture, ITestOutputHelper log)
        {
            _ps = fixture.Host;
            _log = log;
        }

        public static IEnumerable<(string Page, string Title, string Code, bool NeedsDevice)> Examples() =>
            Directory.EnumerateFiles(PowerShellHost.RepoPath("docs/en-US"), "*.md").OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => Example.Matches(File.ReadAllText(f).Replace("\r\n", "\n")).Select(m =>
                    (Path.GetFileNameWithoutExtension(f), m.Groups["title"].Value, m.Groups["code"].Value, m.Groups["remark"].Value.StartsWith(DeviceMarker, StringComparison.Ordinal))));

        /// <summary>Runs <paramref name="code"/> from a folder that holds a copy of examples/, as the repository root does.</summary>
        private PowerShellHost.Result RunFromRoot(string code, string root, string? after = null)
        {
            CopyDirectory(PowerShellHost.RepoPath("examples"), Path.Combine(root, "examples"));
            try
            {
                return _ps.Run($"Set-Location -LiteralPath '{root}'\n{code}\n{after}");
            }
            finally
            {
                _ps.Run($"Set-Location -LiteralPath '{PowerShellHost.RepositoryRoot}'");
            }
        }

        [Fact]
        public void Every_example_that_needs_no_device_runs_verbatim_without_an_error()
        {
            var all = Examples().ToList();
            Assert.True(all.Count >= 40, $"only {all.Count} examples found");
            int ran = 0, marked = 0;
            var failures = new List<string>();
            foreach (var (page, title, code, needsDevice) in all)
            {
                if (needsDevice)
                {
                    marked++;
                    continue;
                }
                if (DeviceUse.Match(code) is { Success: true } use)
                {
                    failures.Add($"{page} {title}: uses {use.Value} but is not marked '{DeviceMarker} …'");
                    continue;
                }
                var root = Directory.CreateTempSubdirectory("spitools-help-example").FullName;
                try
                {
                    var r = RunFromRoot(code, root);
                    ran++;
                    if (r.Terminating != null) failures.Add($"{page} {title}: {r.Terminating.Message}");
                    foreach (var e in r.Errors) failures.Add($"{page} {title}: {e}");
                }
                finally
                {
                    Directory.Delete(root, true);
                }
            }
            _log.WriteLine($"help examples: {ran} run, {marked} need a device (not run)");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.True(ran >= 28, $"only {ran} examples ran");
        }

        [Fact]
        public void The_report_example_names_each_device_once_and_counts_its_SA_generations()
        {
            var (_, _, code, _) = Examples().Single(e => e.Page == "Export-SpiReport" && e.Title.StartsWith("Example 2:", StringComparison.Ordinal));
            var root = Directory.CreateTempSubdirectory("spitools-help-report").FullName;
            try
            {
                // The example verbatim, then what it piped into the report: the devices, and the outbound SAs to each peer.
                var r = RunFromRoot(code, root, @"
                    $in = @(Compare-SpiContext -Path $devices) + $sa
                    'devices=' + (($in | ForEach-Object Device | Sort-Object -Unique) -join ',')
                    'finding-devices=' + ((Compare-SpiContext -Path $devices | ForEach-Object Device | Sort-Object -Unique) -join ',')
                    $sa | Where-Object { $_.Direction -eq 'Outbound' -and $_.Spi } | Group-Object Device, Peer | Sort-Object Name | ForEach-Object { 'generations ' + $_.Name + '=' + $_.Count }");
                Assert.Null(r.Terminating);
                Assert.Empty(r.Errors);
                var lines = r.Strings();
                Assert.Contains("devices=ASR1,fw-edge1", lines);
                Assert.Contains("finding-devices=ASR1,fw-edge1", lines);
                Assert.Equal(new[] { "generations ASR1, 172.17.3.2=3", "generations fw-edge1, 192.0.2.20=1", "generations fw-edge1, 203.0.113.10=1" },
                    lines.Where(l => l.StartsWith("generations ", StringComparison.Ordinal)));

                var html = File.ReadAllText(Path.Combine(root, "audit.html"));
                Assert.Contains("fw-edge1", html);
                Assert.Contains("ASR1", html);
                Assert.DoesNotContain("asa-stale-spi", html);
                Assert.DoesNotContain("unnamed device", html);
                Assert.Contains("3 SA generations", html);
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var dir in Directory.EnumerateDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
