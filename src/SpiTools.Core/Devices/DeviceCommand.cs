using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpiTools.Devices
{
    /// <summary>
    /// A command for a device, only ever built from validated values by the factory methods below; the session
    /// checks its text against <see cref="CommandPolicy"/> once more before sending it.
    /// </summary>
    public sealed class DeviceCommand
    {
        private DeviceCommand(string text, DeviceCommandKind kind, string fileName)
        {
            Text = text;
            Kind = kind;
            FileName = fileName;
        }

        /// <summary>The command line, exactly as sent (without the line ending).</summary>
        public string Text { get; }

        /// <summary>What the command does.</summary>
        public DeviceCommandKind Kind { get; }

        /// <summary>The capture file name the offline input recognises (<c>show-crypto-ipsec-sa-peer-203.0.113.10.txt</c>).</summary>
        public string FileName { get; }

        /// <inheritdoc />
        public override string ToString() => Text;

        /// <summary><c>show version</c>.</summary>
        public static DeviceCommand ShowVersion() => Show("show version");

        /// <summary><c>show crypto ipsec sa</c> (every SA).</summary>
        public static DeviceCommand ShowCryptoIpsecSa() => Show("show crypto ipsec sa");

        /// <summary><c>show crypto ipsec sa peer ADDRESS</c>.</summary>
        public static DeviceCommand ShowCryptoIpsecSaPeer(string peer) =>
            Show("show crypto ipsec sa peer " + DeviceArguments.Address(peer, "Peer"));

        /// <summary><c>show crypto ipsec sa inactive</c> (ASA, FTD: the SAs that can no longer pass traffic).</summary>
        public static DeviceCommand ShowCryptoIpsecSaInactive() => Show("show crypto ipsec sa inactive");

        /// <summary><c>show crypto ikev1 sa detail</c> (ASA, FTD).</summary>
        public static DeviceCommand ShowCryptoIkev1SaDetail() => Show("show crypto ikev1 sa detail");

        /// <summary><c>show crypto ikev2 sa detail</c> (ASA, FTD, IOS-XE).</summary>
        public static DeviceCommand ShowCryptoIkev2SaDetail() => Show("show crypto ikev2 sa detail");

        /// <summary><c>show crypto isakmp sa detail</c> (IOS, IOS-XE).</summary>
        public static DeviceCommand ShowCryptoIsakmpSaDetail() => Show("show crypto isakmp sa detail");

        /// <summary>
        /// <c>clear crypto ipsec sa inactive</c> (ASA, FTD): removes the SAs that can no longer pass traffic and leaves live
        /// tunnels up. A state change: only <see cref="DeviceSession.ExecuteConfirmed"/> sends it.
        /// </summary>
        public static DeviceCommand ClearCryptoIpsecSaInactive() => Create(CommandPolicy.ClearInactiveSas, DeviceCommandKind.StateChange);

        /// <summary><c>show asp table vpn-context detail</c> (ASA, FTD).</summary>
        public static DeviceCommand ShowAspTableVpnContextDetail() => Show("show asp table vpn-context detail");

        /// <summary><c>show running-config crypto ipsec</c> (ASA, FTD: the configured lifetimes).</summary>
        public static DeviceCommand ShowRunningConfigCryptoIpsec() => Show("show running-config crypto ipsec");

        /// <summary><c>show vpn-sessiondb detail l2l</c> (ASA, FTD: the negotiated lifetimes).</summary>
        public static DeviceCommand ShowVpnSessiondbDetailL2l() => Show("show vpn-sessiondb detail l2l");

        /// <summary>
        /// The SA-relevant lines of the log buffer: <c>show logging | include …</c> with the platform's fixed filter
        /// (<see cref="PlatformProfile.LogFilter"/>). Saved as <c>show-logging.txt</c>, which the offline input reads as a log.
        /// </summary>
        public static DeviceCommand ShowLoggingSaEvents(DevicePlatform platform) => Create(
            PlatformProfile.For(platform).LogFilter, DeviceCommandKind.Show, "show-logging.txt");

        /// <summary><c>show crypto ipsec profile</c> (IOS-XE).</summary>
        public static DeviceCommand ShowCryptoIpsecProfile() => Show("show crypto ipsec profile");

        /// <summary><c>show crypto ipsec security-association lifetime</c> (IOS-XE).</summary>
        public static DeviceCommand ShowCryptoIpsecSaLifetime() => Show("show crypto ipsec security-association lifetime");

        /// <summary><c>packet-tracer input IFC PROTO SRC SPORT DST DPORT detailed</c> (ICMP: <c>SRC TYPE CODE DST</c>).</summary>
        public static DeviceCommand PacketTracer(DeviceFlow flow)
        {
            if (flow is null) throw new ArgumentNullException(nameof(flow));
            var text = flow.Protocol == "icmp"
                ? $"packet-tracer input {flow.Interface} icmp {flow.Source} {N(flow.SourcePort)} {N(flow.DestinationPort)} {flow.Destination} detailed"
                : $"packet-tracer input {flow.Interface} {flow.Protocol} {flow.Source} {N(flow.SourcePort)} {flow.Destination} {N(flow.DestinationPort)} detailed";
            return Create(text, DeviceCommandKind.Trace);
        }

        /// <summary><c>changeto context NAME</c>.</summary>
        public static DeviceCommand ChangeToContext(string context) =>
            Create("changeto context " + DeviceArguments.ContextName(context), DeviceCommandKind.ContextChange);

        /// <summary>Enter (an empty line): shows the prompt again (<see cref="CommandPolicy.PromptKeystroke"/>).</summary>
        internal static DeviceCommand PromptKeystroke() => Create(CommandPolicy.PromptKeystroke, DeviceCommandKind.Setup, "prompt.txt");
        internal static DeviceCommand Enable() => Create("enable", DeviceCommandKind.Setup);
        internal static DeviceCommand TerminalPager0() => Create("terminal pager 0", DeviceCommandKind.Setup);
        internal static DeviceCommand TerminalLength0() => Create("terminal length 0", DeviceCommandKind.Setup);
        internal static DeviceCommand TerminalWidth512() => Create("terminal width 512", DeviceCommandKind.Setup);

        /// <summary>
        /// Wraps any text without checking it. Only for tests of the session's own refusal (the second line of
        /// defence), which must hold even if a builder above were wrong.
        /// </summary>
        internal static DeviceCommand Unchecked(string text, DeviceCommandKind kind) => new DeviceCommand(text, kind, "unchecked.txt");

        private static DeviceCommand Show(string text) => Create(text, DeviceCommandKind.Show);

        private static DeviceCommand Create(string text, DeviceCommandKind kind, string? fileName = null)
        {
            if (!CommandPolicy.IsAllowed(text, kind, out var reason))
                throw new InvalidOperationException($"Internal error: a built command is not allowed ({reason}).");
            return new DeviceCommand(text, kind, fileName ?? FileNameFor(text));
        }

        /// <summary>
        /// The file name for a command's capture: its words joined with <c>-</c>, characters other than letters,
        /// digits, <c>.</c> and <c>-</c> replaced by <c>_</c> (IPv6 colons), <c>.txt</c> appended.
        /// </summary>
        internal static string FileNameFor(string command)
        {
            var chars = new List<char>(command.Length + 4);
            foreach (char c in command)
            {
                if (c == ' ') chars.Add('-');
                else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') chars.Add(c);
                else chars.Add('_');
            }
            return new string(chars.ToArray()) + ".txt";
        }

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
