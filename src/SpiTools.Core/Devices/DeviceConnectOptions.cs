using System;
using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>How to reach and log in to one device over SSH. Secrets are <see cref="DeviceSecret"/>s: they never print.</summary>
    public sealed class DeviceConnectOptions
    {
        /// <summary>Host name or address (what <c>-ComputerName</c> / <c>--host</c> gave).</summary>
        public string Host { get; set; } = "";

        /// <summary>TCP port.</summary>
        public int Port { get; set; } = 22;

        /// <summary>User name.</summary>
        public string UserName { get; set; } = "";

        /// <summary>Password, used for password and keyboard-interactive authentication; null when a key is used alone.</summary>
        public DeviceSecret? Password { get; set; }

        /// <summary>Private key file (OpenSSH or PEM format); null for password login.</summary>
        public string? KeyFilePath { get; set; }

        /// <summary>The key file's passphrase, if it has one.</summary>
        public DeviceSecret? KeyPassphrase { get; set; }

        /// <summary>The host key's expected SHA256 fingerprint (<c>SHA256:…</c> as OpenSSH prints it); when set, known_hosts is not consulted.</summary>
        public string? HostKeyFingerprint { get; set; }

        /// <summary>The OpenSSH known_hosts file to verify the host key against (default <c>~/.ssh/known_hosts</c>).</summary>
        public string? KnownHostsPath { get; set; }

        /// <summary>Record the host key of a host with no key of any type on record (OpenSSH's accept-new); a changed key, or one of another type than the recorded one, is never accepted.</summary>
        public bool AcceptNewHostKey { get; set; }

        /// <summary>How long to wait for the TCP connection and the SSH handshake.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The known_hosts file used when none is given: <c>~/.ssh/known_hosts</c>.</summary>
        public static string DefaultKnownHostsPath =>
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
    }
}
