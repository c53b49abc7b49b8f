using System.Net;
using System.Net.Sockets;
using SpiTools.Devices;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>One sshd serving the ASA stale-SPI scenario, shared by a test class.</summary>
public sealed class AsaSshdFixture : IDisposable
{
    public SshdHost Host { get; } = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });

    public void Dispose() => Host.Dispose();
}

/// <summary>A known_hosts file of its own in a temporary folder, deleted with the object.</summary>
public sealed class TempKnownHosts : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spitools-kh-");

    public TempKnownHosts(IEnumerable<string>? lines = null)
    {
        Path = System.IO.Path.Combine(_dir.FullName, "known_hosts");
        if (lines != null)
            File.WriteAllLines(Path, lines);
    }

    public string Path { get; }

    public string Text => File.Exists(Path) ? File.ReadAllText(Path) : "";

    public void Dispose() => _dir.Delete(recursive: true);
}

internal static class Ssh
{
    public const string EnableSecret = "sim-enable-secret";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Options that log in with the password and trust the host through a known_hosts file holding its keys.</summary>
    public static DeviceConnectOptions Options(SshdHost host, string knownHostsPath) => new()
    {
        Host = host.Host,
        Port = host.Port,
        UserName = host.UserName,
        Password = new DeviceSecret(host.Password),
        KnownHostsPath = knownHostsPath,
        ConnectTimeout = Wait,
    };

    public static DeviceSessionOptions SessionOptions() => new()
    {
        DeviceName = "fw-edge1",
        EnableSecret = new DeviceSecret(EnableSecret),
        PromptTimeout = Wait,
        CommandTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The capture as the session returns it: the scenario's file without its echoed first line, LF line ends.</summary>
    public static string Expected(string file, string folder = "device")
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", "asa-stale-spi", folder, file);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n').Skip(1);
        return string.Join("\n", lines).TrimEnd('\n');
    }

    public static string Normalise(string output) => output.Replace("\r\n", "\n").TrimEnd('\n', ' ');

    /// <summary>A loopback port nothing listens on (bound and released just now).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Every exception message and ToString down the inner chain.</summary>
    public static string AllText(Exception e)
    {
        var parts = new List<string> { e.ToString() };
        for (var x = e; x != null; x = x.InnerException)
            parts.Add(x.Message);
        return string.Join("\n", parts);
    }

    public static void AssertNoSecret(Exception e, params string[] secrets)
    {
        var text = AllText(e);
        foreach (var s in secrets)
            Assert.DoesNotContain(s, text);
    }

    /// <summary>Every process's command line, read from /proc.</summary>
    public static List<string> CommandLines()
    {
        var found = new List<string>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir), out _))
                continue;
            try
            {
                found.Add(File.ReadAllText(System.IO.Path.Combine(dir, "cmdline")).Replace('\0', ' '));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>A random SSH public key blob of <paramref name="type"/> (not a real key: for a known_hosts entry that must not match).</summary>
    public static string FakeKeyBlob(string type)
    {
        var ms = new MemoryStream();
        void Str(byte[] b)
        {
            ms.Write([(byte)(b.Length >> 24), (byte)(b.Length >> 16), (byte)(b.Length >> 8), (byte)b.Length]);
            ms.Write(b);
        }
        Str(System.Text.Encoding.ASCII.GetBytes(type));
        if (type == "ssh-ed25519")
            Str(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        else
        {
            Str([1, 0, 1]);
            var n = System.Security.Cryptography.RandomNumberGenerator.GetBytes(257);
            n[0] = 0;
            n[1] |= 0x80;
            Str(n);
        }
        return Convert.ToBase64String(ms.ToArray());
    }
}

/// <summary>A TCP listener on 127.0.0.1 that accepts connections and never says anything.</summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = new();
    private readonly CancellationTokenSource _stop = new();

    public SilentListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }

    private async Task AcceptLoop()
    {
        try
        {
            for (int i = 0; i < 100 && !_stop.IsCancellationRequested; i++)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                    _accepted.Add(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
            foreach (var c in _accepted)
                c.Dispose();
    }
}
