using SpiTools.Devices;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// The options a run gives every device (its connection, what to collect, its deadlines, where to save), as a
    /// front end bound them: <see cref="DeviceTargetBuilder"/> turns it and each device's <see cref="DeviceTargetRow"/>
    /// into <see cref="DeviceTarget"/>s. Paths are given full (each front end resolves its own); secrets are disposed by
    /// the front end that made them.
    /// </summary>
    public sealed class DeviceTargetSpec
    {
        /// <summary>The SSH port of a row that names none.</summary>
        public int Port { get; set; } = OptionLimits.DefaultPort;

        /// <summary>The user name of a row that names none.</summary>
        public string? UserName { get; set; }

        /// <summary>The password (with <see cref="KeyFilePath"/>: the key's passphrase) of a row that has none.</summary>
        public DeviceSecret? Password { get; set; }

        /// <summary>A private key file to log in with (full path).</summary>
        public string? KeyFilePath { get; set; }

        /// <summary>The host key's expected SHA256 fingerprint, instead of known_hosts (<see cref="OptionLimits.HostKeyFingerprintPattern"/>).</summary>
        public string? HostKeyFingerprint { get; set; }

        /// <summary>The known_hosts file (full path; null: <c>~/.ssh/known_hosts</c>).</summary>
        public string? KnownHostsPath { get; set; }

        /// <summary>Record the host key of a device with no key on record.</summary>
        public bool AcceptNewHostKey { get; set; }

        /// <summary>The enable secret.</summary>
        public DeviceSecret? EnableSecret { get; set; }

        /// <summary>The security context of a row that names none.</summary>
        public string? Context { get; set; }

        /// <summary>The flow to trace (the verbs that trace one: Compare-SpiContext, Get-AsaPacketTrace, Invoke-InactiveSaClear; diagnose, collect, clear-inactive).</summary>
        public DeviceFlow? Flow { get; set; }

        /// <summary>The VPN peer whose SAs to read.</summary>
        public string? Peer { get; set; }

        /// <summary>What the verb collects beyond the standard plan.</summary>
        public CollectionExtras Extras { get; set; }

        /// <summary>Longest wait for one command's output, in seconds (never beyond <see cref="DeviceTimeoutSeconds"/>).</summary>
        public int CommandTimeoutSeconds { get; set; } = OptionLimits.DefaultCommandTimeoutSeconds;

        /// <summary>Longest wait for the prompt after login and for each step of enable, in seconds.</summary>
        public int PromptTimeoutSeconds { get; set; } = OptionLimits.DefaultPromptTimeoutSeconds;

        /// <summary>Longest time for one device, connection included, in seconds (null: <see cref="DeviceTarget.DeviceTimeout"/>'s default).</summary>
        public int? DeviceTimeoutSeconds { get; set; }

        /// <summary>A folder to save every raw output in (full path), one sub-folder per device.</summary>
        public string? SaveCapture { get; set; }

        /// <summary>Keep only the devices of part K of N (<see cref="AuditPartition"/>); null: every device.</summary>
        public string? Partition { get; set; }
    }
}
