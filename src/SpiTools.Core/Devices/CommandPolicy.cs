using System;
using System.Collections.Generic;

namespace SpiTools.Devices
{
    /// <summary>
    /// The allow-list every command text is checked against before a session sends it. A text is allowed only when
    /// it is, word for word, one of the forms below for its <see cref="DeviceCommandKind"/>, with each argument
    /// passing <see cref="DeviceArguments"/>: single spaces between words, printable ASCII only, nothing before or
    /// after. So no newline, <c>;</c>, control character or second command can get through, and a <c>|</c> only
    /// within the two fixed log filters below, word for word.
    /// </summary>
    public static class CommandPolicy
    {
        // Placeholders: {ip} address, {ifc} interface, {ctx} context, {port} 1-65535, {icmp} 0-255,
        // {proto} tcp|udp|sctp.
        private static readonly string[] SetupForms = { PromptKeystroke, "enable", "terminal pager 0", "terminal length 0", "terminal width 512" };

        /// <summary>
        /// The keystroke that finds the prompt: an empty line (Enter). A setup command like the others: sent by the session
        /// only at login, to make a prompt-looking line come back a second time (a banner line such as <c>corp-fw&gt;</c>
        /// does not) or when the device shows nothing, and never while the last output ends in a question.
        /// </summary>
        public const string PromptKeystroke = "";

        private static readonly string[] ContextForms = { "changeto context {ctx}" };

        private static readonly string[] ShowForms =
        {
            "show version",
            "show crypto ipsec sa",
            "show crypto ipsec sa detail",
            "show crypto ipsec sa peer {ip}",
            "show crypto ipsec sa peer {ip} detail",
            "show crypto ipsec sa inactive",
            "show ipsec sa",
            "show asp table vpn-context",
            "show asp table vpn-context detail",
            "show running-config crypto ipsec",
            "show vpn-sessiondb detail l2l",
            "show crypto ipsec profile",
            "show crypto ipsec security-association lifetime",
            "show crypto ikev1 sa detail",
            "show crypto ikev2 sa detail",
            "show crypto isakmp sa detail",
            AsaLogFilter,
            IosLogFilter,
        };

        /// <summary>
        /// The SA-relevant part of an ASA or FTD log buffer: invalid SPI and packet not matching the SA (402114, 402116),
        /// SA created and deleted (602303, 602304), phase 1 and phase 2 completed (713119, 713120, 713049): every message the
        /// timeline and the checks read on ASA (anti-replay, 402119, is read from a pasted log but no check rests on it).
        /// ASA's <c>| include</c> takes a regular expression (character classes and alternation).
        /// </summary>
        internal const string AsaLogFilter = "show logging | include 40211[46]|60230[34]|71311[9]|713120|713049";

        /// <summary>
        /// The SA- and IKE-relevant part of an IOS or IOS-XE log buffer. IOS's <c>| include</c> takes a case-sensitive regular
        /// expression, matched against each line: the syslogs <c>%CRYPTO-4-RECVD_PKT_INV_SPI</c>, <c>%CRYPTO-4-PKT_REPLAY_ERR</c>
        /// and <c>%CRYPTO-5-SESSION_STATUS</c>; every line naming <c>IPSEC</c> (the <c>debug crypto ipsec</c> heads such as
        /// <c>IPSEC(create_sa)</c>); every <c>debug crypto isakmp</c> line (<c>ISAKMP: (id):</c>, <c>ISAKMP-PAK: (id):</c>: the
        /// Quick Mode starts and answers, node states, installs and deletes a rekey shows as, RekeyCollision and RekeyTimeline);
        /// every <c>debug crypto ikev2</c> line naming <c>IKEv2</c> (the packet heads, <c>IKEv2 CREATE_CHILD_SA Exchange
        /// REQUEST</c>, deletes) with the packet's <c>Message id</c> line; and the SA field lines of the IPsec debugs
        /// (<c>sa_dest=</c>, <c>sa_spi=</c>, <c>sa_conn_id=</c>).
        /// </summary>
        internal const string IosLogFilter = "show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message id|sa_dest|sa_spi|sa_conn";

        private static readonly string[] TraceForms =
        {
            "packet-tracer input {ifc} {proto} {ip} {port} {ip} {port} detailed",
            "packet-tracer input {ifc} icmp {ip} {icmp} {icmp} {ip} detailed",
        };

        // The confirmed remediation path's only command. The session's ordinary path (DeviceSession.Execute) refuses
        // every StateChange command whatever its text; only DeviceSession.ExecuteConfirmed sends one, after the
        // caller had the user's explicit confirmation (Services.RemediationService asks ShouldProcess first).
        private static readonly string[] StateChangeForms = { ClearInactiveSas };

        /// <summary>Removes the SAs that can no longer pass traffic and leaves live tunnels up (ASA, FTD: <see cref="PlatformProfile.ClearCommands"/>).</summary>
        internal const string ClearInactiveSas = "clear crypto ipsec sa inactive";

        /// <summary>The session setup forms: the prompt keystroke (an empty line), <c>enable</c>, paging and width.</summary>
        public static IReadOnlyList<string> SetupCommands => SetupForms;

        /// <summary>The read-only <c>show</c> forms a session sends (placeholders in braces).</summary>
        public static IReadOnlyList<string> ShowCommands => ShowForms;

        /// <summary>True when <paramref name="text"/> is an allowed command of <paramref name="kind"/>; else the reason.</summary>
        public static bool IsAllowed(string? text, DeviceCommandKind kind, out string reason)
        {
            if (text is null) { reason = "empty command"; return false; }
            if (text.Length == 0)
            {
                // The one empty form: Enter, sent by the session to find the prompt.
                reason = kind == DeviceCommandKind.Setup ? "" : "empty command";
                return kind == DeviceCommandKind.Setup;
            }
            if (!DeviceArguments.IsPrintableAscii(text)) { reason = "the command holds a line break or control character"; return false; }
            if (text.Length > 256) { reason = "the command is longer than 256 characters"; return false; }
            string[] forms = kind switch
            {
                DeviceCommandKind.Setup => SetupForms,
                DeviceCommandKind.ContextChange => ContextForms,
                DeviceCommandKind.Show => ShowForms,
                DeviceCommandKind.Trace => TraceForms,
                DeviceCommandKind.StateChange => StateChangeForms,
                _ => Array.Empty<string>(),
            };
            var words = text.Split(' ');
            foreach (var form in forms)
                if (Matches(words, form)) { reason = ""; return true; }
            reason = $"not one of the {KindName(kind)} commands SpiTools sends";
            return false;
        }

        internal static string KindName(DeviceCommandKind kind) => kind switch
        {
            DeviceCommandKind.Setup => "session setup",
            DeviceCommandKind.ContextChange => "context change",
            DeviceCommandKind.Show => "read-only show",
            DeviceCommandKind.Trace => "packet-tracer",
            DeviceCommandKind.StateChange => "confirmed state-changing",
            _ => "known",
        };

        private static bool Matches(string[] words, string form)
        {
            var parts = form.Split(' ');
            if (parts.Length != words.Length) return false;
            for (int i = 0; i < parts.Length; i++)
            {
                var w = words[i];
                if (w.Length == 0) return false; // double or edge spaces
                switch (parts[i])
                {
                    case "{ip}":
                        if (!DeviceArguments.TryAddress(w, out var canonical) || canonical != w) return false;
                        break;
                    case "{ifc}":
                        if (!Try(() => DeviceArguments.InterfaceName(w))) return false;
                        break;
                    case "{ctx}":
                        if (!Try(() => DeviceArguments.ContextName(w))) return false;
                        break;
                    case "{proto}":
                        if (w != "tcp" && w != "udp" && w != "sctp") return false;
                        break;
                    case "{port}":
                        if (!IsNumber(w, 1, 65535)) return false;
                        break;
                    case "{icmp}":
                        if (!IsNumber(w, 0, 255)) return false;
                        break;
                    default:
                        if (!string.Equals(parts[i], w, StringComparison.Ordinal)) return false;
                        break;
                }
            }
            return true;
        }

        private static bool Try(Func<string> validate)
        {
            try { validate(); return true; }
            catch (DeviceException) { return false; }
        }

        private static bool IsNumber(string w, int min, int max)
        {
            if (w.Length == 0 || w.Length > 5 || (w.Length > 1 && w[0] == '0')) return false;
            int n = 0;
            foreach (char c in w)
            {
                if (c < '0' || c > '9') return false;
                n = n * 10 + (c - '0');
            }
            return n >= min && n <= max;
        }
    }
}
