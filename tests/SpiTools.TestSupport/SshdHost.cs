using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SpiTools.TestSupport;

/// <summary>
/// A real OpenSSH server (<c>/usr/sbin/sshd -D -e</c>) on a loopback address (127.0.0.1 unless told) at a free high
/// port (or a given one), with throw-away host
/// keys, a throw-away user (<see cref="UserName"/>, with a password and two key pairs) and a <c>ForceCommand</c>
/// that runs the device simulator on the given scenario. Each instance has its own folder, port, keys,
/// recording and state, so test classes can run their own in parallel. <see cref="Dispose"/> stops sshd with
/// every process under it and deletes the folder. Needs root (sshd switches to the user; the user is created
/// with <c>useradd</c> and given its password with <c>chpasswd</c>).
/// </summary>
public sealed class SshdHost : IDisposable
{
    /// <summary>The local user the sessions log in as.</summary>
    public const string DefaultUserName = "spitools-sim";

    private const string SshdPath = "/usr/sbin/sshd";
    private const string SshKeygenPath = "/usr/bin/ssh-keygen";
    private static readonly object LiveLock = new();
    private static readonly HashSet<SshdHost> Live = new();

    private readonly Process _process;
    private readonly StringBuilder _log;
    private int _disposed;

    static SshdHost()
    {
        // A test run that ends without disposing still leaves no sshd behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SshdHost[] left;
            lock (LiveLock)
                left = Live.ToArray();
            foreach (var host in left)
                host.Dispose();
        };
    }

    private SshdHost(Process process, StringBuilder log, string address, int port, string workDirectory, string password, string recordingPath,
        Dictionary<string, string> fingerprints, IReadOnlyList<string> knownHosts, string sshdConfigPath, string keyPassphrase)
    {
        KeyPassphrase = keyPassphrase;
        _process = process;
        _log = log;
        Host = address;
        Port = port;
        WorkDirectory = workDirectory;
        Password = password;
        RecordingPath = recordingPath;
        HostKeyFingerprints = fingerprints;
        KnownHostsLines = knownHosts;
        SshdConfigPath = sshdConfigPath;
    }

    /// <summary>The sshd listener's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The loopback address sshd listens on.</summary>
    public string Host { get; }

    public int Port { get; }
    public string UserName => DefaultUserName;

    /// <summary>The user's password (random, shared by the instances on this machine).</summary>
    public string Password { get; }

    public string WorkDirectory { get; }
    public string SshdConfigPath { get; }

    /// <summary>An ed25519 private key (OpenSSH format) without a passphrase, authorised for the user.</summary>
    public string PrivateKeyPath => Path.Combine(WorkDirectory, "client", "id_ed25519");

    /// <summary>An RSA private key (PEM) protected by <see cref="KeyPassphrase"/>, authorised for the user.</summary>
    public string EncryptedPrivateKeyPath => Path.Combine(WorkDirectory, "client", "id_rsa_passphrase");

    public string KeyPassphrase { get; }

    /// <summary>Host key fingerprints by key type (<c>ssh-ed25519</c>, <c>ssh-rsa</c>), as <c>SHA256:base64</c> without padding, the way <c>ssh-keygen -l</c> prints them.</summary>
    public IReadOnlyDictionary<string, string> HostKeyFingerprints { get; }

    public string Ed25519Fingerprint => HostKeyFingerprints["ssh-ed25519"];
    public string RsaFingerprint => HostKeyFingerprints["ssh-rsa"];

    /// <summary><c>known_hosts</c> lines for this server (<c>[address]:port type base64</c>), one per host key.</summary>
    public IReadOnlyList<string> KnownHostsLines { get; }

    /// <summary>The simulator's recording: every line the device received, across all logins to this instance.</summary>
    public string RecordingPath { get; }

    /// <summary>The simulator's state (which outputs folder is active), kept across logins.</summary>
    public string StatePath => RecordingPath + ".state";

    /// <summary>What sshd printed on standard error so far (for test failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>The recorded lines so far.</summary>
    public IReadOnlyList<string> ReadRecording() =>
        File.Exists(RecordingPath)
            ? File.ReadAllText(RecordingPath).Split('\n', StringSplitOptions.None).SkipLast(1).ToList()
            : [];

    /// <summary>Waits (bounded) until the recording holds at least <paramref name="count"/> lines; returns what it holds then.</summary>
    public IReadOnlyList<string> WaitForRecording(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var lines = ReadRecording();
            if (lines.Count >= count || watch.Elapsed > timeout)
                return lines;
            Thread.Sleep(50);
        }
    }

    /// <summary>Starts sshd; throws <see cref="InvalidOperationException"/> with a clear message when it cannot.</summary>
    public static SshdHost Start(SshdOptions options)
    {
        if (!File.Exists(SshdPath))
            throw new InvalidOperationException(
                $"OpenSSH server is not installed: {SshdPath} is missing. Install it with 'apt-get install -y --no-install-recommends openssh-server'.");
        if (!File.Exists(SshKeygenPath))
            throw new InvalidOperationException($"{SshKeygenPath} is missing (package openssh-client).");
        if (!IPAddress.TryParse(options.ListenAddress, out var listen) || listen.AddressFamily != AddressFamily.InterNetwork
            || listen.GetAddressBytes()[0] != 127)
            throw new InvalidOperationException($"SshdHost listens on loopback only (127.0.0.0/8), not on '{options.ListenAddress}'");
        if (Environment.UserName != "root")
            throw new InvalidOperationException("SshdHost needs root: sshd switches users and the test user is created with useradd.");

        string simulator = options.SimulatorPath ?? Path.Combine(AppContext.BaseDirectory, "SpiTools.Simulator.dll");
        if (!File.Exists(simulator))
            throw new InvalidOperationException($"the device simulator is not at {simulator}");
        string scenario = Directory.Exists(options.Scenario)
            ? options.Scenario
            : Path.Combine(Path.GetDirectoryName(simulator)!, "Scenarios", options.Scenario);
        if (!File.Exists(Path.Combine(scenario, "scenario.json")))
            throw new InvalidOperationException($"no scenario.json in {scenario}");
        string dotnet = options.DotnetPath ?? FindDotnet();

        string password = TestUser.Ensure(DefaultUserName);
        var work = Directory.CreateTempSubdirectory("spitools-sshd-");
        try
        {
            return StartIn(work.FullName, options, simulator, scenario, dotnet, password);
        }
        catch
        {
            TryDelete(work.FullName);
            throw;
        }
    }

    private static SshdHost StartIn(string work, SshdOptions options, string simulator, string scenario, string dotnet, string password)
    {
        File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string hostKeys = Directory.CreateDirectory(Path.Combine(work, "hostkeys")).FullName;
        string client = Directory.CreateDirectory(Path.Combine(work, "client")).FullName;
        string sim = Directory.CreateDirectory(Path.Combine(work, "sim")).FullName;
        string device = Directory.CreateDirectory(Path.Combine(work, "device")).FullName;
        File.SetUnixFileMode(hostKeys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(client, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Throw-away keys: host keys for sshd, key pairs for the client (one with a passphrase).
        var host = new SshdHostKeys(hostKeys);
        Run(SshKeygenPath, "-q", "-t", "ed25519", "-N", "", "-C", "spitools-sim-host", "-f", host.Ed25519);
        Run(SshKeygenPath, "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "spitools-sim-host", "-f", host.Rsa);
        string userKey = Path.Combine(client, "id_ed25519");
        string userKeyPass = Path.Combine(client, "id_rsa_passphrase");
        var instancePassphrase = "pass-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Run(SshKeygenPath, "-q", "-t", "ed25519", "-N", "", "-C", "spitools-sim-user", "-f", userKey);
        Run(SshKeygenPath, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", instancePassphrase, "-C", "spitools-sim-user", "-f", userKeyPass);
        string authorizedKeys = Path.Combine(work, "authorized_keys");
        File.WriteAllText(authorizedKeys, File.ReadAllText(userKey + ".pub") + File.ReadAllText(userKeyPass + ".pub"));

        // The simulator and its scenario, copied where the test user can read them whatever the checkout's permissions.
        string simDir = Path.GetDirectoryName(Path.GetFullPath(simulator))!;
        string simName = Path.GetFileNameWithoutExtension(simulator);
        foreach (string suffix in new[] { ".dll", ".runtimeconfig.json", ".deps.json" })
        {
            string from = Path.Combine(simDir, simName + suffix);
            if (File.Exists(from))
                File.Copy(from, Path.Combine(sim, simName + suffix));
        }
        string scenarioCopy = Path.Combine(work, "scenario");
        CopyDirectory(scenario, scenarioCopy);
        string recording = Path.Combine(device, "recording.log");
        File.WriteAllText(recording, "");
        Run("/bin/chown", "-R", DefaultUserName, device);

        var fingerprints = new Dictionary<string, string>();
        var publicKeys = new List<(string Type, string Blob)>();
        foreach (string pub in new[] { host.Ed25519 + ".pub", host.Rsa + ".pub" })
        {
            string[] parts = File.ReadAllText(pub).Trim().Split(' ');
            fingerprints[parts[0]] = "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(parts[1]))).TrimEnd('=');
            publicKeys.Add((parts[0], parts[1]));
        }

        string command = "stty raw -echo 2>/dev/null; HOME=" + Quote(device) + " DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 exec "
            + Quote(dotnet) + " " + Quote(Path.Combine(sim, simName + ".dll"))
            + " --scenario " + Quote(scenarioCopy) + " --record " + Quote(recording)
            + string.Concat(options.Faults.Select(f => " --fault " + Quote(f)));

        Directory.CreateDirectory("/run/sshd");
        Exception? last = null;
        var address = IPAddress.Parse(options.ListenAddress);
        for (int attempt = 0; attempt < (options.Port is null ? 5 : 1); attempt++)
        {
            int port = options.Port ?? FreePort(address);
            string config = Path.Combine(work, "sshd_config");
            File.WriteAllText(config, Config(address, port, work, host, authorizedKeys, command, options.Algorithms, options.PasswordAuthentication, options.PowerShellSubsystem));
            var log = new StringBuilder();
            var process = StartSshd(config, log);
            try
            {
                WaitReady(process, address, port, options.StartTimeout, log);
                var known = publicKeys.Select(k => $"[{address}]:{port} {k.Type} {k.Blob}").ToList();
                var result = new SshdHost(process, log, address.ToString(), port, work, password, recording, fingerprints, known, config, instancePassphrase);
                lock (LiveLock)
                    Live.Add(result);
                return result;
            }
            catch (SshdPortTakenException e)
            {
                Stop(process);
                if (options.Port is not null)
                    throw;
                last = e;
            }
            catch
            {
                Stop(process);
                throw;
            }
        }
        throw new InvalidOperationException($"sshd could not bind a free port on {address} after 5 attempts", last);
    }

    /// <summary>
    /// Two hosts on the same port number, one on each of two loopback addresses (default 127.0.0.2 and 127.0.0.3),
    /// so that one connection call with one port reaches two devices. The port is a free one on the first address;
    /// when the second address has it taken, both start again on a new port (at most <paramref name="attempts"/> times).
    /// </summary>
    public static (SshdHost First, SshdHost Second) StartPair(SshdOptions first, SshdOptions second, string firstAddress = "127.0.0.2",
        string secondAddress = "127.0.0.3", int attempts = 5)
    {
        SshdPortTakenException? last = null;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            var a = Start(new SshdOptions
            {
                Scenario = first.Scenario, Faults = first.Faults, Algorithms = first.Algorithms, PasswordAuthentication = first.PasswordAuthentication,
                PowerShellSubsystem = first.PowerShellSubsystem, SimulatorPath = first.SimulatorPath, DotnetPath = first.DotnetPath,
                StartTimeout = first.StartTimeout, ListenAddress = firstAddress,
            });
            try
            {
                var b = Start(new SshdOptions
                {
                    Scenario = second.Scenario, Faults = second.Faults, Algorithms = second.Algorithms, PasswordAuthentication = second.PasswordAuthentication,
                    PowerShellSubsystem = second.PowerShellSubsystem, SimulatorPath = second.SimulatorPath, DotnetPath = second.DotnetPath,
                    StartTimeout = second.StartTimeout, ListenAddress = secondAddress, Port = a.Port,
                });
                return (a, b);
            }
            catch (SshdPortTakenException e)
            {
                a.Dispose();
                last = e;
            }
            catch
            {
                a.Dispose();
                throw;
            }
        }
        throw new InvalidOperationException($"no port was free on both {firstAddress} and {secondAddress} after {attempts} attempts", last);
    }

    private static string Config(IPAddress address, int port, string work, SshdHostKeys host, string authorizedKeys, string command, SshAlgorithms? algorithms, bool passwordAuthentication,
        string? powerShell = null)
    {
        var c = new StringBuilder();
        c.AppendLine($"Port {port}");
        c.AppendLine($"ListenAddress {address}");
        c.AppendLine($"HostKey {host.Ed25519}");
        c.AppendLine($"HostKey {host.Rsa}");
        c.AppendLine($"PidFile {Path.Combine(work, "sshd.pid")}");
        c.AppendLine($"AuthorizedKeysFile {authorizedKeys}");
        c.AppendLine("StrictModes no");
        c.AppendLine("UsePAM yes");
        c.AppendLine(passwordAuthentication ? "PasswordAuthentication yes" : "PasswordAuthentication no");
        c.AppendLine("KbdInteractiveAuthentication yes");
        c.AppendLine("PubkeyAuthentication yes");
        // A PowerShell jump host: root logs in with the instance's user key and gets the PowerShell subsystem
        // (PowerShell remoting over SSH); the simulator user still gets only the simulator.
        c.AppendLine(powerShell is null ? "PermitRootLogin no" : "PermitRootLogin prohibit-password");
        c.AppendLine(powerShell is null ? $"AllowUsers {DefaultUserName}" : $"AllowUsers {DefaultUserName} root");
        if (powerShell is not null)
            c.AppendLine($"Subsystem powershell {powerShell} -sshs -NoLogo -NoProfile");
        c.AppendLine("PermitTTY yes");
        c.AppendLine("PrintMotd no");
        c.AppendLine("PrintLastLog no");
        c.AppendLine("UseDNS no");
        c.AppendLine("X11Forwarding no");
        c.AppendLine("AllowTcpForwarding no");
        c.AppendLine("AllowAgentForwarding no");
        c.AppendLine("PermitUserEnvironment no");
        c.AppendLine("MaxAuthTries 10");
        c.AppendLine("LoginGraceTime 30");
        c.AppendLine("MaxStartups 50:30:100");
        c.AppendLine("LogLevel VERBOSE");
        if (algorithms?.Kex is { } kex)
            c.AppendLine($"KexAlgorithms {kex}");
        if (algorithms?.HostKey is { } hostKey)
            c.AppendLine($"HostKeyAlgorithms {hostKey}");
        if (algorithms?.Ciphers is { } ciphers)
            c.AppendLine($"Ciphers {ciphers}");
        if (algorithms?.Macs is { } macs)
            c.AppendLine($"MACs {macs}");
        if (powerShell is not null)
            c.AppendLine($"Match User {DefaultUserName}");
        c.AppendLine($"ForceCommand {command}");
        return c.ToString();
    }

    private static Process StartSshd(string config, StringBuilder log)
    {
        var info = new ProcessStartInfo(SshdPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-D", "-e", "-f", config })
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static void WaitReady(Process process, IPAddress address, int port, TimeSpan timeout, StringBuilder log)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                string text;
                lock (log)
                    text = log.ToString();
                if (text.Contains("Address already in use", StringComparison.Ordinal) || text.Contains("Cannot bind any address", StringComparison.Ordinal))
                    throw new SshdPortTakenException($"{address}:{port} is taken:{Environment.NewLine}{text}");
                throw new InvalidOperationException($"sshd exited with code {process.ExitCode} before answering:{Environment.NewLine}{text}");
            }
            try
            {
                using var tcp = new TcpClient();
                tcp.Connect(address, port);
                tcp.ReceiveTimeout = 2000;
                var stream = tcp.GetStream();
                var buffer = new byte[8];
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = stream.Read(buffer, read, buffer.Length - read);
                    if (n == 0)
                        break;
                    read += n;
                }
                if (Encoding.ASCII.GetString(buffer, 0, read) == "SSH-2.0-")
                    return;
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
            Thread.Sleep(50);
        }
        string all;
        lock (log)
            all = log.ToString();
        throw new InvalidOperationException($"sshd did not answer on {address}:{port} within {timeout.TotalSeconds:0} s:{Environment.NewLine}{all}");
    }

    private static int FreePort(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindDotnet()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (hostPath is not null && File.Exists(hostPath))
            return hostPath;
        foreach (string candidate in new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/bin/dotnet" })
        {
            if (File.Exists(candidate))
                return Path.GetFullPath(new FileInfo(candidate).ResolveLinkTarget(true)?.FullName ?? candidate);
        }
        throw new InvalidOperationException("no dotnet host found for the simulator (set SshdOptions.DotnetPath)");
    }

    internal static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static string Run(string file, params string[] arguments) => RunWithInput(file, null, arguments);

    internal static string RunWithInput(string file, string? input, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish within 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments.Where(a => a != input))} failed ({process.ExitCode}): {stderr.Result.Trim()}");
        return stdout;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(from))
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        process.Dispose();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Stops sshd and every process under it (sessions, simulators), then deletes the instance's folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        lock (LiveLock)
            Live.Remove(this);
        Stop(_process);
        TryDelete(WorkDirectory);
    }

    private sealed record SshdHostKeys(string Directory)
    {
        public string Ed25519 => Path.Combine(Directory, "ssh_host_ed25519_key");
        public string Rsa => Path.Combine(Directory, "ssh_host_rsa_key");
    }
}

/// <summary>sshd could not listen: another listener holds the address and port.</summary>
public sealed class SshdPortTakenException(string message) : Exception(message);
