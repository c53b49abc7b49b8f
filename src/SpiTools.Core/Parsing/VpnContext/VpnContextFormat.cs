using System;

namespace SpiTools.Parsing
{
    /// <summary>ASA <c>show asp table vpn-context [detail]</c>.</summary>
    public sealed class VpnContextFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show asp table vpn-context");

        /// <inheritdoc />
        public string Name => "vpn-context";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) =>
            line.Text.StartsWithIgnoreCase("VPN CTX") && line.Text.IndexOf('=') > 0;

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command)
        {
            int pipe = command.IndexOf('|');
            if (pipe < 0) return -1;
            int at = command.Slice(pipe).IndexOfIgnoreCase("VPN CTX");
            return at < 0 ? -1 : pipe + at;
        }

        /// <inheritdoc />
        public ISectionParser CreateParser() => new VpnContextParser();
    }
}
