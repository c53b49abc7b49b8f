using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// IPsec SA lifetimes: IOS-XE <c>show crypto ipsec profile</c> and <c>show crypto ipsec security-association
    /// lifetime</c>, ASA <c>show running-config crypto ipsec</c> (<c>crypto ipsec security-association lifetime …</c>).
    /// </summary>
    public sealed class IpsecLifetimeFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern(
            "show crypto ipsec profile", "show crypto ipsec security-association lifetime", "show running-config crypto ipsec");

        /// <inheritdoc />
        public string Name => "ipsec-lifetime";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) =>
            line.Text.StartsWithIgnoreCase("IPSEC profile ") || line.Text.StartsWithIgnoreCase("Security association lifetime:")
            || line.Text.StartsWithIgnoreCase("crypto ipsec security-association lifetime");

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new IpsecLifetimeParser();
    }
}
