using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The native <c>spitools</c> (Native AOT, published once per run) against the JIT build (<c>dotnet spitools.dll</c>):
    /// the same arguments must give the same standard output and standard error, byte for byte, and the same exit code,
    /// on the vendors' captures, the core tests' fixtures and the examples (all held in the repository).
    /// </summary>
    public class NativeOutputTests
    {
        private static string Repo => NativeBuild.RepoRoot;

        /// <summary>The files of a folder, relative to the repository (so both builds print the same paths), in ordinal order.</summary>
        private static string[] FilesUnder(string relative)
        {
            var root = Path.GetFullPath(Path.Combine(Repo, relative));
            Assert.True(Directory.Exists(root), $"{relative} (resolved to {root}) is missing from the repository");
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.Combine(relative, Path.GetRelativePath(root, f)).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            Assert.NotEmpty(files);
            return files;
        }

        private static readonly Dictionary<string, string> Inputs = new Dictionary<string, string>
        {
            // The far ends that aren't Cisco (strongSwan, Junos, PAN-OS, ...): captures no core fixture holds.
            ["vendors"] = "tests/SpiTools.Cli.Tests/Fixtures/vendors",
            ["fixtures"] = "tests/SpiTools.Core.Tests/Fixtures",
            ["examples"] = "examples",
        };

        public static TheoryData<string, string> ParseCases()
        {
            var data = new TheoryData<string, string>();
            foreach (var input in Inputs.Keys)
                foreach (var format in new[] { "json", "csv", "table" })
                    data.Add(input, format);
            return data;
        }

        [Theory]
        [MemberData(nameof(ParseCases))]
        public void Parse_output_of_the_native_build_is_the_jit_builds(string input, string format)
        {
            var args = new List<string> { "parse", "--format", format };
            args.AddRange(FilesUnder(Inputs[input]));
            var native = AssertSame(args.ToArray());
            // Not an empty agreement: the records of every file came out.
            Assert.True(native.Out.Length > 5_000, $"{input} {format}: only {native.Out.Length} bytes");
            Assert.Equal(args.Count - 3, native.Err.Split('\n').Count(l => l.Contains(" lines: ", StringComparison.Ordinal)));
        }

        public static TheoryData<string, string> DiagnoseCases() => new TheoryData<string, string>
        {
            { "json", "examples/asa-stale-spi/device examples/iosxe-dmvpn-multi-spi" },
            { "json", "examples/asa-stale-spi/show-asp-table-vpn-context-detail.as-published.txt examples/asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt examples/asa-stale-spi/packet-tracer.as-published.txt" },
            { "json", "examples/asa-stale-spi/device-after-clear --before examples/asa-stale-spi/device" },
            { "csv", "examples/asa-stale-spi/device examples/iosxe-dmvpn-multi-spi" },
            { "table", "examples/asa-stale-spi/device examples/iosxe-dmvpn-multi-spi" },
        };

        [Theory]
        [MemberData(nameof(DiagnoseCases))]
        public void Diagnose_output_of_the_native_build_is_the_jit_builds(string format, string paths)
        {
            var args = new[] { "diagnose", "--format", format }.Concat(paths.Split(' ')).ToArray();
            var native = AssertSame(args);
            Assert.Equal(0, native.Exit);
            if (format == "json" && !paths.Contains("--before")) Assert.Contains("\"RecordType\": \"Finding\"", native.Out);
        }

        [Fact]
        public void Standard_input_and_a_missing_file_read_the_same_in_both_builds()
        {
            var stdin = File.ReadAllText(Path.Combine(Repo, "examples", "asa-stale-spi", "device", "show-crypto-ipsec-sa.txt"));
            var native = AssertSame(new[] { "parse", "--format", "json" }, stdin);
            Assert.Contains("\"Spi\": \"0xA19EC57E\"", native.Out);
            var missing = AssertSame(new[] { "parse", "--format", "csv", "examples/no-such-file.txt", "examples/asa-stale-spi/device/show-crypto-ipsec-sa.txt" });
            Assert.Equal(2, missing.Exit);
            Assert.Contains("0xA19EC57E", missing.Out);
        }

        [Fact]
        [System.Runtime.Versioning.SupportedOSPlatform("linux")]
        public void The_native_build_collects_from_a_live_device_over_ssh_like_the_jit_build()
        {
            // SSH.NET and BouncyCastle are trimmed in the native build: prove the login, key exchange and shell still work,
            // with the algorithms an old ASA offers as well as the defaults.
            Environment.SetEnvironmentVariable("SPITOOLS_TEST_SIM_ENABLE", "sim-enable-secret"); // inherited by both builds: never an argument
            foreach (var algorithms in new[] { null, SpiTools.TestSupport.SshAlgorithms.OldAsa })
            {
                using var sshd = SpiTools.TestSupport.SshdHost.Start(new SpiTools.TestSupport.SshdOptions { Scenario = "asa-stale-spi", Algorithms = algorithms });
                var kh = Path.GetTempFileName();
                try
                {
                    File.WriteAllLines(kh, sshd.KnownHostsLines);
                    var args = new[] { "diagnose", "--format", "json", "--host", "127.0.0.1", "--port", sshd.Port.ToString(), "--user", sshd.UserName,
                        "--password-stdin", "--enable-password-env", "SPITOOLS_TEST_SIM_ENABLE", "--known-hosts", kh, "--flow", "inside", "udp", "10.255.203.102", "1610", "10.220.100.17", "3389" };
                    var native = Run(NativeBuild.Path, args, sshd.Password + "\n");
                    var jit = Run("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "spitools.dll") }.Concat(args), sshd.Password + "\n");
                    Assert.True(native.Exit == 0, Encoding.UTF8.GetString(native.Err) + sshd.Log);
                    Assert.Contains("\"StaleVpnContext\"", Encoding.UTF8.GetString(native.Out));
                    AssertSameBytes(jit.Out, native.Out, "diagnose --host: standard output");
                }
                finally
                {
                    File.Delete(kh);
                }
            }
        }

        /// <summary>Runs both builds with the same arguments in the repository root; asserts the same bytes and exit code.</summary>
        private static (int Exit, string Out, string Err) AssertSame(string[] args, string stdin = "")
        {
            var jit = Run("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "spitools.dll") }.Concat(args), stdin);
            var native = Run(NativeBuild.Path, args, stdin);
            string what = string.Join(' ', args.Take(3));
            AssertSameBytes(jit.Out, native.Out, what + ": standard output");
            AssertSameBytes(jit.Err, native.Err, what + ": standard error");
            Assert.True(jit.Exit == native.Exit, $"{what}: exit code {native.Exit} native, {jit.Exit} JIT");
            return (native.Exit, Encoding.UTF8.GetString(native.Out), Encoding.UTF8.GetString(native.Err));
        }

        private static void AssertSameBytes(byte[] expected, byte[] actual, string what)
        {
            if (expected.AsSpan().SequenceEqual(actual)) return;
            int at = expected.AsSpan().CommonPrefixLength(actual);
            int line = 1 + expected.AsSpan(0, at).Count((byte)'\n');
            string Around(byte[] b)
            {
                int from = Math.Max(0, at - 80);
                return Encoding.UTF8.GetString(b, from, Math.Min(b.Length, at + 80) - from);
            }
            Assert.Fail($"{what} differs at byte {at} (line {line}; JIT {expected.Length} bytes, native {actual.Length}):\nJIT:    {Around(expected)}\nnative: {Around(actual)}");
        }

        private static (int Exit, byte[] Out, byte[] Err) Run(string file, IEnumerable<string> args, string stdin)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Repo,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var outTask = Drain(p.StandardOutput.BaseStream);
            var errTask = Drain(p.StandardError.BaseStream);
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
            if (!p.WaitForExit(180_000))
            {
                p.Kill(true);
                throw new TimeoutException($"{file} did not finish within 180 s");
            }
            return (p.ExitCode, outTask.Result, errTask.Result);
        }

        private static async System.Threading.Tasks.Task<byte[]> Drain(Stream s)
        {
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms);
            return ms.ToArray();
        }
    }
}
