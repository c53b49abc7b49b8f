using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// IKE SA tables: ASA <c>show crypto ikev1 sa</c>, <c>show crypto ikev2 sa</c>, <c>show crypto isakmp sa</c> (each with
    /// <c>detail</c>), IOS / IOS-XE <c>show crypto isakmp sa [detail]</c>, <c>show crypto ikev2 sa [detail]</c>,
    /// <c>show crypto session [detail]</c>.
    /// </summary>
    public sealed class IkeSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern(
            "show crypto ikev1 sa", "show crypto ikev2 sa", "show crypto isakmp sa", "show crypto session", "show crypto ikev2 session");

        /// <inheritdoc />
        public string Name => "ike-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.EqualsIgnoreCase("IKEv1 SAs:") || t.EqualsIgnoreCase("IKEv2 SAs:")
                || t.StartsWithIgnoreCase("IPv4 Crypto ISAKMP SA") || t.StartsWithIgnoreCase("IPv6 Crypto ISAKMP SA")
                || t.StartsWithIgnoreCase("IPv4 Crypto IKEv2") || t.StartsWithIgnoreCase("IPv6 Crypto IKEv2")
                || t.StartsWithIgnoreCase("Crypto session current status")
                // Column headers and the session layout, for captures that start there.
                || (t.StartsWithIgnoreCase("Tunnel-id ") && (t.IndexOfIgnoreCase("Local") > 0 || t.IndexOfIgnoreCase("fvrf") > 0))
                || (t.StartsWithIgnoreCase("IKE Peer ") && t.IndexOfIgnoreCase("Type") > 0 && t.IndexOfIgnoreCase("State") > 0)
                || (t.StartsWithIgnoreCase("dst ") && t.IndexOfIgnoreCase("conn-id") > 0)
                || (t.StartsWithIgnoreCase("C-id ") && t.IndexOfIgnoreCase("Local") > 0)
                || t.StartsWithIgnoreCase("Code: C - IKE Configuration mode")
                // "Interface: Tunnel0" opens a session; "Interface: Tunnel100, IPv4 NHRP Details" (show dmvpn) does not.
                || (t.StartsWith("Interface: ".AsSpan(), StringComparison.Ordinal) && line.Indent == 0 && t.IndexOf(',') < 0 && t.Slice(11).TrimWhiteSpace().IndexOf(' ') < 0);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new IkeSaParser();
    }
}
