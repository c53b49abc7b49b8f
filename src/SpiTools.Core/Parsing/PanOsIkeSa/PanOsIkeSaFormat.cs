using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// PAN-OS <c>show vpn ike-sa</c> (also <c>gateway NAME</c>): the IKEv2 SA table (each row an <see cref="IkeSa"/>) and the
    /// IKEv2 IPsec child SA table (each row an inbound and an outbound <see cref="IpsecSa"/>; its <c>MsgID</c> is a message ID,
    /// never an SPI).
    /// </summary>
    public sealed class PanOsIkeSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show vpn ike-sa");

        /// <inheritdoc />
        public string Name => "panos-ike-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.EqualsIgnoreCase("IKEv2 SAs") || t.EqualsIgnoreCase("IKEv2 IPsec Child SAs")
                || (t.StartsWith("There is no IKEv1 phase-".AsSpan(), StringComparison.Ordinal));
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new PanOsIkeSaParser();
    }
}
