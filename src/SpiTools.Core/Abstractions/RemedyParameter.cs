namespace SpiTools.Abstractions
{
    /// <summary>
    /// The front-end-neutral names of the parameters a remedy points to (<see cref="ErrorRemedies"/>). A remedy text holds
    /// them as <c>{HostKeyFingerprint}</c>; each front end writes its own spelling in their place (PowerShell
    /// <c>-HostKeyFingerprint</c>, the command line <c>--host-key-fingerprint</c>), so one text serves both.
    /// </summary>
    public static class RemedyParameter
    {
        /// <summary>The login (user name and password or key).</summary>
        public const string Credential = "Credential";
        /// <summary>A private key file to log in with.</summary>
        public const string KeyFile = "KeyFile";
        /// <summary>The enable secret.</summary>
        public const string EnableCredential = "EnableCredential";
        /// <summary>The expected host key fingerprint.</summary>
        public const string HostKeyFingerprint = "HostKeyFingerprint";
        /// <summary>Recording a host key seen for the first time.</summary>
        public const string AcceptNewHostKey = "AcceptNewHostKey";
        /// <summary>The known_hosts file.</summary>
        public const string KnownHosts = "KnownHosts";
        /// <summary>The SSH port.</summary>
        public const string Port = "Port";
        /// <summary>The longest wait for one command's output.</summary>
        public const string Timeout = "Timeout";
        /// <summary>The longest wait for the device's prompt after login and for each enable step.</summary>
        public const string PromptTimeout = "PromptTimeout";
        /// <summary>The longest time for one device, connection included.</summary>
        public const string DeviceTimeout = "DeviceTimeout";
        /// <summary>The security context of a multi-context ASA.</summary>
        public const string Context = "Context";
        /// <summary>A hand-made pairing of tunnel ends.</summary>
        public const string PeerOf = "PeerOf";
        /// <summary>The per-device inventory (or the list of hosts).</summary>
        public const string Inventory = "Inventory";
        /// <summary>How to see a failure's stack trace.</summary>
        public const string StackTrace = "StackTrace";
        /// <summary>Where an inventory's CredentialName is looked up (a SecretManagement vault, an environment variable).</summary>
        public const string CredentialStore = "CredentialStore";

        /// <summary>Every key, for the front ends' tables and their tests.</summary>
        public static readonly string[] All =
        {
            Credential, KeyFile, EnableCredential, HostKeyFingerprint, AcceptNewHostKey, KnownHosts, Port, Timeout, PromptTimeout, DeviceTimeout,
            Context, PeerOf, Inventory, StackTrace, CredentialStore,
        };
    }
}
