using System.Diagnostics;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>Logins and collection through <see cref="SshDeviceConnector"/> against one shared sshd running the simulator.</summary>
public sealed class SshDeviceConnectorTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>
{
    private readonly SshdHost _host = fixture.Host;
    private readonly SshDeviceConnector _connector = new();

    private string ReadPrompt(IDeviceChannel channel)
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
        return text;
    }

    [Fact]
    public void PasswordLoginCollectsShowCryptoIpsecSaWithThePagerOff()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        int before = _host.ReadRecording().Count;
        var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        using (var session = new DeviceSession(channel, Ssh.SessionOptions()))
        {
            session.Open();
            Assert.Equal("fw-edge1", session.Hostname);
            var output = session.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.Equal(Ssh.Expected("show-crypto-ipsec-sa.txt"), Ssh.Normalise(output.Output));
        }
        var lines = _host.WaitForRecording(before + 6, Ssh.Wait).Skip(before).ToList();
        // Enter first: the prompt counts once it comes back (the prompt keystroke of the policy).
        Assert.Equal(["", "enable", "<enable-password>", "show version", "terminal pager 0", "show crypto ipsec sa"], lines.Take(6));
        Assert.DoesNotContain(lines, l => l.StartsWith("<pager:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWholeShellIsReadableAndWritableAndCloseEndsIt()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        using var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        Assert.True(channel.IsConnected);
        Assert.Contains("Type help or '?'", ReadPrompt(channel));
        // Nothing more comes: an empty read, within the time asked.
        Assert.Equal("", channel.Read(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        channel.Write("exit\n");
        var rest = "";
        string? chunk;
        var watch = Stopwatch.StartNew();
        while ((chunk = channel.Read(TimeSpan.FromMilliseconds(200), CancellationToken.None)) != null && watch.Elapsed < Ssh.Wait)
            rest += chunk;
        Assert.Null(chunk);
        Assert.Contains("Logoff", rest);
        Assert.False(channel.IsConnected);
        var e = Assert.Throws<DeviceException>(() => channel.Write("show version\n"));
        Assert.Equal(ErrorIds.DeviceDisconnected, e.ErrorId);
    }

    [Fact]
    public void AReadHonoursCancellation()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        using var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        ReadPrompt(channel);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => channel.Read(TimeSpan.FromSeconds(30), cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancelled read took {watch.Elapsed}");
    }

    [Fact]
    public void KeyFilesWithAndWithoutAPassphraseLogIn()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var plain = Ssh.Options(_host, known.Path);
        plain.Password = null;
        plain.KeyFilePath = _host.PrivateKeyPath;
        using (var channel = _connector.Connect(plain, CancellationToken.None))
            ReadPrompt(channel);

        var encrypted = Ssh.Options(_host, known.Path);
        encrypted.Password = null;
        encrypted.KeyFilePath = _host.EncryptedPrivateKeyPath;
        encrypted.KeyPassphrase = new DeviceSecret(_host.KeyPassphrase);
        using (var channel = _connector.Connect(encrypted, CancellationToken.None))
            ReadPrompt(channel);

        // The wrong passphrase does not open the key, and says so without the passphrase.
        encrypted.KeyPassphrase = new DeviceSecret("not-the-passphrase");
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(encrypted, CancellationToken.None));
        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
        Ssh.AssertNoSecret(e, "not-the-passphrase", _host.KeyPassphrase);
        // No passphrase for an encrypted key.
        encrypted.KeyPassphrase = null;
        e = Assert.Throws<DeviceException>(() => _connector.Connect(encrypted, CancellationToken.None));
        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
    }

    [Fact]
    public void AWrongPasswordIsAuthenticationFailedAndTheRightOneStillLogsIn()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var options = Ssh.Options(_host, known.Path);
        options.Password = new DeviceSecret("Wrong-Pa55word-xyz");
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(options, CancellationToken.None));
        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
        Assert.Equal(SpiErrorCategory.PermissionDenied, e.Category);
        Ssh.AssertNoSecret(e, "Wrong-Pa55word-xyz", _host.Password);

        using var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        ReadPrompt(channel);
    }

    [Fact]
    public void AnUnknownHostKeyIsRefusedWithItsFingerprintAndNothingIsRecorded()
    {
        using var known = new TempKnownHosts();
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None));
        Assert.Equal(ErrorIds.HostKeyUnknown, e.ErrorId);
        Assert.Contains(e.Fingerprint, _host.HostKeyFingerprints.Values);
        Assert.Contains(e.Fingerprint!, e.Message);
        Assert.Contains($"[127.0.0.1]:{_host.Port}", e.Message);
        Assert.Equal("", known.Text);

        // The fingerprint it names, given as the expected one, lets the same connection through.
        var pinned = Ssh.Options(_host, known.Path);
        pinned.HostKeyFingerprint = e.Fingerprint;
        using var channel = _connector.Connect(pinned, CancellationToken.None);
        ReadPrompt(channel);
        Assert.Equal("", known.Text);
    }

    [Fact]
    public void AcceptNewRecordsTheKeyAndTheNextStrictConnectPasses()
    {
        using var known = new TempKnownHosts();
        var options = Ssh.Options(_host, known.Path);
        options.AcceptNewHostKey = true;
        using (var channel = _connector.Connect(options, CancellationToken.None))
            ReadPrompt(channel);
        var recorded = known.Text.Trim().Split('\n');
        var line = Assert.Single(recorded);
        Assert.Contains(line, _host.KnownHostsLines);

        using (var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None))
            ReadPrompt(channel);
        Assert.Equal(recorded, known.Text.Trim().Split('\n'));
    }

    [Fact]
    public void AChangedKeyIsAMismatchEvenWithAcceptNew()
    {
        var forged = new[] { "ssh-ed25519", "ssh-rsa" }.Select(t => $"[127.0.0.1]:{_host.Port} {t} {Ssh.FakeKeyBlob(t)}").ToArray();
        using var known = new TempKnownHosts(forged);
        string before = known.Text;
        foreach (bool acceptNew in new[] { false, true })
        {
            var options = Ssh.Options(_host, known.Path);
            options.AcceptNewHostKey = acceptNew;
            var e = Assert.Throws<DeviceException>(() => _connector.Connect(options, CancellationToken.None));
            Assert.Equal(ErrorIds.HostKeyMismatch, e.ErrorId);
            Assert.Contains(e.Fingerprint, _host.HostKeyFingerprints.Values);
        }
        Assert.Equal(before, known.Text);

        // A wrong expected fingerprint is a mismatch too; the right file still works.
        var pinned = Ssh.Options(_host, known.Path);
        pinned.HostKeyFingerprint = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        Assert.Equal(ErrorIds.HostKeyMismatch, Assert.Throws<DeviceException>(() => _connector.Connect(pinned, CancellationToken.None)).ErrorId);
        using var good = new TempKnownHosts(_host.KnownHostsLines);
        using var channel = _connector.Connect(Ssh.Options(_host, good.Path), CancellationToken.None);
        ReadPrompt(channel);
    }

    [Fact]
    public void AClosedPortIsConnectionRefused()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var options = Ssh.Options(_host, known.Path);
        options.Port = Ssh.ClosedPort();
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(options, CancellationToken.None));
        Assert.Equal(ErrorIds.ConnectionRefused, e.ErrorId);
        Assert.Equal(SpiErrorCategory.ConnectionError, e.Category);
    }

    [Fact]
    public void APortThatNeverSpeaksSshIsConnectionTimeoutWithinTheTimeout()
    {
        using var silent = new SilentListener();
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var options = Ssh.Options(_host, known.Path);
        options.Port = silent.Port;
        options.ConnectTimeout = TimeSpan.FromSeconds(2);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<DeviceException>(() => _connector.Connect(options, CancellationToken.None));
        watch.Stop();
        Assert.True(e.ErrorId == ErrorIds.ConnectionTimeout, Ssh.AllText(e));
        Assert.Contains("2 s", e.Message);
        // Bounded by the timeout plus one wait slice, with room for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"gave up after {watch.Elapsed}, before the timeout");
    }

    [Fact]
    public void CancellationStopsAConnectWithinASecond()
    {
        using var silent = new SilentListener();
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var options = Ssh.Options(_host, known.Path);
        options.Port = silent.Port;
        options.ConnectTimeout = TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => _connector.Connect(options, cts.Token));
        Thread.Sleep(300);
        cts.Cancel();
        var cancelledAt = watch.Elapsed;
        var e = Assert.ThrowsAny<OperationCanceledException>(() => task.GetAwaiter().GetResult());
        Assert.True(watch.Elapsed - cancelledAt < TimeSpan.FromSeconds(3), $"took {watch.Elapsed - cancelledAt} after the cancel");
        // An already cancelled token sends nothing at all; the same options still fail only for the silent port.
        Assert.ThrowsAny<OperationCanceledException>(() => _connector.Connect(Ssh.Options(_host, known.Path), new CancellationToken(true)));
        Assert.NotNull(e);
    }

    [Fact]
    public void InvalidOptionsAreRefusedBeforeConnecting()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        var noCredential = Ssh.Options(_host, known.Path);
        noCredential.Password = null;
        Assert.Equal(ErrorIds.InvalidDeviceArgument, Assert.Throws<DeviceException>(() => _connector.Connect(noCredential, CancellationToken.None)).ErrorId);
        var badHost = Ssh.Options(_host, known.Path);
        badHost.Host = "127.0.0.1;reboot";
        Assert.Equal("Host", Assert.Throws<DeviceException>(() => _connector.Connect(badHost, CancellationToken.None)).ArgumentName);
        var missingKey = Ssh.Options(_host, known.Path);
        missingKey.KeyFilePath = Path.Combine(Path.GetTempPath(), "spitools-no-such-key-" + Guid.NewGuid());
        Assert.Equal("KeyFilePath", Assert.Throws<DeviceException>(() => _connector.Connect(missingKey, CancellationToken.None)).ArgumentName);
        using var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        ReadPrompt(channel);
    }

    [Fact]
    public void NoPasswordInAnyProcessCommandLineWhileASessionRuns()
    {
        using var known = new TempKnownHosts(_host.KnownHostsLines);
        using var channel = _connector.Connect(Ssh.Options(_host, known.Path), CancellationToken.None);
        using var session = new DeviceSession(channel, Ssh.SessionOptions());
        session.Open();
        var lines = Ssh.CommandLines();
        Assert.Contains(lines, l => l.Contains("SpiTools.Simulator", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(_host.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Ssh.EnableSecret, StringComparison.Ordinal));
        Assert.Contains("interface: outside", session.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output);
    }
}
