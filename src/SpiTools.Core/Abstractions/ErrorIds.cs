namespace SpiTools.Abstractions
{
    /// <summary>The stable ErrorIds SpiTools writes: one per failure path, so scripts can rely on them.</summary>
    public static class ErrorIds
    {
        /// <summary>A capture path does not exist.</summary>
        public const string CaptureFileNotFound = "CaptureFileNotFound";
        /// <summary>A capture path is a directory.</summary>
        public const string CaptureFileIsDirectory = "CaptureFileIsDirectory";
        /// <summary>A capture file exists but cannot be read.</summary>
        public const string CaptureFileUnreadable = "CaptureFileUnreadable";
        /// <summary>Input text or objects held nothing to read.</summary>
        public const string DeviceOutputEmpty = "DeviceOutputEmpty";
        /// <summary>An audited device has neither -Credential nor a CredentialName.</summary>
        public const string CredentialMissing = "CredentialMissing";
        /// <summary>A CredentialName needs a credential store (SecretManagement's Get-Secret) that is not installed.</summary>
        public const string CredentialStoreMissing = "CredentialStoreMissing";
        /// <summary>A CredentialName's secret could not be read, or is not a credential.</summary>
        public const string CredentialNotFound = "CredentialNotFound";
        /// <summary>An inventory file is malformed (no host column, a row without a host, a bad port).</summary>
        public const string InvalidInventory = "InvalidInventory";
        /// <summary>A path given to a capture-reading cmdlet is not on the file system.</summary>
        public const string PathNotFileSystem = "PathNotFileSystem";
        /// <summary>An unexpected failure while auditing one device (the other devices are still audited).</summary>
        public const string DeviceAuditFailed = "DeviceAuditFailed";

        /// <summary>Pairing the audited devices as the two ends of their tunnels failed unexpectedly (a defect): each device's own findings and summary still stand.</summary>
        public const string TunnelPairingFailed = "TunnelPairingFailed";
        /// <summary>Piped text could not be parsed (an unexpected fault; the other inputs are still read).</summary>
        public const string CaptureParseFailed = "CaptureParseFailed";
        /// <summary>A command line <c>spitools</c> refused before doing anything: an unknown option, a value the option does not accept, a bad number.</summary>
        public const string InvalidArgument = "InvalidArgument";

        // ---- the fleet report (Export-SpiReport, spitools report) ----

        /// <summary>An object given to the report is none of the records it shows (Finding, DeviceAuditSummary, IpsecSa, SaEvent).</summary>
        public const string ReportInputNotRecognized = "ReportInputNotRecognized";
        /// <summary>A report input file is not the JSON that spitools writes (an array of objects).</summary>
        public const string ReportInputInvalid = "ReportInputInvalid";
        /// <summary>The report file exists and -NoClobber was given.</summary>
        public const string ReportFileExists = "ReportFileExists";
        /// <summary>The report file could not be written.</summary>
        public const string ReportWriteFailed = "ReportWriteFailed";

        // ---- collecting from devices (SpiTools.Devices) ----

        /// <summary>The device refused the credentials.</summary>
        public const string AuthenticationFailed = "AuthenticationFailed";
        /// <summary>The device's host key is not in the known hosts and no fingerprint was given.</summary>
        public const string HostKeyUnknown = "HostKeyUnknown";
        /// <summary>The device presented a host key other than the one recorded or given.</summary>
        public const string HostKeyMismatch = "HostKeyMismatch";
        /// <summary>The device presented a host key marked <c>@revoked</c> in the known hosts.</summary>
        public const string HostKeyRevoked = "HostKeyRevoked";
        /// <summary>The device (or something in front of it) refused the TCP connection.</summary>
        public const string ConnectionRefused = "ConnectionRefused";
        /// <summary>The connection or login did not complete in time.</summary>
        public const string ConnectionTimeout = "ConnectionTimeout";
        /// <summary>Client and device share no key exchange, host key, cipher or MAC algorithm.</summary>
        public const string AlgorithmNegotiationFailed = "AlgorithmNegotiationFailed";
        /// <summary>No CLI prompt was seen after login.</summary>
        public const string PromptNotFound = "PromptNotFound";
        /// <summary>A prompt was a configuration mode (any <c>(config…)</c>), at login or after a command: nothing more was sent.</summary>
        public const string ConfigurationModeRefused = "ConfigurationModeRefused";
        /// <summary>The device asked a question SpiTools did not ask (<c>[confirm]</c>, <c>[yes/no]</c>, a <c>?</c>, a password prompt outside enable): nothing was answered, not even Enter.</summary>
        public const string UnexpectedDevicePrompt = "UnexpectedDevicePrompt";
        /// <summary>Privileged mode could not be entered (secret refused or missing).</summary>
        public const string EnableFailed = "EnableFailed";
        /// <summary>The device answered a command with an error line (invalid input, authorization failed, …).</summary>
        public const string CommandRejected = "CommandRejected";
        /// <summary>A command's output never reached the prompt (timeout, deadline, endless pager).</summary>
        public const string OutputIncomplete = "OutputIncomplete";
        /// <summary>A command's output passed what the device may hold in memory (its output budget); it was cut and is not used.</summary>
        public const string OutputTooLarge = "OutputTooLarge";
        /// <summary>The device closed the session.</summary>
        public const string DeviceDisconnected = "DeviceDisconnected";
        /// <summary>A value meant for a device command (interface, address, port, context, …) was refused before anything was sent.</summary>
        public const string InvalidDeviceArgument = "InvalidDeviceArgument";
        /// <summary>A command outside what SpiTools sends was refused by the session before anything was sent.</summary>
        public const string CommandNotAllowed = "CommandNotAllowed";
        /// <summary>The platform has no <c>clear crypto ipsec sa inactive</c> (IOS, IOS-XE); nothing was cleared.</summary>
        public const string ClearNotSupported = "ClearNotSupported";
        /// <summary>The known hosts file could not be read or written.</summary>
        public const string KnownHostsUnreadable = "KnownHostsUnreadable";
        /// <summary>The module's SSH assemblies (its <c>dependencies</c> folder) are missing or could not be loaded.</summary>
        public const string SshComponentMissing = "SshComponentMissing";
        /// <summary>A hand-made pairing of tunnel ends (<c>-PeerOf</c>, <c>--peer-of</c>) names no device on one side.</summary>
        public const string PeerOfInvalid = "PeerOfInvalid";
    }
}
