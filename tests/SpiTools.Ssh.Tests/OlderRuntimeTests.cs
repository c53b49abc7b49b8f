using System.Diagnostics;
using System.Reflection;
using SpiTools.TestSupport;
using Xunit;

namespace SpiTools.Ssh.Tests;

/// <summary>
/// PowerShell 7.4 and 7.5 run on .NET 8 and 9, which lack the System.Formats.Asn1 10.0.0.0 SSH.NET 2026 needs for PEM
/// keys. Self-contained .NET 8 and .NET 9 programs (tests/SpiTools.LoadContextHost) load the module's staged
/// dependencies/ through the module's own loader and log in to real sshd with every kind of key file.
/// </summary>
public sealed class OlderRuntimeTests(AsaSshdFixture fixture) : IClassFixture<AsaSshdFixture>, IDisposable
{
    private readonly SshdHost _host = fixture.Host;
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("spitools-keys-");

    public void Dispose() => _keys.Delete(recursive: true);

    private static readonly object StagingLock = new();

    private static string HostProgram(string framework)
    {
        var root = typeof(OlderRuntimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoadContextHost").Value!;
        var path = Path.Combine(root, framework, "linux-x64", "SpiTools.LoadContextHost");
        Assert.True(File.Exists(path), $"{path} is missing (built with this project)");
        // The module's dependencies/ beside the host, as in the module folder: copied here, once the solution is built,
        // because a solution build may build the host before the module has staged them.
        var staged = typeof(OlderRuntimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleDependencies").Value!;
        var files = Directory.Exists(staged) ? Directory.GetFiles(staged, "*.dll") : Array.Empty<string>();
        Assert.True(files.Length > 0, $"{staged} holds no assembly: build src/SpiTools first");
        var target = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(path)!, "dependencies"));
        lock (StagingLock)
            foreach (var file in files)
                File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)), overwrite: true);
        return path;
    }

    /// <summary>A new key pair of the given kind, authorised for the test user.</summary>
    private string NewKey(string name, params string[] keygen)
    {
        var path = Path.Combine(_keys.FullName, name);
        var info = new ProcessStartInfo("/usr/bin/ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in keygen.Concat(new[] { "-q", "-N", "", "-C", "spitools-" + name, "-f", path })) info.ArgumentList.Add(a);
        using (var p = Process.Start(info)!)
        {
            p.WaitForExit(60_000);
            Assert.Equal(0, p.ExitCode);
        }
        File.AppendAllText(Path.Combine(_host.WorkDirectory, "authorized_keys"), File.ReadAllText(path + ".pub"));
        return path;
    }

    [Theory]
    [InlineData("net8.0", "8.0.")]
    [InlineData("net9.0", "9.0.")]
    public async Task TheStagedDependenciesLoadThroughTheModulesLoaderAndEveryKindOfKeyLogsIn(string framework, string runtime)
    {
        var ecdsa = NewKey("id_ecdsa", "-t", "ecdsa", "-b", "256");
        var rsaOpenSsh = NewKey("id_rsa_openssh", "-t", "rsa", "-b", "2048");
        var rsaPem = NewKey("id_rsa_pem", "-t", "rsa", "-b", "2048", "-m", "PEM");
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(rsaPem));
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", File.ReadAllText(rsaOpenSsh));
        using var known = new TempKnownHosts(_host.KnownHostsLines);

        var info = new ProcessStartInfo(HostProgram(framework)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { _host.Host, _host.Port.ToString(), _host.UserName, known.Path,
                     _host.PrivateKeyPath, ecdsa, rsaOpenSsh, rsaPem, _host.EncryptedPrivateKeyPath + ":SPITOOLS_TEST_PASSPHRASE" })
            info.ArgumentList.Add(a);
        info.Environment["SPITOOLS_TEST_PASSPHRASE"] = _host.KeyPassphrase;
        info.Environment["SPITOOLS_TEST_ENABLE"] = Ssh.EnableSecret;
        info.Environment.Remove("DOTNET_ROOT");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(limit.Token);
        var output = await stdout;
        var text = output + await stderr;
        Assert.True(process.ExitCode == 0, text + _host.Log);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("runtime " + runtime, lines[0]);
        foreach (var key in new[] { _host.PrivateKeyPath, ecdsa, rsaOpenSsh, rsaPem, _host.EncryptedPrivateKeyPath })
            Assert.Contains(lines, l => l.StartsWith(key + " OK ", StringComparison.Ordinal));
        // The runtime's System.Formats.Asn1 is older than SSH.NET needs: the staged 10.0.0.0 is the one SSH.NET got.
        Assert.Contains("loaded System.Formats.Asn1 10.0.0.0 in module context", lines);
        Assert.Contains(lines, l => l.StartsWith("loaded Renci.SshNet 2026.", StringComparison.Ordinal) && l.EndsWith("in module context", StringComparison.Ordinal));
    }
}
