using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// <c>spitools audit --inventory</c> as a nightly job runs it, against one simulated device (a real sshd on loopback):
    /// the inventory's rows are written to a CSV (<c>{port}</c> and <c>{user}</c> in a row stand for the simulator's port
    /// and login), the password of CredentialName <c>fw</c> is in <c>SPITOOLS_PASSWORD_FW</c> and the enable secret in
    /// <c>FW_ENABLE</c> (never an argument), and every run trusts the simulator's host key.
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal sealed class InventoryAudit : IDisposable
    {
        private readonly string _dir;

        private InventoryAudit(string dir, SshdHost device)
        {
            _dir = dir;
            Device = device;
            KnownHosts = Path.Combine(dir, "known_hosts");
            File.WriteAllLines(KnownHosts, device.KnownHostsLines);
            Inventory = Path.Combine(dir, "inventory.csv");
            Environment = new Dictionary<string, string> { ["SPITOOLS_PASSWORD_FW"] = device.Password, ["FW_ENABLE"] = SimulatedAsa.EnableSecret };
        }

        /// <summary>Starts a simulated device of <paramref name="scenario"/>; the run's files go to <paramref name="dir"/>.</summary>
        public static InventoryAudit Start(string dir, string scenario = "asa-stale-spi") =>
            new InventoryAudit(dir, SshdHost.Start(new SshdOptions { Scenario = scenario }));

        /// <summary>The simulated device.</summary>
        public SshdHost Device { get; }

        public string KnownHosts { get; }

        public string Inventory { get; }

        /// <summary>The variables the passwords are read from.</summary>
        public Dictionary<string, string> Environment { get; }

        /// <summary>The options every run takes besides the inventory: the enable secret's variable, known_hosts, two at once, 60 s a device.</summary>
        public string[] Common => new[] { "--enable-password-env", "FW_ENABLE", "--known-hosts", KnownHosts, "--throttle", "2", "--device-timeout", "60" };

        /// <summary>Writes the inventory's rows, the header first.</summary>
        public InventoryAudit Rows(params string[] rows)
        {
            File.WriteAllLines(Inventory, rows.Select(r => r.Replace("{port}", Device.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{user}", Device.UserName, StringComparison.Ordinal)));
            return this;
        }

        /// <summary><c>spitools audit --inventory INVENTORY ARGS… COMMON…</c>.</summary>
        public (int Exit, string Out, string Err) Run(params string[] args) =>
            SpitoolsProcess.RunWithEnvironment("", Environment, new[] { "audit", "--inventory", Inventory }.Concat(args).Concat(Common).ToArray());

        /// <summary>The HTML page <c>spitools report</c> makes of an audit's JSON.</summary>
        public string Report(string json)
        {
            var file = Path.Combine(_dir, "audit.json");
            File.WriteAllText(file, json);
            var html = Path.Combine(_dir, "report.html");
            var report = SpitoolsProcess.Run("report", "--out", html, file);
            Xunit.Assert.True(report.Exit == 0, report.Err);
            return File.ReadAllText(html);
        }

        public void Dispose() => Device.Dispose();
    }
}
