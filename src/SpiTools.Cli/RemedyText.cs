using System;
using System.Collections.Generic;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Cli
{
    /// <summary>
    /// What to do about an error, in the command line's words: the core's <see cref="ErrorRemedies"/> with spitools'
    /// option names. <see cref="ConsoleSink"/> writes it as a second line under the error.
    /// </summary>
    internal static class RemedyText
    {
        /// <summary>spitools' spelling of each neutral parameter key a remedy names.</summary>
        internal static readonly IReadOnlyDictionary<string, string> OptionNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RemedyParameter.Credential] = "--user with --password-env VAR or --password-stdin",
            [RemedyParameter.KeyFile] = "--identity-file",
            [RemedyParameter.EnableCredential] = "--enable-password-env VAR",
            [RemedyParameter.HostKeyFingerprint] = "--host-key-fingerprint",
            [RemedyParameter.AcceptNewHostKey] = "--accept-new-host-key",
            [RemedyParameter.KnownHosts] = "--known-hosts",
            [RemedyParameter.Port] = "--port",
            [RemedyParameter.Timeout] = "--timeout",
            [RemedyParameter.PromptTimeout] = "--prompt-timeout",
            [RemedyParameter.DeviceTimeout] = "--device-timeout",
            [RemedyParameter.Context] = "--context",
            [RemedyParameter.PeerOf] = "--peer-of fw-a=rtr-b",
            [RemedyParameter.Inventory] = "--inventory",
            [RemedyParameter.StackTrace] = "--debug",
            [RemedyParameter.CredentialStore] = "for a row of --inventory, its password in the environment variable SPITOOLS_PASSWORD_<NAME> (the name in upper case, other characters as _)",
        };

        /// <summary>The remedy for an ErrorId, or null when it has none.</summary>
        public static string? For(string errorId, Exception? exception) =>
            ErrorRemedies.Render(errorId, key => OptionNames.TryGetValue(key, out var name) ? name : key, (exception as DeviceException)?.Fingerprint);
    }
}
