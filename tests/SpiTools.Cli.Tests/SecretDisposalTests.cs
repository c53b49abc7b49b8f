using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The secrets spitools makes (passwords, the enable secret) are overwritten once the verb is done, whether it ends
    /// well or fails; none reaches standard output, standard error (also with --debug) or the saved evidence.
    /// </summary>
    [SupportedOSPlatform("linux")]
    [Collection(nameof(ProcessSecrets))]
    public sealed class SecretDisposalTests
    {
        private static (DeviceOptions Options, ParseResult Result) Parsed(string passwordVariable, string enableVariable)
        {
            var options = new DeviceOptions();
            var command = new Command("collect");
            options.AddTo(command);
            var result = command.Parse(new[] { "--host", "127.0.0.1", "--host", "127.0.0.2", "--user", "netops",
                "--password-env", passwordVariable, "--enable-password-env", enableVariable });
            Assert.Empty(result.Errors);
            return (options, result);
        }

        private static List<DeviceSecret> SecretsOf(IReadOnlyList<DeviceTarget> targets) =>
            targets.SelectMany(t => new[] { t.Connect?.Password, t.EnableSecret }).OfType<DeviceSecret>().ToList();

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Every_secret_the_options_made_is_overwritten_once_the_verb_ends_also_when_it_fails(bool fails)
        {
            string password = "SPITOOLS_TEST_PW_" + Guid.NewGuid().ToString("N"), enable = "SPITOOLS_TEST_EN_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(password, "login-secret-1");
            Environment.SetEnvironmentVariable(enable, "enable-secret-1");
            try
            {
                var (options, result) = Parsed(password, enable);
                List<DeviceSecret> secrets = new();
                int exit = CommonOptions.Guard(debug: false, () =>
                {
                    secrets = SecretsOf(options.Targets(result, null));
                    // While the verb runs, every device's secrets are whole.
                    Assert.Equal(4, secrets.Count);
                    Assert.All(secrets, s => Assert.False(s.IsDisposed));
                    Assert.Equal(new[] { 14, 15, 14, 15 }, secrets.Select(s => s.Length));
                    if (fails) throw new InvalidOperationException("the verb failed");
                    return 0;
                });
                Assert.Equal(fails ? 1 : 0, exit);
                Assert.All(secrets, s => Assert.True(s.IsDisposed));
                Assert.All(secrets, s => Assert.Equal(0, s.Length)); // the characters were overwritten and let go
            }
            finally
            {
                Environment.SetEnvironmentVariable(password, null);
                Environment.SetEnvironmentVariable(enable, null);
            }
        }

        [Fact]
        public void Collect_with_password_stdin_logs_in_and_no_output_error_or_evidence_holds_a_secret_also_with_debug()
        {
            using var device = new SimulatedAsa("spitools-cli-secrets");
            var asa = device.Sshd;
            var outDir = Path.Combine(device.Folder, "evidence");
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment(asa.Password + "\n", new Dictionary<string, string> { ["FW_ENABLE"] = SimulatedAsa.EnableSecret },
                "collect", "--debug", "--out", outDir, "--host", "127.0.0.1", "--port", asa.Port.ToString(), "--user", asa.UserName,
                "--password-stdin", "--enable-password-env", "FW_ENABLE", "--known-hosts", device.KnownHosts);
            Assert.True(exit == 0, stderr + asa.Log);
            // It logged in and collected: the device received the show commands, and the evidence is saved.
            Assert.Contains(asa.ReadRecording(), l => l.StartsWith("show crypto ipsec sa", StringComparison.Ordinal));
            Assert.Contains("fw-edge1", stdout);
            var saved = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(saved);
            foreach (var text in new[] { stdout, stderr }.Concat(saved.Select(File.ReadAllText)))
            {
                Assert.DoesNotContain(asa.Password, text, StringComparison.Ordinal);
                Assert.DoesNotContain(SimulatedAsa.EnableSecret, text, StringComparison.Ordinal);
            }

            // A wrong enable secret fails after login, with --debug: the error names the failure, not the secret.
            var (failed, failOut, failErr) = SpitoolsProcess.RunWithEnvironment(asa.Password + "\n", new Dictionary<string, string> { ["FW_ENABLE"] = "wrong-enable-secret" },
                "collect", "--debug", "--out", Path.Combine(device.Folder, "failed"), "--host", "127.0.0.1", "--port", asa.Port.ToString(), "--user", asa.UserName,
                "--password-stdin", "--enable-password-env", "FW_ENABLE", "--known-hosts", device.KnownHosts);
            Assert.NotEqual(0, failed);
            Assert.Contains("[EnableFailed]", failErr);
            foreach (var text in new[] { failOut, failErr })
            {
                Assert.DoesNotContain(asa.Password, text, StringComparison.Ordinal);
                Assert.DoesNotContain("wrong-enable-secret", text, StringComparison.Ordinal);
            }
        }
    }
}
