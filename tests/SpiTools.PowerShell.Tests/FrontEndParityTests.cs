using System.Diagnostics;
using System.Text.Json;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The module and spitools read and diagnose through the same core path: for the same inputs they give the same
    /// records, the same device names, the same findings and the same errors.
    /// </summary>
    public class FrontEndParityTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-parity").FullName;

        public FrontEndParityTests(PowerShellFixture fixture)
        {
            _ps = fixture.Host;
            // A folder named after nothing in particular: one file echoes the prompt, one was saved without it.
            var odd = Directory.CreateDirectory(Path.Combine(_dir, "saved-by-hand")).FullName;
            File.Copy(Path.Combine(PowerShellHost.SeedDevice, "show-crypto-ipsec-sa.txt"), Path.Combine(odd, "sa.txt"));
            File.WriteAllLines(Path.Combine(odd, "contexts.txt"), File.ReadAllLines(Path.Combine(PowerShellHost.SeedDevice, "show-asp-table-vpn-context-detail.txt")).Skip(1));
            File.Copy(Path.Combine(PowerShellHost.SeedDevice, "packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt"), Path.Combine(odd, "trace.txt"));
            // A folder whose files echo no prompt at all: the folder names the device.
            var unnamed = Directory.CreateDirectory(Path.Combine(_dir, "fw-unnamed")).FullName;
            File.WriteAllLines(Path.Combine(unnamed, "contexts.txt"), File.ReadAllLines(Path.Combine(PowerShellHost.SeedDevice, "show-asp-table-vpn-context-detail.txt")).Skip(1));
        }

        public void Dispose() => Directory.Delete(_dir, true);

        public static TheoryData<string[]> DiagnoseInputs => new()
        {
            new[] { "examples/asa-stale-spi/device" },
            new[] { "examples/asa-stale-spi/device", "examples/iosxe-dmvpn-multi-spi" },
            new[] { "{dir}/saved-by-hand" },
            new[] { "{dir}/saved-by-hand/contexts.txt", "{dir}/saved-by-hand/trace.txt", "{dir}/saved-by-hand/sa.txt" },
            new[] { "{dir}/fw-unnamed" },
            new[] { "examples/asa-stale-spi/device", "examples/asa-stale-spi/device-after-clear" },
            new[] { "examples/asa-stale-spi/device", "examples/nope.txt" },
        };

        private string Abs(string p) => Path.GetFullPath(p.Replace("{dir}", _dir), PowerShellHost.RepositoryRoot);

        [Theory]
        [MemberData(nameof(DiagnoseInputs))]
        public void Compare_spi_context_and_spitools_diagnose_agree(string[] inputs)
        {
            var paths = inputs.Select(Abs).ToArray();
            var (exit, stdout, stderr) = Cli(new[] { "diagnose", "--format", "json" }.Concat(paths).ToArray());
            using var cli = JsonDocument.Parse(stdout);
            var cliFindings = cli.RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("Device").GetString()} {f.GetProperty("Code").GetString()} {f.GetProperty("Spi")} {f.GetProperty("Evidence").GetString()}").ToList();

            var r = _ps.Run("Compare-SpiContext -LiteralPath $paths", new Dictionary<string, object?> { ["paths"] = paths });
            var psFindings = r.Output.Select(o => $"{o.Properties["Device"].Value} {o.Properties["Code"].Value} {o.Properties["Spi"].Value ?? ""} {o.Properties["Evidence"].Value}")
                .Select(s => s.Replace("  ", " ")).ToList();
            Assert.Equal(cliFindings.Select(s => s.Replace(" \"", " ").Replace("\" ", " ").Replace("  ", " ")), psFindings.Select(s => s.Replace("  ", " ")));

            // The same errors (ErrorId) and the same two-snapshot warning.
            var cliErrors = stderr.Split('\n').Where(l => l.StartsWith("spitools: ") && !l.StartsWith("spitools: warning: ")).Select(l => l[(l.LastIndexOf('[') + 1)..l.LastIndexOf(']')]).ToList();
            Assert.Equal(cliErrors, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(cliErrors.Count > 0 ? 2 : 0, exit);
            Assert.Equal(stderr.Contains("captures of this device come from 2 folders"), r.Warnings.Any(w => w.Contains("captures of this device come from 2 folders")));
        }

        private const string Ends = "tests/SpiTools.Core.Tests/Fixtures/ends";

        /// <summary>Both ends of tunnels, with the options as each front end spells them: spitools arguments, Compare-SpiContext parameters.</summary>
        public static TheoryData<string[], string[], string> EndsInputs => new()
        {
            { new[] { $"{Ends}/asa-stale/fw-edge1", $"{Ends}/asa-stale/fw-branch" }, new[] { "--include-healthy" }, "-IncludeHealthy" },
            { new[] { $"{Ends}/asa-clean/fw-edge1", $"{Ends}/asa-clean/fw-branch", $"{Ends}/asa-clean/fw-dc2" }, new[] { "--include-healthy" }, "-IncludeHealthy" },
            { new[] { $"{Ends}/asa-desync/fw-edge1", $"{Ends}/asa-desync/fw-branch" }, new[] { "--peer-of", "fw-branch=fw-edge1" }, "-PeerOf @{ 'fw-branch' = 'fw-edge1' }" },
            { new[] { $"{Ends}/asa-proxy/fw-edge1", $"{Ends}/asa-proxy/fw-branch" }, Array.Empty<string>(), "" },
            { new[] { $"{Ends}/iosxe-dmvpn/ASR1", $"{Ends}/iosxe-dmvpn-lifetime/SPOKE3" }, new[] { "--include-healthy" }, "-IncludeHealthy" },
            { new[] { $"{Ends}/asa-pathloss/fw-edge1", $"{Ends}/asa-pathloss/fw-branch" }, new[] { "--before", Abs_($"{Ends}/asa-clean/fw-edge1"), Abs_($"{Ends}/asa-clean/fw-branch"), "--" }, "-Before $before" },
        };

        private static string Abs_(string p) => Path.GetFullPath(p, PowerShellHost.RepositoryRoot);

        [Theory]
        [MemberData(nameof(EndsInputs))]
        public void Both_ends_give_the_same_findings_in_both_front_ends(string[] inputs, string[] cliOptions, string psOptions)
        {
            var paths = inputs.Select(Abs).ToArray();
            var (exit, stdout, stderr) = Cli(new[] { "diagnose", "--format", "json" }.Concat(cliOptions).Concat(paths).ToArray());
            Assert.True(exit == 0, stderr);
            using var cli = JsonDocument.Parse(stdout);
            var cliFindings = cli.RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("Device").GetString()} {f.GetProperty("PeerDevice").GetString()} {f.GetProperty("Code").GetString()} {f.GetProperty("Spi").GetString()} {f.GetProperty("Evidence").GetString()} {f.GetProperty("SourceLines").GetString()}").ToList();
            var r = _ps.Run($"Compare-SpiContext -LiteralPath $paths {psOptions}", new Dictionary<string, object?>
            {
                ["paths"] = paths,
                ["before"] = new[] { Abs_($"{Ends}/asa-clean/fw-edge1"), Abs_($"{Ends}/asa-clean/fw-branch") },
            }).ThrowOnError();
            var psFindings = r.Output.Select(o => $"{o.Properties["Device"].Value} {o.Properties["PeerDevice"].Value} {o.Properties["Code"].Value} {o.Properties["Spi"].Value} {o.Properties["Evidence"].Value} {o.Properties["SourceLines"].Value}").ToList();
            Assert.Contains(r.Output, o => o.Properties["PeerDevice"].Value != null);
            Assert.Equal(cliFindings, psFindings);
        }

        [Fact]
        public void A_prompt_in_one_file_of_a_folder_names_the_whole_folder_in_both()
        {
            var r = _ps.Run("Compare-SpiContext -LiteralPath $p", new Dictionary<string, object?> { ["p"] = Abs("{dir}/saved-by-hand") }).ThrowOnError();
            Assert.Equal(new[] { "fw-edge1", "fw-edge1" }, r.Output.Select(o => (string)o.Properties["Device"].Value));
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, r.Output.Select(o => (string)o.Properties["Code"].Value));
            var unnamed = _ps.Run("Compare-SpiContext -LiteralPath $p -Verbose", new Dictionary<string, object?> { ["p"] = Abs("{dir}/fw-unnamed") }).ThrowOnError();
            Assert.Contains(unnamed.Verbose, v => v.Contains("device fw-unnamed"));
        }

        [Theory]
        [InlineData("Get-IpsecSa", "IpsecSa", "examples/asa-stale-spi/device")]
        [InlineData("Get-AsaVpnContext", "VpnContext", "{dir}/saved-by-hand")]
        [InlineData("Get-AsaPacketTrace", "PacketTrace", "examples/asa-stale-spi")]
        [InlineData("Get-IpsecLifetime", "IpsecLifetime", "examples/iosxe-dmvpn-multi-spi")]
        public void The_cmdlets_and_spitools_parse_read_the_same_records_with_the_same_device_names(string cmdlet, string type, string input)
        {
            var path = Abs(input);
            var (exit, stdout, stderr) = Cli("parse", "--format", "json", path);
            Assert.True(exit == 0, stderr);
            using var cli = JsonDocument.Parse(stdout);
            var fromCli = cli.RootElement.EnumerateArray().Where(e => e.GetProperty("RecordType").GetString() == type)
                .Select(e => $"{e.GetProperty("Device")} {Path.GetFileName(e.GetProperty("Source").GetString())}:{e.GetProperty("Line")}").ToList();
            var r = _ps.Run($"{cmdlet} -LiteralPath $p -WarningAction SilentlyContinue | ForEach-Object {{ $_.Device + ' ' + [IO.Path]::GetFileName($_.Source) + ':' + $_.Line }}",
                new Dictionary<string, object?> { ["p"] = path }).ThrowOnError();
            Assert.NotEmpty(fromCli);
            Assert.Equal(fromCli, r.Strings());
        }

        private static (int Exit, string Out, string Err) Cli(params string[] args) => Cli(null, args);

        /// <summary>Runs spitools with <paramref name="environment"/> added to this process's (where passwords are read from).</summary>
        internal static (int Exit, string Out, string Err) Cli(IDictionary<string, string>? environment, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = PowerShellHost.RepositoryRoot };
            foreach (var e in environment ?? new Dictionary<string, string>()) psi.Environment[e.Key] = e.Value;
            psi.ArgumentList.Add(PowerShellHost.Metadata("CliAssembly"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000), "spitools finished");
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
