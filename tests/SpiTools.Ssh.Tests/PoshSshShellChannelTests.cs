using Renci.SshNet;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Internal.PoshSsh;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>The public shape of Posh-SSH's <c>SSH.SshSession</c> (what <c>New-SSHSession</c> returns).</summary>
public sealed class PoshSshSessionShape
{
    public int SessionId { get; set; }
    public string Host { get; set; } = "";
    public SshClient? Session { get; set; }
    public bool Connected => Session?.IsConnected ?? false;
}

/// <summary>The module's <see cref="PoshSshShellChannel"/> over SSH.NET objects it reaches only by reflection, against sshd and the simulator.</summary>
public sealed class PoshSshShellChannelTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>
{
    private readonly SshdHost _host = fixture.Host;

    private SshClient Client()
    {
        var client = new SshClient(new ConnectionInfo(_host.Host, _host.Port, _host.UserName,
            new PasswordAuthenticationMethod(_host.UserName, _host.Password)) { Timeout = Ssh.Wait });
        client.HostKeyReceived += (_, e) => e.CanTrust = _host.HostKeyFingerprints.Values.Contains("SHA256:" + e.FingerPrintSHA256);
        client.Connect();
        return client;
    }

    [Fact]
    public void AShellStreamFromSshNetCarriesADeviceSession()
    {
        using var client = Client();
        var stream = client.CreateShellStream("vt100", 512, 24, 0, 0, 1 << 16);
        using (var session = new DeviceSession(PoshSshShellChannel.FromShellStream(stream), Ssh.SessionOptions()))
        {
            session.Open();
            Assert.Equal(Ssh.Expected("show-asp-table-vpn-context-detail.txt"),
                Ssh.Normalise(session.Execute(DeviceCommand.ShowAspTableVpnContextDetail()).Output));
        }
        // The stream stays the caller's: still open after the session closed, and still carries a command.
        Assert.True(stream.CanWrite);
        Assert.True(client.IsConnected);
        stream.WriteLine("");
        Assert.NotNull(stream.Expect("fw-edge1#", Ssh.Wait));

        // Asked to own it, the channel closes it with the session.
        using (var owned = PoshSshShellChannel.FromShellStream(stream, leaveOpen: false))
            owned.Close();
        Assert.False(stream.CanWrite);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void ASessionShapedObjectOpensItsOwnShellAndLeavesTheSessionOpen()
    {
        using var client = Client();
        var posh = new PoshSshSessionShape { SessionId = 0, Host = _host.Host, Session = client };
        using (var session = new DeviceSession(PoshSshShellChannel.FromSshSession(posh), Ssh.SessionOptions()))
        {
            session.Open();
            Assert.Equal(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(session.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output));
        }
        Assert.True(client.IsConnected);
        // A second shell on the same session works too.
        using var again = PoshSshShellChannel.FromSshSession(posh);
        Assert.True(again.IsConnected);
    }

    [Fact]
    public void TheFarEndClosingIsNullOnReadAndDeviceDisconnectedOnWrite()
    {
        using var client = Client();
        using var channel = PoshSshShellChannel.FromSshSession(new PoshSshSessionShape { Host = _host.Host, Session = client });
        var text = "";
        string? chunk = "";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!text.Contains("fw-edge1> ", StringComparison.Ordinal) && watch.Elapsed < Ssh.Wait)
            text += channel.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        channel.Write("exit\n");
        while ((chunk = channel.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None)) != null && watch.Elapsed < Ssh.Wait)
            text += chunk;
        Assert.Null(chunk);
        Assert.Contains("Logoff", text);
        Assert.Equal(ErrorIds.DeviceDisconnected, Assert.Throws<DeviceException>(() => channel.Write("show version\n")).ErrorId);
    }

    [Fact]
    public void WrongObjectsAreInvalidDeviceArgumentAndTheRightOneStillWorks()
    {
        foreach (var wrong in new object?[] { null, "text", new MemoryStream(), 42 })
        {
            var e = Assert.Throws<DeviceException>(() => PoshSshShellChannel.FromShellStream(wrong!));
            Assert.Equal(ErrorIds.InvalidDeviceArgument, e.ErrorId);
        }
        foreach (var wrong in new object?[] { null, new object(), new PoshSshSessionShape(), new { Session = "not a client", Host = "x" } })
        {
            var e = Assert.Throws<DeviceException>(() => PoshSshShellChannel.FromSshSession(wrong!));
            Assert.Equal(ErrorIds.InvalidDeviceArgument, e.ErrorId);
        }
        using var client = Client();
        // A disconnected session is not a wrong object: it is a disconnected one.
        var idle = new SshClient(new ConnectionInfo(_host.Host, _host.Port, _host.UserName, new PasswordAuthenticationMethod(_host.UserName, "unused")));
        Assert.Equal(ErrorIds.DeviceDisconnected,
            Assert.Throws<DeviceException>(() => PoshSshShellChannel.FromSshSession(new PoshSshSessionShape { Host = "h", Session = idle })).ErrorId);
        idle.Dispose();
        using var channel = PoshSshShellChannel.FromSshSession(new PoshSshSessionShape { Host = _host.Host, Session = client });
        var text = "";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!text.Contains("fw-edge1> ", StringComparison.Ordinal) && watch.Elapsed < Ssh.Wait)
            text += channel.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.Contains("fw-edge1> ", text);
    }
}
