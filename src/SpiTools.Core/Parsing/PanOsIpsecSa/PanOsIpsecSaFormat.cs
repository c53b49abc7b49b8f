using System;

namespace SpiTools.Parsing
{
    /// <summary>PAN-OS <c>show vpn ipsec-sa</c> (also <c>tunnel NAME</c>): one row per tunnel with its inbound and outbound SPI.</summary>
    public sealed class PanOsIpsecSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show vpn ipsec-sa");

        /// <inheritdoc />
        public string Name => "panos-ipsec-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) =>
            line.Text.StartsWith("GwID/client IP".AsSpan(), StringComparison.Ordinal) && PanOsTable.TryHeader(line.Text, "SPI(in)", "SPI(out)", "Tunnel(Gateway)") != null;

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new PanOsIpsecSaParser();
    }
}
