using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>ASA <c>show vpn-sessiondb detail l2l</c> (also <c>show vpn-sessiondb l2l</c>).</summary>
    public sealed class VpnSessionFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show vpn-sessiondb detail l2l", "show vpn-sessiondb l2l");

        /// <inheritdoc />
        public string Name => "vpn-session";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) => line.Text.StartsWithIgnoreCase("Session Type: LAN-to-LAN");

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new VpnSessionParser();
    }
}
