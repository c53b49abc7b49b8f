using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Juniper SRX (Junos) <c>show security ipsec security-associations</c>: the brief table (<c>&lt;</c> inbound,
    /// <c>&gt;</c> outbound) and its <c>detail</c> form, with <c>index N</c>, chassis-cluster <c>node0:</c> headers and
    /// <c>{primary:node0}</c> banners. The <c>| display xml</c> form is <see cref="JunosIpsecSaXmlFormat"/>.
    /// </summary>
    public sealed class JunosIpsecSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show security ipsec security-associations");

        /// <inheritdoc />
        public string Name => "junos-ipsec-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command) && !JunosIpsecSaXmlFormat.AsksForXml(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWithIgnoreCase("Total active tunnels:")
                || JunosIpsecSaParser.IsColumnHeader(t)
                || (t.StartsWith("ID: ".AsSpan(), StringComparison.Ordinal) && t.IndexOfIgnoreCase("Virtual-system:") > 0)
                || JunosIpsecSaParser.IsBriefRow(t, out _);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new JunosIpsecSaParser();
    }
}
