using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The simulated ASA of the stale-SPI case behind a real sshd, with a known_hosts file that trusts it, the login
    /// options spitools takes for it, and the environment its passwords are read from (never an argument).
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal sealed class SimulatedAsa : IDisposable
    {
        public const string EnableSecret = "sim-enable-secret";

        public SimulatedAsa(string folderPrefix, params string[] faults)
        {
            Sshd = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = faults });
            Folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
            KnownHosts = Path.Combine(Folder, "known_hosts");
            File.WriteAllLines(KnownHosts, Sshd.KnownHostsLines);
        }

        /// <summary>The simulated ASA, with the simulator's faults given (none by default).</summary>
        public SshdHost Sshd { get; }
        public string Folder { get; }
        public string KnownHosts { get; }

        /// <summary>FW_PASSWORD (the login, or <paramref name="password"/>) and FW_ENABLE (the enable secret).</summary>
        public Dictionary<string, string> Env(string? password = null) => new()
        {
            ["FW_PASSWORD"] = password ?? Sshd.Password,
            ["FW_ENABLE"] = EnableSecret,
        };

        /// <summary>The connection options for a host (this one unless another is given).</summary>
        public string[] Login(SshdHost? host = null)
        {
            host ??= Sshd;
            return new[]
            {
                "--host", "127.0.0.1", "--port", host.Port.ToString(), "--user", host.UserName,
                "--password-env", "FW_PASSWORD", "--enable-password-env", "FW_ENABLE", "--known-hosts", KnownHosts,
            };
        }

        public void Dispose()
        {
            Sshd.Dispose();
            Directory.Delete(Folder, true);
        }
    }
}
