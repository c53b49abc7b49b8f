using System.Diagnostics;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>
/// Accept-new never widens trust, and a device with several host keys (ed25519 and RSA) is verified against the one on
/// record: a real sshd on loopback.
/// </summary>
public sealed class HostKeyTrustTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>
{
    private readonly SshdHost _host = fixture.Host;
    private readonly SshDeviceConnector _connector = new();

    private static void ReadPrompt(IDeviceChannel channel)
    {
        var text = "";
        var watch = Stopwatch.StartNew();
        while (!text.Contains("fw-edge1> ", StringComparison.Ordinal) && watch.Elapsed < Ssh.Wait)
        {
            var chunk = channel.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            Assert.NotNull(chunk);
            text += chunk;
        }
        Assert.Contains("fw-edge1> ", text);
    }

    [Theory]
    [InlineData("ssh-rsa")]
    [InlineData("ssh-ed25519")]
    public void AHostWithSeveralKeysIsVerifiedAgainstTheRecordedOne(string recordedType)
    {
        var line = _host.KnownHostsLines.Single(l => l.Split(' ')[1] == recordedType);
        using var known = new TempKnownHosts([line]);
        foreach (bool acceptNew in new[] { false, true })
        {
            var options = Ssh.Options(_host, known.Path);
            options.AcceptNewHostKey = acceptNew;
            using var channel = _connector.Connect(options, CancellationToken.None);
            ReadPrompt(channel);
        }
        Assert.Equal(line, known.Text.Trim());
    }

    [Fact]
    public void AcceptNewRefusesAKeyOfAnotherTypeThanTheRecordedOneAndAppendsNothing()
    {
        // The device offers only its ed25519 key; an ssh-rsa key (its own) is on record.
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Algorithms = new SshAlgorithms(HostKey: "ssh-ed25519") });
        var rsaLine = host.KnownHostsLines.Single(l => l.Split(' ')[1] == "ssh-rsa");
        using var known = new TempKnownHosts([rsaLine]);
        string before = known.Text;
        var options = Ssh.Options(host, known.Path);
        options.AcceptNewHostKey = true;
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(options, CancellationToken.None));
        Assert.Equal(ErrorIds.HostKeyUnknown, e.ErrorId);
        Assert.Equal(host.Ed25519Fingerprint, e.Fingerprint);
        Assert.Contains("ssh-rsa", e.Message);
        Assert.Equal(before, known.Text);

        // The same device with nothing on record is still accepted as new, and recorded once.
        using var empty = new TempKnownHosts();
        var fresh = Ssh.Options(host, empty.Path);
        fresh.AcceptNewHostKey = true;
        using (var channel = _connector.Connect(fresh, CancellationToken.None))
            ReadPrompt(channel);
        var recorded = Assert.Single(empty.Text.Trim().Split('\n'));
        Assert.Equal(host.KnownHostsLines.Single(l => l.Split(' ')[1] == "ssh-ed25519"), recorded);
    }
}
