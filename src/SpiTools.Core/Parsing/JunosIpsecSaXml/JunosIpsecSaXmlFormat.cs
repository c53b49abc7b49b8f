using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Junos <c>show security ipsec security-associations | display xml</c> and the answer to the RPC
    /// <c>get-security-associations-information</c> (brief or detail): <c>&lt;ipsec-security-associations-information&gt;</c>,
    /// also inside a chassis cluster's <c>&lt;multi-routing-engine-results&gt;</c>.
    /// </summary>
    public sealed class JunosIpsecSaXmlFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show security ipsec security-associations");

        /// <inheritdoc />
        public string Name => "junos-ipsec-sa-xml";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command) && AsksForXml(command);

        /// <summary>True when the command ends in <c>| display xml</c> (abbreviated or not).</summary>
        internal static bool AsksForXml(ReadOnlySpan<char> command)
        {
            int bar = command.LastIndexOf('|');
            if (bar < 0) return false;
            var filter = command.Slice(bar + 1).TrimWhiteSpace();
            int sp = filter.IndexOf(' ');
            if (sp < 2) return false;
            return "display".AsSpan().StartsWith(filter.Slice(0, sp), StringComparison.OrdinalIgnoreCase)
                && filter.Slice(sp + 1).TrimWhiteSpace().StartsWithIgnoreCase("xml");
        }

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return (t.StartsWith("<rpc-reply".AsSpan(), StringComparison.Ordinal) && t.IndexOf("junos".AsSpan(), StringComparison.Ordinal) > 0)
                || t.StartsWith("<ipsec-security-associations-information".AsSpan(), StringComparison.Ordinal)
                || t.StartsWith("<multi-routing-engine-results".AsSpan(), StringComparison.Ordinal);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new JunosIpsecSaXmlParser();
    }
}
