using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Abstractions
{
    /// <summary>
    /// What to do about each device ErrorId: one text per ErrorId, shared by both front ends. A text names the parameter
    /// that fixes the failure by its neutral key (<c>{HostKeyFingerprint}</c>, see <see cref="RemedyParameter"/>); each
    /// front end's sink renders it with its own spelling (PowerShell: the error record's <c>RecommendedAction</c>; the
    /// command line: a second line under the error). <c>{Fingerprint}</c> is the host key's fingerprint when the error
    /// carries one. The device code never writes these texts: it raises the ErrorId, and the remedy follows from it.
    /// </summary>
    public static class ErrorRemedies
    {
        private static readonly Dictionary<string, string> Texts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ErrorIds.AuthenticationFailed] = "Check the user name and the password or key the device expects: give them with {Credential} (a key with {KeyFile}); on AAA, check the account is allowed SSH.",
            [ErrorIds.HostKeyUnknown] = "Check the fingerprint with the device's owner or console (show crypto key mypubkey rsa, show ssh), then pass it with {HostKeyFingerprint} {Fingerprint}, or record it on first contact with {AcceptNewHostKey}.",
            [ErrorIds.HostKeyMismatch] = "Do not connect until the new key is confirmed with the device's owner: a changed key may be an interception. If the key was regenerated, remove the old line from the known hosts file ({KnownHosts}) or pass the new key with {HostKeyFingerprint} {Fingerprint}; {AcceptNewHostKey} never accepts a changed key.",
            [ErrorIds.HostKeyRevoked] = "The key is marked @revoked on purpose: find out why before connecting; remove the @revoked line from the known hosts file ({KnownHosts}) only once the device's key is trusted again.",
            [ErrorIds.ConnectionRefused] = "Check the address and the SSH port ({Port}), and that the device allows SSH from here on that interface (ASA: ssh <network> <mask> <interface>; IOS-XE: transport input ssh on the vty lines).",
            [ErrorIds.ConnectionTimeout] = "Check that the device answers SSH on this address and port ({Port}) from here: a firewall that drops rather than refuses shows as a timeout. For a slow link or a busy AAA server, allow more time with {DeviceTimeout}.",
            [ErrorIds.AlgorithmNegotiationFailed] = "Enable a current algorithm on the device (ASA: ssh key-exchange group dh-group14-sha256, ssh cipher encryption high; IOS-XE: ip ssh server algorithm …) or log in from a client that still offers the device's old ones.",
            [ErrorIds.PromptNotFound] = "Check that this account lands at a CLI prompt (no menu, no banner waiting for a key); if the device is slow to show its prompt, allow more time with {PromptTimeout}.",
            [ErrorIds.ConfigurationModeRefused] = "Use an account that lands at the exec or privileged prompt, and check no other session left this one in configuration mode: SpiTools never types into or leaves a configuration mode it did not open.",
            [ErrorIds.UnexpectedDevicePrompt] = "Answer the question on the device yourself (its console or another session), or use an account whose login asks nothing, then run again: SpiTools never answers a question it did not ask.",
            [ErrorIds.EnableFailed] = "Give the enable secret with {EnableCredential}, or log in with an account at privilege level 15.",
            [ErrorIds.CommandRejected] = "Check the account may run this show command (command authorization, privilege level) and that the platform supports it; on a multi-context ASA, name the context with {Context}.",
            [ErrorIds.OutputIncomplete] = "The output did not finish: allow more time with {Timeout}, and check the device is not overloaded; what arrived was kept aside, never read as the whole output.",
            [ErrorIds.OutputTooLarge] = "The device sent more output than one device may hold: narrow what is collected (one peer with {Context} or a flow), or collect that output by hand; the outputs before it were kept.",
            [ErrorIds.DeviceDisconnected] = "The device closed the session: check its SSH idle timeout and session limits (ssh timeout, vty lines), then run again.",
            [ErrorIds.InvalidDeviceArgument] = "Correct the value the message names: nothing was sent to the device.",
            [ErrorIds.CommandNotAllowed] = "SpiTools sends only its own read-only commands (and the one clear); nothing was sent. Run any other command yourself.",
            [ErrorIds.ClearNotSupported] = "On IOS / IOS-XE run the clear the message names yourself, after checking which tunnels it drops.",
            [ErrorIds.KnownHostsUnreadable] = "Check the known hosts file's permissions, or name another file with {KnownHosts}.",
            [ErrorIds.SshComponentMissing] = "Reinstall the module: its dependencies folder (SSH.NET) is missing or incomplete.",
            [ErrorIds.CredentialMissing] = "Give a login with {Credential}, or a CredentialName column in the inventory.",
            [ErrorIds.CredentialStoreMissing] = "Install Microsoft.PowerShell.SecretManagement and register a vault holding the secret, or give a login with {Credential}.",
            [ErrorIds.CredentialNotFound] = "Check the inventory's CredentialName names a login that is there: {CredentialStore}; or give a login with {Credential}.",
            [ErrorIds.InvalidInventory] = "Correct the inventory ({Inventory}): a ComputerName or Host column, a host on every row, a Port from 1 to 65535.",
            [ErrorIds.DeviceAuditFailed] = "This is a defect: the other devices were still audited. The stack trace ({StackTrace}) helps to report it.",
            [ErrorIds.TunnelPairingFailed] = "This is a defect: every device's own findings still stand. Pair the two ends by hand with {PeerOf}; the stack trace ({StackTrace}) helps to report it.",
            [ErrorIds.PeerOfInvalid] = "Name two devices of this run in {PeerOf} as the findings' Device names them: a live device by its inventory name or host[:port][/context], a capture by its prompt or folder.",
        };

        /// <summary>The ErrorIds that have a remedy.</summary>
        public static IEnumerable<string> ErrorIdsWithRemedy => Texts.Keys;

        /// <summary>The remedy's text with its neutral placeholders, or null when the ErrorId has none.</summary>
        public static string? Template(string errorId) => errorId != null && Texts.TryGetValue(errorId, out var text) ? text : null;

        /// <summary>The neutral parameter keys a remedy names (its placeholders but <c>{Fingerprint}</c>).</summary>
        public static IEnumerable<string> ParametersOf(string errorId)
        {
            var text = Template(errorId);
            if (text == null) yield break;
            foreach (var key in Placeholders(text!))
                if (key != "Fingerprint") yield return key;
        }

        /// <summary>
        /// The remedy for <paramref name="errorId"/> in a front end's words, or null when it has none.
        /// </summary>
        /// <param name="errorId">The ErrorId.</param>
        /// <param name="parameter">The front end's spelling of a neutral parameter key (<see cref="RemedyParameter"/>).</param>
        /// <param name="fingerprint">The host key's fingerprint, when the error carries one (else <c>SHA256:…</c> is written).</param>
        public static string? Render(string errorId, Func<string, string> parameter, string? fingerprint = null)
        {
            if (parameter == null) throw new ArgumentNullException(nameof(parameter));
            var text = Template(errorId);
            if (text == null) return null;
            var sb = new StringBuilder(text!.Length + 32);
            int at = 0;
            while (NextPlaceholder(text, at, out int open, out int close))
            {
                var key = text.Substring(open + 1, close - open - 1);
                sb.Append(text, at, open - at)
                  .Append(key == "Fingerprint" ? (string.IsNullOrEmpty(fingerprint) ? "SHA256:…" : fingerprint!) : parameter(key));
                at = close + 1;
            }
            return sb.Append(text, at, text.Length - at).ToString();
        }

        private static IEnumerable<string> Placeholders(string text)
        {
            int at = 0;
            while (NextPlaceholder(text, at, out int open, out int close))
            {
                yield return text.Substring(open + 1, close - open - 1);
                at = close + 1;
            }
        }

        /// <summary>The next <c>{Key}</c> (ASCII letters only) at or after <paramref name="from"/>.</summary>
        private static bool NextPlaceholder(string text, int from, out int open, out int close)
        {
            for (open = text.IndexOf('{', from); open >= 0; open = text.IndexOf('{', open + 1))
            {
                close = open + 1;
                while (close < text.Length && ((text[close] >= 'A' && text[close] <= 'Z') || (text[close] >= 'a' && text[close] <= 'z'))) close++;
                if (close > open + 1 && close < text.Length && text[close] == '}') return true;
            }
            open = close = -1;
            return false;
        }
    }
}
