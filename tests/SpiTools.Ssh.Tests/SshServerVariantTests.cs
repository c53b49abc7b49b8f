using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>Servers set up differently (auth methods, algorithms, faults), each on its own sshd.</summary>
public sealed class SshServerVariantTests
{
    private readonly SshDeviceConnector _connector = new();

    private string CollectIpsecSa(SshdHost host, DeviceConnectOptions options)
    {
        var channel = _connector.Connect(options, CancellationToken.None);
        using var session = new DeviceSession(channel, Ssh.SessionOptions());
        session.Open();
        return session.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output;
    }

    [Fact]
    public void KeyboardInteractiveAloneLogsInWithThePassword()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", PasswordAuthentication = false });
        using var known = new TempKnownHosts(host.KnownHostsLines);
        Assert.Contains("PasswordAuthentication no", File.ReadAllText(host.SshdConfigPath));
        Assert.Equal(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(CollectIpsecSa(host, Ssh.Options(host, known.Path))));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!host.Log.Contains("keyboard-interactive", StringComparison.Ordinal) && watch.Elapsed < Ssh.Wait)
            Thread.Sleep(50);
        Assert.Contains("Accepted keyboard-interactive", host.Log);
        // A wrong password through keyboard-interactive is refused the same way.
        var wrong = Ssh.Options(host, known.Path);
        wrong.Password = new DeviceSecret("Wrong-Kbd-Pa55");
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(wrong, CancellationToken.None));
        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
        Ssh.AssertNoSecret(e, "Wrong-Kbd-Pa55", host.Password);
    }

    [Fact]
    public void WithThePagerStuckOnTheSessionPagesThroughMore()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = ["sticky-pager"] });
        using var known = new TempKnownHosts(host.KnownHostsLines);
        int before = host.ReadRecording().Count;
        Assert.Equal(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(CollectIpsecSa(host, Ssh.Options(host, known.Path))));
        var lines = host.WaitForRecording(before + 5, Ssh.Wait).Skip(before).ToList();
        Assert.Contains("terminal pager 0", lines);
        Assert.Contains("<pager:space>", lines);
    }

    public static TheoryData<string> OldAsaCiphers => new() { "aes128-cbc", "aes256-cbc", "aes128-ctr", "aes256-ctr" };

    [Theory]
    [MemberData(nameof(OldAsaCiphers))]
    public void WhatOldAsasOfferNegotiates(string cipher)
    {
        var algorithms = SshAlgorithms.OldAsa with { Ciphers = cipher };
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Algorithms = algorithms });
        using var known = new TempKnownHosts(host.KnownHostsLines);
        Assert.Contains("interface: outside", CollectIpsecSa(host, Ssh.Options(host, known.Path)));
        Assert.Contains($"Ciphers {cipher}", File.ReadAllText(host.SshdConfigPath));
        Assert.Contains("KexAlgorithms diffie-hellman-group14-sha1", File.ReadAllText(host.SshdConfigPath));
    }

    [Fact]
    public void NoAlgorithmInCommonIsAlgorithmNegotiationFailedNamingWhatTheDeviceOffers()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Algorithms = SshAlgorithms.UnsupportedByClient });
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(Ssh.Options(host, known.Path), CancellationToken.None));
        Assert.Equal(ErrorIds.AlgorithmNegotiationFailed, e.ErrorId);
        Assert.Contains("umac-64@openssh.com", e.Message);
        Assert.Contains("MAC", e.Message);
        Assert.DoesNotContain("aborted", e.Message, StringComparison.OrdinalIgnoreCase);
        Ssh.AssertNoSecret(e, host.Password);
    }

    [Fact]
    public void TheDeviceDroppingTheSessionIsDeviceDisconnected()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = ["disconnect=5"] });
        using var known = new TempKnownHosts(host.KnownHostsLines);
        var channel = _connector.Connect(Ssh.Options(host, known.Path), CancellationToken.None);
        using var session = new DeviceSession(channel, Ssh.SessionOptions());
        session.Open();
        var e = Assert.Throws<DeviceException>(() => session.Execute(DeviceCommand.ShowCryptoIpsecSa()));
        Assert.Equal(ErrorIds.DeviceDisconnected, e.ErrorId);
        Assert.Contains("interface: outside", e.PartialOutput);
        Assert.False(channel.IsConnected);
        Assert.Null(channel.Read(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.Equal(ErrorIds.DeviceDisconnected, Assert.Throws<DeviceException>(() => channel.Write("show version\n")).ErrorId);
    }
}
