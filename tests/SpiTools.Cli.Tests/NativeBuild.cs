using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The native <c>spitools</c>, published once per test run with <c>dotnet publish src/SpiTools.Cli -c Release</c>.
    /// The output is kept under the temporary folder by a hash of the sources it is built from, so a later run on the
    /// same sources reuses it; the build has its own intermediate folders, so it never touches the test run's.
    /// </summary>
    internal static class NativeBuild
    {
        private static readonly Lazy<string> Binary = new Lazy<string>(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The repository root (the folder holding SpiTools.sln), found upward from the test assembly.</summary>
        public static string RepoRoot { get; } = FindRepoRoot();

        /// <summary>Path of the native binary; publishes it on first use.</summary>
        public static string Path => Binary.Value;

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "SpiTools.sln"))) return dir.FullName;
            throw new InvalidOperationException("SpiTools.sln not found above " + AppContext.BaseDirectory);
        }

        /// <summary>A hash of everything the native binary is built from: the CLI and core sources and the shared build props.</summary>
        public static string SourceHash()
        {
            var files = new List<string>();
            foreach (var project in new[] { "src/SpiTools.Cli", "src/SpiTools.Core" })
            {
                var root = System.IO.Path.Combine(RepoRoot, project);
                files.AddRange(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(System.IO.Path.GetRelativePath(root, f))));
            }
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config" })
            {
                var f = System.IO.Path.Combine(RepoRoot, name);
                if (File.Exists(f)) files.Add(f);
            }
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(Encoding.UTF8.GetBytes(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + "\n"));
            foreach (var f in files.Select(f => System.IO.Path.GetRelativePath(RepoRoot, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(f + "\n"));
                sha.AppendData(File.ReadAllBytes(System.IO.Path.Combine(RepoRoot, f)));
            }
            return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
        }

        private static bool IsBuildOutput(string relative)
        {
            var first = relative.Split('/', '\\')[0];
            return first == "bin" || first == "obj";
        }

        private static string Publish()
        {
            var cache = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spitools-native");
            Directory.CreateDirectory(cache);
            var hash = SourceHash();
            var final = System.IO.Path.Combine(cache, hash);
            var binary = System.IO.Path.Combine(final, "spitools");
            // One publisher at a time per source hash (parallel test runs on the same sources share the result).
            using var gate = OpenLock(System.IO.Path.Combine(cache, hash + ".lock"));
            if (File.Exists(binary)) return binary;
            var staging = final + ".partial";
            var buildDir = System.IO.Path.Combine(cache, hash + ".build");
            if (Directory.Exists(staging)) Directory.Delete(staging, true);
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepoRoot,
            };
            foreach (var a in new[]
                     {
                         "publish", System.IO.Path.Combine(RepoRoot, "src", "SpiTools.Cli", "SpiTools.Cli.csproj"), "-c", "Release",
                         "-o", staging, "--artifacts-path", buildDir, "-nologo",
                     })
                psi.ArgumentList.Add(a);
            // The test host's MSBuild variables belong to the build that started it, not to this one.
            foreach (var key in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
                psi.Environment.Remove(key);
            using var p = Process.Start(psi)!;
            var outTask = p.StandardOutput.ReadToEndAsync();
            var errTask = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                p.Kill(true);
                throw new TimeoutException("dotnet publish of the native spitools did not finish within 20 minutes");
            }
            if (p.ExitCode != 0 || !File.Exists(System.IO.Path.Combine(staging, "spitools")))
                throw new InvalidOperationException($"dotnet publish of the native spitools failed ({p.ExitCode}); Native AOT needs clang and zlib1g-dev (.ci/run installs them):\n{outTask.Result}\n{errTask.Result}");
            if (Directory.Exists(final)) Directory.Delete(final, true);
            Directory.Move(staging, final);
            // Only the binary is kept: the intermediate files (about 100 MB) and builds of sources a week old go.
            TryDelete(buildDir);
            foreach (var old in Directory.EnumerateDirectories(cache))
                if (!System.IO.Path.GetFileName(old).StartsWith(hash, StringComparison.Ordinal) && Directory.GetLastWriteTimeUtc(old) < DateTime.UtcNow.AddDays(-7))
                    TryDelete(old);
            return binary;
        }

        private static void TryDelete(string dir)
        {
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static FileStream OpenLock(string path)
        {
            var until = DateTime.UtcNow.AddMinutes(30);
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < until)
                {
                    Thread.Sleep(500);
                }
            }
        }
    }
}
