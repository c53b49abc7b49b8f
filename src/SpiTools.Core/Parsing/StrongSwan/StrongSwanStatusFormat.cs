using System;

namespace SpiTools.Parsing
{
    /// <summary>strongSwan's legacy (stroke) <c>ipsec status</c> and <c>ipsec statusall</c> (also <c>strongswan status…</c>).</summary>
    public sealed class StrongSwanStatusFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "strongswan-status";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) =>
            (command.StartsWith("ipsec status".AsSpan(), StringComparison.Ordinal) || command.StartsWith("strongswan status".AsSpan(), StringComparison.Ordinal))
            && command.IndexOf("trafficstatus".AsSpan(), StringComparison.Ordinal) < 0;

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWith("Status of IKE charon daemon".AsSpan(), StringComparison.Ordinal)
                || t.StartsWith("Security Associations (".AsSpan(), StringComparison.Ordinal) && t.IndexOf(" up, ".AsSpan(), StringComparison.Ordinal) > 0
                || StrongSwanStatusParser.IsChildSpiLine(t);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new StrongSwanStatusParser();
    }
}
