using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// strongSwan <c>swanctl --list-sas --raw</c>: each IKE SA as one VICI message on one line,
    /// <c>list-sa event {home {… child-sas {home-1 {… spi-in=c8931e89 spi-out=cee78125 …}}}}</c>.
    /// </summary>
    public sealed class StrongSwanViciFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "strongswan-list-sas-raw";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => StrongSwanListSasFormat.IsListSas(command) && StrongSwanListSasFormat.IsRaw(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) => line.Text.StartsWith("list-sa event {".AsSpan(), StringComparison.Ordinal);

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new StrongSwanViciParser();
    }
}
