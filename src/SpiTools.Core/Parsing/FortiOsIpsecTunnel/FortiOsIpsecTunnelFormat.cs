using System;

namespace SpiTools.Parsing
{
    /// <summary>FortiOS <c>get vpn ipsec tunnel details</c> and <c>get vpn ipsec tunnel name NAME</c>: gateways, their selectors and SAs.</summary>
    public sealed class FortiOsIpsecTunnelFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("get vpn ipsec tunnel details", "get vpn ipsec tunnel name");

        /// <inheritdoc />
        public string Name => "fortios-ipsec-tunnel";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) => line.Text.SequenceEqual("gateway".AsSpan());

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new FortiOsIpsecTunnelParser();
    }
}
