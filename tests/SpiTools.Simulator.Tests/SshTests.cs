using System.Text;
using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Simulator.Tests;

/// <summary>One sshd serving the ASA stale-SPI scenario, shared by a test class.</summary>
public sealed class AsaSshdFixture : IDisposable
{
    public SshdHost Host { get; } = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });

    public void Dispose() => Host.Dispose();
}

internal static class Ssh
{
    public const string Secret = "sim-enable-secret";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static SshClient Client(SshdHost host, AuthenticationMethod method, Action<HostKeyEventArgs>? onHostKey = null)
    {
        var client = new SshClient(new ConnectionInfo(host.Host, host.Port, host.UserName, method) { Timeout = Wait });
        client.HostKeyReceived += (_, e) =>
        {
            onHostKey?.Invoke(e);
            string type = e.HostKeyName.StartsWith("rsa-sha2", StringComparison.Ordinal) ? "ssh-rsa" : e.HostKeyName;
            e.CanTrust = host.HostKeyFingerprints.TryGetValue(type, out var expected) && expected == "SHA256:" + e.FingerPrintSHA256;
        };
        return client;
    }

    public static ShellStream Shell(SshClient client) => client.CreateShellStream("vt100", 200, 50, 0, 0, 1 << 16);

    public static string Until(ShellStream shell, string marker, SshdHost host)
    {
        string? text = shell.Expect(new Regex(Regex.Escape(marker) + "$"), Wait);
        Assert.True(text is not null, $"'{marker}' not received; sshd log:\n{host.Log}");
        return text!;
    }

    /// <summary>Logs in to privileged mode, turns the pager off, returns what <paramref name="command"/> printed.</summary>
    public static string Collect(SshdHost host, AuthenticationMethod method, string command)
    {
        using var client = Client(host, method);
        client.Connect();
        using var shell = Shell(client);
        Until(shell, "fw-edge1> ", host);
        shell.WriteLine("enable");
        Until(shell, "Password: ", host);
        shell.WriteLine(Secret);
        Until(shell, "fw-edge1# ", host);
        shell.WriteLine("terminal pager 0");
        Until(shell, "fw-edge1# ", host);
        shell.WriteLine(command);
        string output = Until(shell, "fw-edge1# ", host);
        shell.WriteLine("exit");
        Until(shell, "Logoff\r\n\r\n", host);
        return output;
    }

    public static string Expected(string folder, string file, string command) =>
        command + "\r\n" + SimProcess.Served("asa-stale-spi", folder, file) + "fw-edge1# ";
}

/// <summary>Logins over a real sshd with each authentication method, and the recording as evidence.</summary>
public sealed class SshLoginTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>
{
    private readonly SshdHost _host = fixture.Host;

    [Fact]
    public void PasswordLoginCollectsTheCaptureAndTheRecordingShowsExactlyTheLinesSent()
    {
        int before = _host.ReadRecording().Count;
        string? seenFingerprint = null;
        using (var client = Ssh.Client(_host, new PasswordAuthenticationMethod(_host.UserName, _host.Password), e => seenFingerprint = e.FingerPrintSHA256))
        {
            client.Connect();
            Assert.NotNull(seenFingerprint);
            Assert.Contains("SHA256:" + seenFingerprint, _host.HostKeyFingerprints.Values);
            client.Disconnect();
        }
        string output = Ssh.Collect(_host, new PasswordAuthenticationMethod(_host.UserName, _host.Password), "show crypto ipsec sa");
        Assert.Equal(Ssh.Expected("device", "show-crypto-ipsec-sa.txt", "show crypto ipsec sa"), output);
        var lines = _host.WaitForRecording(before + 5, Ssh.Wait).Skip(before).ToList();
        Assert.Equal(["enable", "<enable-password>", "terminal pager 0", "show crypto ipsec sa", "exit"], lines);
        Assert.DoesNotContain(Ssh.Secret, File.ReadAllText(_host.RecordingPath));
    }

    [Fact]
    public void KeyboardInteractiveLoginWorks()
    {
        var method = new KeyboardInteractiveAuthenticationMethod(_host.UserName);
        int prompts = 0;
        method.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompts++;
                prompt.Response = _host.Password;
            }
        };
        string output = Ssh.Collect(_host, method, "show asp table vpn-context detail");
        Assert.True(prompts >= 1);
        Assert.Equal(Ssh.Expected("device", "show-asp-table-vpn-context-detail.txt", "show asp table vpn-context detail"), output);
    }

    [Fact]
    public void KeyLoginWorksWithAndWithoutAPassphrase()
    {
        using (var key = new PrivateKeyFile(_host.PrivateKeyPath))
            Assert.Contains("interface: outside", Ssh.Collect(_host, new PrivateKeyAuthenticationMethod(_host.UserName, key), "show crypto ipsec sa"));
        using (var key = new PrivateKeyFile(_host.EncryptedPrivateKeyPath, _host.KeyPassphrase))
            Assert.Contains("interface: outside", Ssh.Collect(_host, new PrivateKeyAuthenticationMethod(_host.UserName, key), "show crypto ipsec sa"));
        // The wrong passphrase does not open the key (SSH.NET reports it as a cryptographic error).
        Assert.ThrowsAny<Exception>(() => new PrivateKeyFile(_host.EncryptedPrivateKeyPath, "not-the-passphrase"));
    }

    [Fact]
    public void AWrongPasswordIsRefusedAndTheRightOneStillLogsIn()
    {
        using (var client = Ssh.Client(_host, new PasswordAuthenticationMethod(_host.UserName, "not-the-password")))
            Assert.Throws<SshAuthenticationException>(() => client.Connect());
        using var ok = Ssh.Client(_host, new PasswordAuthenticationMethod(_host.UserName, _host.Password));
        ok.Connect();
        Assert.True(ok.IsConnected);
    }

    [Fact]
    public void KnownHostsLinesNameThePortAndBothHostKeys()
    {
        Assert.Equal(2, _host.KnownHostsLines.Count);
        Assert.All(_host.KnownHostsLines, l => Assert.StartsWith($"[127.0.0.1]:{_host.Port} ", l));
        Assert.Contains(_host.KnownHostsLines, l => l.Split(' ')[1] == "ssh-ed25519");
        Assert.Contains(_host.KnownHostsLines, l => l.Split(' ')[1] == "ssh-rsa");
    }
}

/// <summary>Restricted algorithm sets, state across logins and clean shutdown, each on its own sshd.</summary>
public sealed class SshHostTests
{
    [Fact]
    public void TheOldAsaAlgorithmSetNegotiates()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Algorithms = SshAlgorithms.OldAsa });
        using var client = Ssh.Client(host, new PasswordAuthenticationMethod(host.UserName, host.Password));
        client.Connect();
        var info = client.ConnectionInfo;
        Assert.Equal("diffie-hellman-group14-sha1", info.CurrentKeyExchangeAlgorithm);
        Assert.Equal("ssh-rsa", info.CurrentHostKeyAlgorithm);
        Assert.Equal("aes128-cbc", info.CurrentServerEncryption);
        Assert.Equal("aes128-cbc", info.CurrentClientEncryption);
        Assert.Equal("hmac-sha1", info.CurrentServerHmacAlgorithm);
        using var shell = Ssh.Shell(client);
        Ssh.Until(shell, "fw-edge1> ", host);
    }

    [Fact]
    public void AnAlgorithmSetTheClientCannotMeetFailsWhileTheServerStillAnswers()
    {
        using var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Algorithms = SshAlgorithms.UnsupportedByClient });
        using (var client = Ssh.Client(host, new PasswordAuthenticationMethod(host.UserName, host.Password)))
            Assert.ThrowsAny<SshException>(() => client.Connect());
        // The server is up and says why.
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            tcp.Connect(host.Host, host.Port);
            var buffer = new byte[20];
            int n = tcp.GetStream().Read(buffer);
            Assert.StartsWith("SSH-2.0-OpenSSH", Encoding.ASCII.GetString(buffer, 0, n));
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!host.Log.Contains("no matching MAC found", StringComparison.Ordinal) && watch.Elapsed < Ssh.Wait)
            Thread.Sleep(50);
        Assert.Contains("no matching MAC found", host.Log);
    }

    [Fact]
    public void ClearInOneLoginChangesTheNextLoginsOutputsAndDisposeLeavesNoProcess()
    {
        var host = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
        string work = host.WorkDirectory;
        int pid = host.ProcessId;
        SshClient? open = null;
        try
        {
            var password = new PasswordAuthenticationMethod(host.UserName, host.Password);
            Assert.Equal(Ssh.Expected("device", "show-asp-table-vpn-context-detail.txt", "show asp table vpn-context detail"),
                Ssh.Collect(host, password, "show asp table vpn-context detail"));
            Assert.Equal("clear crypto ipsec sa inactive\r\nfw-edge1# ", Ssh.Collect(host, password, "clear crypto ipsec sa inactive"));
            Assert.Equal(Ssh.Expected("device-after-clear", "show-asp-table-vpn-context-detail.txt", "show asp table vpn-context detail"),
                Ssh.Collect(host, password, "show asp table vpn-context detail"));

            // A session left open: its sshd children and simulator must go with Dispose.
            open = Ssh.Client(host, password);
            open.Connect();
            var shell = Ssh.Shell(open);
            Ssh.Until(shell, "fw-edge1> ", host);
            Assert.NotEmpty(ProcessesMentioning(work));
        }
        finally
        {
            host.Dispose();
            open?.Dispose();
        }
        Assert.False(Directory.Exists(work));
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.Empty(ProcessesMentioning(work));
    }

    [Fact]
    public void ParallelInstancesDoNotClash()
    {
        using var a = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi" });
        using var b = SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", Faults = ["deny=show asp table"] });
        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.RecordingPath, b.RecordingPath);
        Assert.NotEqual(a.Ed25519Fingerprint, b.Ed25519Fingerprint);
        Assert.Equal("show asp table vpn-context detail\r\nCommand authorization failed\r\nfw-edge1# ",
            Ssh.Collect(b, new PasswordAuthenticationMethod(b.UserName, b.Password), "show asp table vpn-context detail"));
        Assert.Contains("VPN CTX  = 0x2D2EA0A4",
            Ssh.Collect(a, new PasswordAuthenticationMethod(a.UserName, a.Password), "show asp table vpn-context detail"));
    }

    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
                continue;
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                    found.Add(pid);
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
}

/// <summary>Two sshd on one port at two loopback addresses: one connection call with one port reaches both devices.</summary>
public sealed class SshdPairTests
{
    [Fact]
    public void APairListensOnOnePortAtTwoAddressesEachWithItsOwnDeviceAndHostKeys()
    {
        var (a, b) = SshdHost.StartPair(new SshdOptions { Scenario = "asa-stale-spi" }, new SshdOptions { Scenario = "asa-stale-spi-far-end" });
        using (a)
        using (b)
        {
            Assert.Equal(("127.0.0.2", "127.0.0.3", a.Port), (a.Host, b.Host, b.Port));
            Assert.All(a.KnownHostsLines, l => Assert.StartsWith($"[127.0.0.2]:{a.Port} ", l));
            Assert.All(b.KnownHostsLines, l => Assert.StartsWith($"[127.0.0.3]:{a.Port} ", l));
            foreach (var (host, prompt) in new[] { (a, "fw-edge1> "), (b, "fw-branch> ") })
            {
                string? fingerprint = null;
                using var client = Ssh.Client(host, new PasswordAuthenticationMethod(host.UserName, host.Password), e => fingerprint = e.FingerPrintSHA256);
                client.Connect();
                Assert.Equal(host.Ed25519Fingerprint, "SHA256:" + fingerprint);
                using var shell = Ssh.Shell(client);
                Ssh.Until(shell, prompt, host);
            }
        }
    }

    [Fact]
    public void AGivenPortThatIsTakenOnItsAddressIsAPortTakenErrorAndOnlyLoopbackIsAccepted()
    {
        var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse("127.0.0.3"), 0);
        other.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
            Assert.Throws<SshdPortTakenException>(() =>
                SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", ListenAddress = "127.0.0.3", Port = port, StartTimeout = TimeSpan.FromSeconds(20) }));
        }
        finally
        {
            other.Stop();
        }
        var refused = Assert.Throws<InvalidOperationException>(() => SshdHost.Start(new SshdOptions { Scenario = "asa-stale-spi", ListenAddress = "0.0.0.0" }));
        Assert.Contains("loopback only", refused.Message);
    }
}
