using System.Management.Automation;
using System.Runtime.Versioning;
using System.Security;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// The device cmdlets overwrite every secret they made (passwords, the enable secret) when the engine disposes them,
    /// and no secret reaches any stream, also with -Debug.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class SecretDisposalTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private const string EnableSecret = "sim-enable-secret";
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-secrets").FullName;

        public SecretDisposalTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void A_device_cmdlet_overwrites_every_secret_it_made_when_it_is_disposed_and_every_such_cmdlet_is_disposable()
        {
            // The engine disposes an IDisposable cmdlet once its pipeline is done, whether it ended well or failed; here the
            // cmdlet's part: what it made for its devices is whole until then, overwritten after.
            var r = _ps.Run("""
                $c = [SpiTools.Commands.CompareSpiContextCommand]::new()
                $c.ComputerName = '127.0.0.1', '127.0.0.2'
                $c.Credential = $cred
                $c.EnableCredential = $enable
                $made = [SpiTools.Internal.DeviceInputCommand].GetMethod('DeviceTargets', [Reflection.BindingFlags]'Instance,NonPublic')
                $secrets = foreach ($t in $made.Invoke($c, @([SpiTools.Services.Targets.CollectionExtras]::None, $null))) { $t.Connect.Password; $t.EnableSecret }
                $whole = @($secrets | ForEach-Object { -not $_.IsDisposed -and $_.Length -gt 0 })
                $c.Dispose()
                $gone = @($secrets | ForEach-Object { $_.IsDisposed -and $_.Length -eq 0 })
                $notDisposable = [SpiTools.Internal.DeviceInputCommand].Assembly.GetTypes() |
                    Where-Object { -not $_.IsAbstract -and [System.Management.Automation.Cmdlet].IsAssignableFrom($_) -and $_.GetProperty('EnableCredential') -and -not [IDisposable].IsAssignableFrom($_) } |
                    ForEach-Object Name
                [pscustomobject]@{ Count = $secrets.Count; Whole = $whole -join ','; Gone = $gone -join ','; NotDisposable = @($notDisposable) -join ',' }
                """, new Dictionary<string, object?>
            {
                ["cred"] = new PSCredential("netops", InventoryAudit.Secure("login-secret")),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure("enable-secret-1")),
            });
            Assert.True(r.Errors.Count == 0 && r.Terminating == null, string.Join("\n", r.Errors) + r.Terminating);
            var o = Assert.Single(r.Output);
            Assert.Equal(4, (int)o.Properties["Count"].Value);
            Assert.Equal("True,True,True,True", o.Properties["Whole"].Value);
            Assert.Equal("True,True,True,True", o.Properties["Gone"].Value);
            Assert.Equal("", o.Properties["NotDisposable"].Value);
        }

        [Fact]
        public void No_secret_reaches_output_errors_warnings_verbose_or_debug_with_Debug()
        {
            using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
            var kh = Path.Combine(_dir, "known_hosts");
            File.WriteAllLines(kh, host.KnownHostsLines);
            var vars = new Dictionary<string, object?>
            {
                ["port"] = host.Port,
                ["cred"] = new PSCredential(host.UserName, InventoryAudit.Secure(host.Password)),
                ["enable"] = new PSCredential("enable", InventoryAudit.Secure(EnableSecret)),
                ["wrong"] = new PSCredential("enable", InventoryAudit.Secure("wrong-enable-secret")),
                ["kh"] = kh,
                ["dir"] = _dir,
            };
            const string login = "-ComputerName 127.0.0.1 -Port $port -Credential $cred -KnownHostsPath $kh";
            // -Debug (warnings would ask to continue under it: -WarningAction Continue keeps them in their stream).
            var ok = _ps.Run($"Compare-SpiContext {login} -EnableCredential $enable -SaveCapture $dir -Verbose -Debug -WarningAction Continue", vars);
            Assert.True(ok.Errors.Count == 0, string.Join("\n", ok.Errors));
            Assert.NotEmpty(ok.Output); // it logged in and read the device
            Assert.Contains(host.ReadRecording(), l => l.StartsWith("show ", StringComparison.Ordinal));
            var failed = _ps.Run($"Compare-SpiContext {login} -EnableCredential $wrong -Verbose -Debug -WarningAction Continue", vars);
            Assert.Contains(failed.Errors, e => e.FullyQualifiedErrorId.StartsWith("EnableFailed", StringComparison.Ordinal));

            var texts = new List<string>();
            foreach (var r in new[] { ok, failed })
            {
                texts.AddRange(r.Output.Select(o => o.ToString()));
                texts.AddRange(r.Output.SelectMany(o => o.Properties.Select(p => p.Value?.ToString() ?? "")));
                texts.AddRange(r.Errors.Select(e => e + " " + e.Exception + " " + e.TargetObject + " " + e.ErrorDetails));
                texts.AddRange(r.Warnings);
                texts.AddRange(r.Verbose);
                texts.AddRange(r.Debug);
            }
            texts.AddRange(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
            foreach (var secret in new[] { host.Password, EnableSecret, "wrong-enable-secret" })
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
