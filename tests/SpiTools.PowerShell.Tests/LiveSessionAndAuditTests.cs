using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>The public shape of Posh-SSH's <c>SSH.SshSession</c>: SpiTools reads it by property name only.</summary>
    public sealed class PoshSshSessionShape
    {
        public int SessionId { get; set; }
        public string Host { get; set; } = "";
        public object? Session { get; set; }
        public bool Connected { get; set; }
    }

    /// <summary>
    /// -SSHSession with a Posh-SSH-shaped session (its SSH.NET client from a load context of its own, as Posh-SSH's
    /// copy would be: SpiTools reaches it only by reflection), -Context on a multi-context ASA, and Invoke-SpiAudit
    /// from an inventory, each in the real engine over real sshd.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class LiveSessionAndAuditTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-audit-ps").FullName;
        private readonly List<SshdHost> _hosts = new();

        public LiveSessionAndAuditTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose()
        {
            foreach (var h in _hosts) h.Dispose();
            Directory.Delete(_dir, true);
        }

        private SshdHost Start(string scenario)
        {
            var h = SshdHost.Start(new SshdOptions { Scenario = scenario });
            _hosts.Add(h);
            File.AppendAllLines(Path.Combine(_dir, "known_hosts"), h.KnownHostsLines);
            return h;
        }

        /// <summary>An SSH.NET client loaded in a private context (as another module's copy would be), connected to the host.</summary>
        private static (object Client, AssemblyLoadContext Context) ForeignClient(SshdHost host)
        {
            var folder = Path.Combine(PowerShellHost.ModuleFolder, "dependencies");
            var alc = new AssemblyLoadContext("posh-ssh-like", isCollectible: true);
            alc.Resolving += (ctx, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? ctx.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
            var ssh = alc.LoadFromAssemblyPath(Path.Combine(folder, "Renci.SshNet.dll"));
            var clientType = ssh.GetType("Renci.SshNet.SshClient", throwOnError: true)!;
            var client = Activator.CreateInstance(clientType, host.Host, host.Port, host.UserName, host.Password)!;
            clientType.GetMethod("Connect", Type.EmptyTypes)!.Invoke(client, null);
            return (client, alc);
        }

        [Fact]
        public void A_posh_ssh_shaped_session_collects_through_its_own_client()
        {
            var asa = Start("asa-stale-spi");
            var (client, alc) = ForeignClient(asa);
            try
            {
                var session = new PoshSshSessionShape { SessionId = 0, Host = "fw-edge1.lab", Session = client, Connected = true };
                var r = _ps.Run("Get-IpsecSa -SSHSession $s -EnableCredential $enable", new Dictionary<string, object?>
                {
                    ["s"] = session,
                    ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                });
                Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
                Assert.Equal(4, r.Output.Count);
                Assert.All(r.Output, o => Assert.Equal("fw-edge1.lab", o.Properties["Device"].Value)); // the session's host: its identity
                // The session stays the caller's: still connected after SpiTools closed its shell.
                Assert.True((bool)client.GetType().GetProperty("IsConnected")!.GetValue(client)!);
                // Not a session at all: a typed error, and nothing else breaks.
                var wrong = _ps.Run("Get-IpsecSa -SSHSession ([pscustomobject]@{ Host = 'x' })");
                Assert.Equal("InvalidDeviceArgument", Assert.Single(wrong.Errors).FullyQualifiedErrorId.Split(',')[0]);
            }
            finally
            {
                ((IDisposable)client).Dispose();
                alc.Unload();
            }
        }

        [Fact]
        public void A_shell_stream_given_to_SSHSession_is_left_open_and_usable()
        {
            var asa = Start("asa-stale-spi");
            var (client, alc) = ForeignClient(asa);
            try
            {
                // What New-SSHShellStream returns: the ShellStream of Posh-SSH's own SSH.NET.
                var create = client.GetType().GetMethods().Single(m => m.Name == "CreateShellStream" &&
                    m.GetParameters().Select(p => p.ParameterType).SequenceEqual(new[] { typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(uint), typeof(int) }));
                var stream = create.Invoke(client, new object[] { "vt100", 512u, 24u, 0u, 0u, 65536 })!;
                var r = _ps.Run("Get-IpsecSa -SSHSession $s -EnableCredential $enable", new Dictionary<string, object?>
                {
                    ["s"] = stream,
                    ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                });
                Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors));
                Assert.Equal(4, r.Output.Count);
                // The stream is still the caller's: open, and it still carries what is typed into it.
                var type = stream.GetType();
                Assert.True((bool)type.GetProperty("CanWrite")!.GetValue(stream)!);
                type.GetMethod("WriteLine", new[] { typeof(string) })!.Invoke(stream, new object[] { "" });
                var read = type.GetMethod("Read", Type.EmptyTypes)!;
                var seen = "";
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!seen.Contains("fw-edge1#", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    seen += (string)read.Invoke(stream, null)!;
                    System.Threading.Thread.Sleep(50);
                }
                Assert.Contains("fw-edge1#", seen);
                ((IDisposable)stream).Dispose();
            }
            finally
            {
                ((IDisposable)client).Dispose();
                alc.Unload();
            }
        }

        [Fact]
        public void Context_changes_to_the_security_context_first_and_reads_it()
        {
            var asa = Start("asa-multi-context");
            var vars = new Dictionary<string, object?>
            {
                ["port"] = asa.Port,
                ["cred"] = new PSCredential(asa.UserName, InventoryAudit.Secure(asa.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                ["kh"] = Path.Combine(_dir, "known_hosts"),
            };
            var r = _ps.Run("Compare-SpiContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -Context cust-a " +
                "-Interface inside -Protocol udp -Source 10.255.203.102 -SourcePort 1610 -Destination 10.220.100.17 -DestinationPort 3389", vars);
            Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors) + asa.Log);
            Assert.Contains(r.Output, o => (string)o.Properties["Code"].Value == "StaleVpnContext");
            var received = asa.ReadRecording().ToList();
            Assert.True(received.IndexOf("changeto context cust-a") < received.IndexOf("show asp table vpn-context detail"), string.Join(" | ", received));
            var healthy = _ps.Run("Compare-SpiContext -ComputerName 127.0.0.1 -Port $port -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -Context cust-b", vars);
            Assert.DoesNotContain(healthy.Output, o => (string)o.Properties["Code"].Value == "StaleVpnContext");
        }

        [Fact]
        public void An_inventory_piped_into_Invoke_SpiAudit_gives_findings_and_a_summary_per_device_including_the_failed_one()
        {
            var asa = Start("asa-stale-spi");
            var hub = Start("iosxe-dmvpn-multi-spi");
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "ComputerName,Port,Site",
                $"127.0.0.1,{asa.Port},east",
                $"127.0.0.1,{hub.Port},west",
                "127.0.0.1,1,west",
            });
            var vars = new Dictionary<string, object?>
            {
                ["inv"] = inventory,
                // One login for the fleet: the simulated devices share the throw-away user.
                ["cred"] = new PSCredential(asa.UserName, InventoryAudit.Secure(asa.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                ["kh"] = Path.Combine(_dir, "known_hosts"),
                ["csv"] = Path.Combine(_dir, "findings.csv"),
                ["evidence"] = Path.Combine(_dir, "evidence"),
            };
            // Findings and summaries are different record types: each goes to a CSV of its own (the morning report is the summaries).
            var r = _ps.Run("$all = Import-Csv $inv | Invoke-SpiAudit -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -SaveCapture $evidence -ThrottleLimit 3 -TimeoutSeconds 60; " +
                "$all | Where-Object RecordType -eq DeviceAuditSummary | Export-Csv $csv -NoTypeInformation; " +
                "$all | Where-Object RecordType -eq Finding | Export-Csv ($csv + '.findings.csv') -NoTypeInformation; " +
                "Import-Csv $csv; Import-Csv ($csv + '.findings.csv')", vars);
            var rows = r.Output.ToList();
            var summaries = rows.Where(o => (string)o.Properties["RecordType"].Value == "DeviceAuditSummary").ToList();
            Assert.Equal(3, summaries.Count);
            Assert.Contains(summaries, s => (string)s.Properties["Device"].Value == $"127.0.0.1:{asa.Port}" && (string)s.Properties["Hostname"].Value == "fw-edge1" && (string)s.Properties["Status"].Value == "Findings");
            Assert.Contains(summaries, s => (string)s.Properties["Device"].Value == $"127.0.0.1:{hub.Port}" && (string)s.Properties["Hostname"].Value == "ASR1");
            var failed = Assert.Single(summaries, s => (string)s.Properties["Status"].Value == "Failed");
            Assert.Equal("ConnectionRefused", failed.Properties["ErrorId"].Value);
            Assert.Contains(rows, o => (string)o.Properties["RecordType"].Value == "Finding" && (string)o.Properties["Code"].Value == "StaleVpnContext");
            Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("ConnectionRefused"));
            Assert.True(Directory.EnumerateFiles(Path.Combine(_dir, "evidence", $"127.0.0.1_{asa.Port}"), "*.txt", SearchOption.AllDirectories).Any());
        }

        [Fact]
        public void Credential_names_in_the_inventory_are_resolved_through_Get_Secret_and_a_missing_store_fails_only_those_devices()
        {
            var asa = Start("asa-stale-spi");
            var inventory = Path.Combine(_dir, "inventory-creds.csv");
            File.WriteAllLines(inventory, new[] { "Host,Port,CredentialName", $"127.0.0.1,{asa.Port},netops" });
            var vars = new Dictionary<string, object?>
            {
                ["inv"] = inventory,
                ["user"] = asa.UserName,
                ["pw"] = asa.Password,
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure("sim-enable-secret")),
                ["kh"] = Path.Combine(_dir, "known_hosts"),
            };
            // No credential store: that device is an error with its ErrorId and a Failed summary, and nothing is sent to it.
            var none = _ps.Run("Import-Csv $inv | Invoke-SpiAudit -EnableCredential $enable -KnownHostsPath $kh", vars);
            var missing = Assert.Single(none.Errors);
            Assert.Equal("CredentialStoreMissing", missing.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("NotInstalled", missing.CategoryInfo.Category.ToString());
            var failed = Assert.Single(none.Output);
            Assert.Equal(("SpiTools.DeviceAuditSummary", $"127.0.0.1:{asa.Port}", "Failed", "CredentialStoreMissing"),
                (failed.TypeNames[0], failed.Properties["Device"].Value, failed.Properties["Status"].Value, failed.Properties["ErrorId"].Value));
            Assert.Empty(asa.ReadRecording());

            // A store (SecretManagement's Get-Secret, here a function of the same name and shape) gives the login.
            var found = _ps.Run(@"
                function Get-Secret { param([string] $Name) if ($Name -ne 'netops') { throw ""no secret $Name"" }
                    [pscredential]::new($user, (ConvertTo-SecureString $pw -AsPlainText -Force)) }
                try { Import-Csv $inv | Invoke-SpiAudit -EnableCredential $enable -KnownHostsPath $kh } finally { Remove-Item function:Get-Secret }", vars);
            Assert.True(found.Errors.Count == 0, string.Join("\n", found.Errors));
            var summary = Assert.Single(found.Output, o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary");
            Assert.Equal("Findings", summary.Properties["Status"].Value);
            Assert.Equal($"127.0.0.1", summary.Properties["Source"].Value);
        }
    }
}
