using System;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// ASA / FTD <c>show crypto ipsec sa inactive</c>. Listed before <see cref="IpsecSaFormat"/> in
    /// <see cref="CaptureFormats.All"/>, whose command pattern also matches this command.
    /// </summary>
    public sealed class InactiveIpsecSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show crypto ipsec sa inactive", "show ipsec sa inactive");

        /// <inheritdoc />
        public string Name => "ipsec-sa-inactive";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) => InactiveIpsecSaParser.IsInactiveLine(line.Text);

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new InactiveIpsecSaParser();
    }
}
