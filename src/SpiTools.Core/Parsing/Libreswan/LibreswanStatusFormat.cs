using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// libreswan <c>ipsec status</c> and <c>ipsec showstates</c> (<c>ipsec whack --status</c>, <c>--showstates</c>), with or
    /// without the <c>000 </c> prefix older releases print. <c>ipsec status</c> is also strongSwan's command: the
    /// output tells them apart (the strongSwan parser leaves these lines, and they start this format).
    /// </summary>
    public sealed class LibreswanStatusFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "libreswan-status";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) =>
            command.StartsWith("ipsec showstates".AsSpan(), StringComparison.Ordinal) || command.StartsWith("ipsec auto --status".AsSpan(), StringComparison.Ordinal)
            || command.StartsWith("ipsec whack --status".AsSpan(), StringComparison.Ordinal) || command.StartsWith("ipsec whack --showstates".AsSpan(), StringComparison.Ordinal);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = LibreswanText.Unprefixed(line.Text, out bool prefixed);
            if (prefixed && t.IsEmpty) return false;
            // "000 …": whack's status code for a status line, found in no other output SpiTools reads.
            if (prefixed && line.Text[0] == '0' && line.Text[1] == '0' && line.Text[2] == '0') return true;
            if (t.StartsWith("using kernel interface".AsSpan(), StringComparison.Ordinal)) return true;
            return LibreswanText.IsStateLine(t) && t.IndexOf("type=".AsSpan(), StringComparison.Ordinal) < 0;
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new LibreswanStatusParser();
    }
}
