using System.Text.RegularExpressions;
using Renci.SshNet;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Simulator.Tests;

public sealed class SshSmokeTests
{
    [Fact]
    public void Smoke()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
        using var client = new SshClient(new ConnectionInfo(host.Host, host.Port, host.UserName, new PasswordAuthenticationMethod(host.UserName, host.Password)));
        client.Connect();
        using var shell = client.CreateShellStream("vt100", 200, 50, 0, 0, 65536);
        string? got = shell.Expect(new Regex(@"fw-edge1> $"), TimeSpan.FromSeconds(20));
        Assert.True(got is not null, host.Log);
        shell.WriteLine("enable");
        Assert.NotNull(shell.Expect("Password: ", TimeSpan.FromSeconds(10)));
    }
}
