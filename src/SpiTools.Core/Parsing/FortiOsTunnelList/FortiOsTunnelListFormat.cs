using System;

namespace SpiTools.Parsing
{
    /// <summary>FortiOS <c>diagnose vpn tunnel list</c> (also <c>list name NAME</c>): every phase 1 with its phase 2 selectors and their SAs.</summary>
    public sealed class FortiOsTunnelListFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("diagnose vpn tunnel list");

        /// <inheritdoc />
        public string Name => "fortios-tunnel-list";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWith("list all ipsec tunnel in vd".AsSpan(), StringComparison.Ordinal)
                || (t.StartsWith("name=".AsSpan(), StringComparison.Ordinal) && t.IndexOf(" ver=".AsSpan(), StringComparison.Ordinal) > 0 && t.IndexOf("->".AsSpan(), StringComparison.Ordinal) > 0);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new FortiOsTunnelListParser();
    }
}
