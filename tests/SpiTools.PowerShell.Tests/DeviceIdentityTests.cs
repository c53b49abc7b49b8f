using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// A device is known by its identity in the module too: two contexts of one ASA audited from one inventory are two
    /// devices with two evidence folders, and Compare-SpiContext -Path on the -SaveCapture root gives the live findings.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class DeviceIdentityTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-identity-ps").FullName;

        public DeviceIdentityTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private static System.Security.SecureString Secure(string s)
        {
            var ss = new System.Security.SecureString();
            foreach (var c in s) ss.AppendChar(c);
            return ss;
        }

        private static string Text(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";

        private static List<string> Keys(IEnumerable<PSObject> findings) => findings
            .Select(f => string.Join("|", Text(f, "Device"), Text(f, "Code"), Text(f, "Peer"), Text(f, "Severity"), Text(f, "Evidence")))
            .OrderBy(k => k, StringComparer.Ordinal).ToList();

        [Fact]
        public void Two_contexts_audited_from_one_inventory_are_two_devices_and_the_saved_root_compares_as_live()
        {
            using var asa = SshdHost.Start(new SshdOptions { Scenario = "asa-multi-context" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, asa.KnownHostsLines);
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "Name,ComputerName,Port,Context",
                $",127.0.0.1,{asa.Port},cust-a",
                $"edge-b,127.0.0.1,{asa.Port},cust-b",
            });
            var evidence = Path.Combine(_dir, "evidence");
            var vars = new Dictionary<string, object?>
            {
                ["inv"] = inventory,
                ["cred"] = new PSCredential(asa.UserName, Secure(asa.Password)),
                ["enable"] = new PSCredential("enable", Secure("sim-enable-secret")),
                ["kh"] = kh,
                ["evidence"] = evidence,
            };
            var live = _ps.Run("Import-Csv $inv | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $evidence -ThrottleLimit 2 -TimeoutSeconds 60", vars);
            Assert.Empty(live.Errors);
            string cust = $"127.0.0.1:{asa.Port}/cust-a";
            var summaries = live.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary").OrderBy(o => Text(o, "Device"), StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { cust, "edge-b" }, summaries.Select(s => Text(s, "Device")));
            Assert.All(summaries, s => Assert.Equal("fw-edge1", Text(s, "Hostname")));
            Assert.Equal(new[] { $"127.0.0.1_{asa.Port}_cust-a", "edge-b" }, Directory.GetDirectories(evidence).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            var liveFindings = live.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.Finding").ToList();
            Assert.Contains(liveFindings, f => Text(f, "Device") == cust && Text(f, "Code") == "StaleVpnContext");

            var replay = _ps.Run("Compare-SpiContext -Path $evidence", vars);
            Assert.Empty(replay.Errors);
            Assert.Equal(Keys(liveFindings), Keys(replay.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.Finding")));
        }

        [Fact]
        public void A_capture_without_a_prompt_is_named_by_its_folder_in_Get_IpsecSa_as_in_Compare_SpiContext()
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "fw-x")).FullName;
            foreach (var file in Directory.GetFiles(PowerShellHost.SeedDevice))
                File.WriteAllLines(Path.Combine(folder, Path.GetFileName(file)), File.ReadAllLines(file).Skip(1)); // the echoed prompt and command dropped
            var vars = new Dictionary<string, object?> { ["folder"] = folder };
            var sas = _ps.Run("Get-IpsecSa -Path $folder", vars).Output;
            Assert.NotEmpty(sas);
            Assert.All(sas, s => Assert.Equal("fw-x", Text(s, "Device")));
            var findings = _ps.Run("Compare-SpiContext -Path $folder", vars).Output;
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal("fw-x", Text(f, "Device")));
        }
    }
}
