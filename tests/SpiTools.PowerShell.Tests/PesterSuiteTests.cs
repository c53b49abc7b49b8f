using System.Diagnostics;
using System.Xml.Linq;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The Pester suite in tests/Pester, for real: PowerShell 7.6.9 from the tool manifest (.config/dotnet-tools.json,
    /// restored here), Pester 5.7.1 from its NuGet package, the staged module. Its NUnit XML goes to
    /// <c>SPITOOLS_PESTER_RESULT</c> when set (CI adds its counts to the closing line), else next to this assembly.
    /// </summary>
    public class PesterSuiteTests
    {
        [Fact]
        public void The_pester_suite_passes_with_nothing_skipped()
        {
            string root = PowerShellHost.RepositoryRoot;
            string result = Environment.GetEnvironmentVariable("SPITOOLS_PESTER_RESULT") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "pester.xml");
            if (File.Exists(result)) File.Delete(result);

            var (restoreExit, restoreOut) = Dotnet(root, "tool", "restore");
            Assert.True(restoreExit == 0, "dotnet tool restore failed:\n" + restoreOut);
            var (exit, output) = Dotnet(root, "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", Path.Combine(root, "tests/Pester/Invoke-SpiToolsPester.ps1"),
                "-ModuleFolder", PowerShellHost.ModuleFolder, "-PesterManifest", PowerShellHost.Metadata("PesterModule"), "-ResultPath", result);

            Assert.True(File.Exists(result), "no Pester results were written:\n" + output);
            var run = XDocument.Load(result).Root!;
            int total = (int)run.Attribute("total")!, failures = (int)run.Attribute("failures")! + (int)run.Attribute("errors")!;
            int skipped = (int)run.Attribute("skipped")! + (int)run.Attribute("not-run")! + (int)run.Attribute("ignored")! + (int)run.Attribute("inconclusive")!;
            Assert.True(failures == 0 && exit == 0, $"{failures} Pester test(s) failed (exit {exit}):\n{output}");
            Assert.True(skipped == 0, $"{skipped} Pester test(s) skipped:\n{output}");
            Assert.True(total >= 20, $"only {total} Pester tests ran:\n{output}");
        }

        private static (int Exit, string Output) Dotnet(string workingDirectory, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["NO_COLOR"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(600_000))
            {
                p.Kill(entireProcessTree: true);
                return (-1, "timed out after 10 minutes\n" + stdout.Result + stderr.Result);
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
