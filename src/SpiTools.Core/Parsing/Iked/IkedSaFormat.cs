using System;

namespace SpiTools.Parsing
{
    /// <summary>OpenBSD iked <c>ikectl show sa</c>: IKE SAs, their child SAs and flows, then the same as iked's active lists.</summary>
    public sealed class IkedSaFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "iked-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => command.StartsWith("ikectl show sa".AsSpan(), StringComparison.Ordinal);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWith("iked_sas: 0x".AsSpan(), StringComparison.Ordinal) || t.StartsWith("sa_childsas: 0x".AsSpan(), StringComparison.Ordinal)
                || t.StartsWith("iked_activesas: 0x".AsSpan(), StringComparison.Ordinal);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new IkedSaParser();
    }
}
