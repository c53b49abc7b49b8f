using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// SSH through the staged module while another Renci.SshNet (a 2024.0.0.0 stand-in for Posh-SSH's) sits in
    /// PowerShell's default load context: the module's loader puts SpiTools.Ssh and SSH.NET 2026 in a context of their
    /// own, and the session logs in to sshd and reads the simulator's prompt.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class SshLoadContextTests : IDisposable
    {
        private static readonly string StandInPath = Path.GetFullPath(PowerShellHost.Metadata("SshNetStandIn"));
        private readonly SshdHost _sshd = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
        private readonly string _knownHosts;
        private readonly Runspace _runspace;

        public SshLoadContextTests()
        {
            _knownHosts = Path.Combine(_sshd.WorkDirectory, "client-known_hosts");
            File.WriteAllLines(_knownHosts, _sshd.KnownHostsLines);
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
        }

        public void Dispose()
        {
            _runspace.Dispose();
            _sshd.Dispose();
        }

        private List<PSObject> Run(string script, IDictionary<string, object> variables)
        {
            foreach (var (name, value) in variables)
                _runspace.SessionStateProxy.SetVariable(name, value);
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            var output = ps.Invoke().ToList();
            Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())) + "\nsshd:\n" + _sshd.Log);
            return output;
        }

        [Fact]
        public void WithAnotherRenciSshNetLoadedFirstTheModuleStillLogsInThroughItsOwnContext()
        {
            Assert.True(File.Exists(StandInPath), StandInPath);
            var vars = new Dictionary<string, object>
            {
                ["standIn"] = StandInPath,
                ["manifest"] = PowerShellHost.ModuleManifest,
                ["sshPort"] = _sshd.Port,
                ["sshUser"] = _sshd.UserName,
                ["sshPassword"] = _sshd.Password,
                ["knownHosts"] = _knownHosts,
            };
            var output = Run("""
                $null = [Reflection.Assembly]::LoadFrom($standIn)
                $standInVersion = [Renci.SshNet.SpiToolsStandIn].Assembly.GetName().Version.ToString()
                Import-Module $manifest -ErrorAction Stop
                $connector = [SpiTools.Internal.SshAssemblyLoader]::CreateConnector()
                $o = [SpiTools.Devices.DeviceConnectOptions]::new()
                $o.Host = '127.0.0.1'; $o.Port = $sshPort; $o.UserName = $sshUser
                $o.Password = [SpiTools.Devices.DeviceSecret]::new($sshPassword)
                $o.KnownHostsPath = $knownHosts
                $o.ConnectTimeout = [TimeSpan]::FromSeconds(20)
                $channel = $connector.Connect($o, [Threading.CancellationToken]::None)
                try {
                    $text = ''
                    $clock = [Diagnostics.Stopwatch]::StartNew()
                    while ($text -notmatch 'fw-edge1> ' -and $clock.Elapsed.TotalSeconds -lt 20) {
                        $text += $channel.Read([TimeSpan]::FromMilliseconds(200), [Threading.CancellationToken]::None)
                    }
                } finally { $channel.Dispose() }
                [pscustomobject]@{
                    StandInVersion = $standInVersion
                    Prompt = $text
                    ConnectorType = $connector.GetType()
                    InterfaceAssembly = [SpiTools.Devices.IDeviceConnector].Assembly
                }
                """, vars);
            var result = Assert.Single(output);
            Assert.Equal("2024.0.0.0", result.Properties["StandInVersion"].Value);
            Assert.Contains("fw-edge1> ", (string)result.Properties["Prompt"].Value);

            // The connector lives in the module's own context, with SSH.NET 2026 beside it ...
            var connectorType = (Type)result.Properties["ConnectorType"].Value;
            var sshContext = AssemblyLoadContext.GetLoadContext(connectorType.Assembly)!;
            Assert.NotSame(AssemblyLoadContext.Default, sshContext);
            var sshNet = sshContext.Assemblies.Single(a => a.GetName().Name == "Renci.SshNet");
            Assert.Equal(2026, sshNet.GetName().Version!.Major); // SSH.NET 2026.0.0 is assembly version 2026.0.0.1
            Assert.StartsWith(Path.Combine(PowerShellHost.ModuleFolder, "dependencies"), sshNet.Location);
            // ... and shares SpiTools.Core (IDeviceConnector) with the default context, where the module is.
            var core = (Assembly)result.Properties["InterfaceAssembly"].Value;
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(core));
            Assert.DoesNotContain(sshContext.Assemblies, a => a.GetName().Name == "SpiTools.Core");

            // The default context still sees the stand-in and only it.
            var defaultSshNet = AssemblyLoadContext.Default.Assemblies.Where(a => a.GetName().Name == "Renci.SshNet").ToList();
            var standIn = Assert.Single(defaultSshNet);
            Assert.Equal(new Version(2024, 0, 0, 0), standIn.GetName().Version);
            Assert.NotNull(standIn.GetType("Renci.SshNet.SpiToolsStandIn"));
            Assert.Equal(Path.GetFullPath(StandInPath), standIn.Location);
        }

        [Fact]
        public void TheStagedModuleKeepsTheSshAssembliesOutOfItsRoot()
        {
            var root = PowerShellHost.ModuleFolder;
            var deps = Path.Combine(root, "dependencies");
            foreach (var name in new[] { "SpiTools.Ssh.dll", "Renci.SshNet.dll", "BouncyCastle.Cryptography.dll" })
            {
                Assert.True(File.Exists(Path.Combine(deps, name)), name + " is not in dependencies/");
                Assert.False(File.Exists(Path.Combine(root, name)), name + " is in the module's root");
            }
            Assert.False(File.Exists(Path.Combine(deps, "SpiTools.Core.dll")), "SpiTools.Core must be shared from the root, not staged twice");
            Assert.Empty(Directory.GetFiles(root, "System.Management.Automation.dll", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(root, "System.Runtime.Loader.dll", SearchOption.AllDirectories));
        }
    }
}
