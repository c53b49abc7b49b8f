using System.Diagnostics;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// <c>./build.ps1 -Task Package</c> once per run (into a folder of its own, built apart from every other build), then
    /// each package installed from that folder as a user installs it and run.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        public PackageFixture()
        {
            Root = Directory.CreateTempSubdirectory("spitools-package").FullName;
            Packages = Path.Combine(Root, "out", "packages");
            var (restore, restoreOut) = PackageTests.Run(PowerShellHost.RepositoryRoot, null, "dotnet", "tool", "restore");
            Assert.True(restore == 0, "dotnet tool restore failed:\n" + restoreOut);
            (Exit, Output) = PackageTests.Run(PowerShellHost.RepositoryRoot, null, "dotnet", "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive",
                "-File", Path.Combine(PowerShellHost.RepositoryRoot, "build.ps1"), "-Task", "Package",
                "-Output", Path.Combine(Root, "out"), "-ArtifactsPath", Path.Combine(Root, "build"));
        }

        public string Root { get; }
        public string Packages { get; }
        public int Exit { get; }
        public string Output { get; }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public class PackageTests : IClassFixture<PackageFixture>
    {
        private readonly PackageFixture _package;

        public PackageTests(PackageFixture package)
        {
            _package = package;
            Assert.True(package.Exit == 0, "./build.ps1 -Task Package failed:\n" + package.Output);
        }

        [Fact]
        public void The_module_package_installs_with_Install_PSResource_and_imports_by_name_from_anywhere()
        {
            // A user of its own (HOME), as cron runs it: nothing from the clone on the module path, started outside the clone.
            string home = Path.Combine(_package.Root, "module-home");
            Directory.CreateDirectory(home);
            string script = Path.Combine(_package.Root, "install-module.ps1");
            File.WriteAllText(script, @"
param($Packages, $Device)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name SpiToolsLocal -Uri $Packages -Trusted
Install-PSResource -Name SpiTools -Repository SpiToolsLocal -Scope CurrentUser -TrustRepository -Quiet
Import-Module SpiTools
$m = Get-Module SpiTools
'base=' + $m.ModuleBase
$t = Test-ModuleManifest (Join-Path $m.ModuleBase 'SpiTools.psd1')
'version=' + $t.Version
'editions=' + ($t.CompatiblePSEditions -join ',')
'psversion=' + $t.PowerShellVersion
'project=' + $t.ProjectUri
'license=' + $t.LicenseUri
'notes=' + [bool]$t.ReleaseNotes
'tags=' + ($t.Tags -join ',')
'help=' + (Get-Help Compare-SpiContext).Synopsis
Compare-SpiContext $Device | ForEach-Object { 'code=' + $_.Code }
");
            var env = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = "/usr/bin:/bin" };
            var (exit, output) = Run("/", env, "dotnet", PowerShellHost.Metadata("PowerShellTool"), "-NoProfile", "-NonInteractive", "-File", script,
                "-Packages", _package.Packages, "-Device", PowerShellHost.SeedDevice);
            Assert.True(exit == 0, output);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => l.StartsWith("base=" + Path.Combine(home, ".local/share/powershell/Modules/SpiTools/"), StringComparison.Ordinal));
            Assert.Contains("version=0.1.0", lines);
            Assert.Contains("editions=Desktop,Core", lines);
            Assert.Contains("psversion=5.1", lines);
            Assert.Contains("project=https://github.com/spitools/SpiTools", lines);
            Assert.Contains("notes=True", lines);
            Assert.Contains(lines, l => l.StartsWith("license=https://", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("tags=", StringComparison.Ordinal) && l.Contains("IPsec"));
            Assert.Contains(lines, l => l.StartsWith("help=", StringComparison.Ordinal) && l.Length > 20);
            Assert.Equal(new[] { "code=StaleVpnContext", "code=OneWayTraffic" }, lines.Where(l => l.StartsWith("code=", StringComparison.Ordinal)));
        }

        [Fact]
        public void The_cli_package_installs_as_a_dotnet_tool_and_runs()
        {
            string tools = Path.Combine(_package.Root, "tools");
            // A packages folder of its own: never a copy of the same version cached by an earlier run.
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_package.Root, "nuget") };
            var (install, installOut) = Run(_package.Root, env, "dotnet", "tool", "install", "SpiTools.Cli", "--version", "0.1.0", "--tool-path", tools,
                "--add-source", _package.Packages, "--ignore-failed-sources");
            Assert.True(install == 0, installOut);
            string spitools = Path.Combine(tools, "spitools");
            Assert.True(File.Exists(spitools), installOut);

            var (exit, output) = Run("/", new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, spitools, "diagnose", "--format", "csv", PowerShellHost.SeedDevice);
            Assert.True(exit == 0, output);
            Assert.Contains("StaleVpnContext", output);
            // This build's argument handling, and its help.
            var (bad, badOut) = Run("/", null, spitools, "diagnose", "--formt", "csv", PowerShellHost.SeedDevice);
            Assert.Equal(3, bad);
            Assert.Contains("[InvalidArgument]", badOut);
            var (help, helpOut) = Run("/", null, spitools, "--help");
            Assert.Equal(0, help);
            Assert.Contains("audit", helpOut);
        }

        /// <summary>Runs a program; its standard output and error together.</summary>
        internal static (int Exit, string Output) Run(string workingDirectory, IDictionary<string, string>? environment, string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["NO_COLOR"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (environment != null)
                foreach (var (k, v) in environment) psi.Environment[k] = v;
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(1_200_000))
            {
                p.Kill(entireProcessTree: true);
                return (-1, "timed out after 20 minutes\n" + stdout.Result + stderr.Result);
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
