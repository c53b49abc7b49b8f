using System.Security.Cryptography;

namespace SpiTools.TestSupport;

/// <summary>
/// The throw-away local user the SSH sessions run as. Created once per machine (<c>useradd</c>, no home,
/// shell <c>/bin/sh</c>) with a random password (<c>chpasswd</c>) kept in a root-only file, so every
/// SshdHost instance, in any test process, uses the same password and none overwrites another's.
/// </summary>
internal static class TestUser
{
    private static readonly string StateDirectory = Path.Combine(Path.GetTempPath(), "spitools-sim-user");

    public static string Ensure(string name)
    {
        Directory.CreateDirectory(StateDirectory);
        File.SetUnixFileMode(StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var guard = Lock(Path.Combine(StateDirectory, "lock"));
        if (!Exists(name))
            SshdHost.Run("/usr/sbin/useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/bin/sh", name);
        string secretFile = Path.Combine(StateDirectory, name + ".password");
        string password;
        if (File.Exists(secretFile) && (password = File.ReadAllText(secretFile).Trim()).Length >= 16)
        {
            // Set again: the account may have been recreated since the file was written.
        }
        else
        {
            password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            File.WriteAllText(secretFile, "");
            File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(secretFile, password);
        }
        SshdHost.RunWithInput("/usr/sbin/chpasswd", $"{name}:{password}\n");
        return password;
    }

    private static bool Exists(string name) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
