using System;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>
    /// The module's error records: the ErrorId, the category, the target, and what to do about it
    /// (<see cref="ErrorDetails.RecommendedAction"/>, from the core's <see cref="ErrorRemedies"/> with PowerShell's
    /// parameter names).
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>PowerShell's spelling of each neutral parameter key a remedy names.</summary>
        internal static readonly IReadOnlyDictionary<string, string> ParameterNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RemedyParameter.Credential] = "-Credential",
            [RemedyParameter.KeyFile] = "-KeyFilePath",
            [RemedyParameter.EnableCredential] = "-EnableCredential",
            [RemedyParameter.HostKeyFingerprint] = "-HostKeyFingerprint",
            [RemedyParameter.AcceptNewHostKey] = "-AcceptNewHostKey",
            [RemedyParameter.KnownHosts] = "-KnownHostsPath",
            [RemedyParameter.Port] = "-Port",
            [RemedyParameter.Timeout] = "-TimeoutSeconds",
            [RemedyParameter.PromptTimeout] = "-PromptTimeoutSeconds",
            [RemedyParameter.DeviceTimeout] = "-TimeoutSeconds",
            [RemedyParameter.Context] = "-Context",
            [RemedyParameter.PeerOf] = "-PeerOf @{ 'fw-a' = 'rtr-b' }",
            [RemedyParameter.Inventory] = "the rows piped to -ComputerName",
            [RemedyParameter.StackTrace] = "Get-Error",
            [RemedyParameter.CredentialStore] = "a credential (user name and password) in a SecretManagement vault under that name",
        };

        /// <summary>The remedy for an ErrorId in PowerShell's words, or null when it has none.</summary>
        internal static string? Remedy(string errorId, Exception? exception) =>
            ErrorRemedies.Render(errorId, key => ParameterNames.TryGetValue(key, out var name) ? name : key, (exception as DeviceException)?.Fingerprint);

        /// <summary>An error record with its remedy, when the ErrorId has one.</summary>
        internal static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            var remedy = Remedy(errorId, exception);
            if (remedy != null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = remedy };
            return record;
        }
    }
}
