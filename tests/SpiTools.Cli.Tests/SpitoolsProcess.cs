using System;
using System.Diagnostics;
using System.IO;

namespace SpiTools.Cli.Tests
{
    /// <summary>Runs the built <c>spitools</c> as a user would, capturing its output and exit code.</summary>
    internal static class SpitoolsProcess
    {
        public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

        public static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args) => RunWithEnvironment(stdin, null, args);

        /// <summary>Runs with extra environment variables (where the device passwords are read from).</summary>
        public static (int Exit, string Out, string Err) RunWithEnvironment(string stdin, System.Collections.Generic.IDictionary<string, string>? environment, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spitools.dll"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            if (environment != null)
                foreach (var (k, v) in environment) psi.Environment[k] = v;
            using var p = Process.Start(psi)!;
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
            var outTask = p.StandardOutput.ReadToEndAsync();
            var errTask = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(true);
                throw new TimeoutException("spitools did not finish within 120 s");
            }
            return (p.ExitCode, outTask.Result, errTask.Result);
        }

        public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);
    }
}
