using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// <c>show crypto ipsec sa</c> on ASA / FTD (also <c>show ipsec sa</c>) and IOS / IOS-XE, with its
    /// <c>peer</c>, <c>detail</c>, <c>interface</c>, <c>identity</c> and IPv6 forms.
    /// </summary>
    public sealed class IpsecSaFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("show crypto ipsec sa", "show ipsec sa", "show crypto ipv6 ipsec sa");

        /// <inheritdoc />
        public string Name => "ipsec-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWith("interface:".AsSpan(), StringComparison.Ordinal)
                || t.StartsWith("Crypto map tag:".AsSpan(), StringComparison.Ordinal)
                || t.StartsWithIgnoreCase("peer address:")
                || (t.StartsWithIgnoreCase("local") && t.IndexOfIgnoreCase("ident (addr/mask/prot/port)") > 0);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new IpsecSaParser();
    }
}
