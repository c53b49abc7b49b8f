using System.Net;
using System.Net.Sockets;
using System.Text;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>
/// A server on loopback, not yet authenticated, whose KEXINIT offers algorithm names carrying escape sequences (set the
/// terminal title, clear the screen): the error names them with the control characters shown as text, never raw.
/// </summary>
public sealed class HostileKexInitTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>
{
    private const string TitleAndClear = "\x1b]0;pwned\a\x1b[2J\x1b[Hcurve-evil";

    /// <summary>Answers each connection (at most <paramref name="connections"/>, for at most 30 s) with an identification line and the hostile KEXINIT.</summary>
    private static (int Port, Task Done) Serve(int connections, CancellationTokenSource limit)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var done = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < connections; i++)
                {
                    using var client = await listener.AcceptTcpClientAsync(limit.Token);
                    var stream = client.GetStream();
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-Hostile_\x1b[31m1.0\r\n"), limit.Token);
                    await stream.WriteAsync(KexInit(), limit.Token);
                    // Read what the client sends until it gives up (its identification, its KEXINIT).
                    var buffer = new byte[4096];
                    try { while (await stream.ReadAsync(buffer, limit.Token) > 0) { } }
                    catch (IOException) { }
                }
            }
            catch (OperationCanceledException) { }
            finally { listener.Stop(); }
        });
        return (port, done);
    }

    private static byte[] KexInit()
    {
        var payload = new MemoryStream();
        payload.WriteByte(20);
        payload.Write(new byte[16]);
        foreach (var list in new[] { TitleAndClear + ",\x9b2Jsntrup-evil", "ssh-ed25519", "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", "" })
        {
            var bytes = Encoding.UTF8.GetBytes(list);
            payload.Write(BigEndian(bytes.Length));
            payload.Write(bytes);
        }
        payload.WriteByte(0);
        payload.Write(BigEndian(0));
        var body = payload.ToArray();
        int padding = 8 - (4 + 1 + body.Length) % 8;
        if (padding < 4) padding += 8;
        var packet = new MemoryStream();
        packet.Write(BigEndian(1 + body.Length + padding));
        packet.WriteByte((byte)padding);
        packet.Write(body);
        packet.Write(new byte[padding]);
        return packet.ToArray();
    }

    private static byte[] BigEndian(int value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };

    [Fact]
    public void TheOfferReadByTheProbeNamesControlCharactersVisibly()
    {
        var packet = KexInit();
        int length = (packet[0] << 24) | (packet[1] << 16) | (packet[2] << 8) | packet[3];
        var offer = KexInitOffer.Parse(packet.Skip(5).ToArray(), length - 1 - packet[4]);
        Assert.NotNull(offer);
        var text = offer!.Mismatch(["curve25519-sha256"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]);
        Assert.NotNull(text);
        Assert.StartsWith("key exchange: the device offers \\e]0;pwned\\x07\\e[2J\\e[Hcurve-evil, ", text);
        Assert.DoesNotContain('\x1b', text);
        Assert.DoesNotContain('\a', text);
        // What has a match still has one.
        Assert.Null(offer.Mismatch([TitleAndClear], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]));
    }

    [Fact]
    public async Task EscapeSequencesInKeyExchangeNamesAreShownAsTextInTheError()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (port, done) = Serve(connections: 2, limit); // SSH.NET's connection and the probe that reads the offer
        using var known = new TempKnownHosts();
        var options = new DeviceConnectOptions
        {
            Host = "127.0.0.1", Port = port, UserName = "netops", Password = new DeviceSecret("x"),
            KnownHostsPath = known.Path, ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        var e = Assert.Throws<DeviceException>(() => new SshDeviceConnector().Connect(options, CancellationToken.None));
        Assert.Equal(ErrorIds.AlgorithmNegotiationFailed, e.ErrorId);
        foreach (char c in new[] { '\x1b', '\a', '\x9b' })
            Assert.DoesNotContain(c, e.Message);
        Assert.Contains("\\e]0;pwned\\x07\\e[2J\\e[Hcurve-evil", e.Message);
        Assert.True(e.Message.Contains("Jsntrup-evil", StringComparison.Ordinal), e.Message); // a C1 byte: not ASCII, read as "?"
        limit.Cancel();
        await done;

        // A well-behaved device still connects.
        using var good = new TempKnownHosts(fixture.Host.KnownHostsLines);
        using var channel = new SshDeviceConnector().Connect(Ssh.Options(fixture.Host, good.Path), CancellationToken.None);
        Assert.True(channel.IsConnected);
    }
}
