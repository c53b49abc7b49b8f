using System;

namespace SpiTools.Parsing
{
    /// <summary>strongSwan <c>swanctl --list-sas</c> (<c>swanctl -l</c>, with <c>--ike</c>, <c>--ike-id</c>): IKE SAs and their CHILD_SAs.</summary>
    public sealed class StrongSwanListSasFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "strongswan-list-sas";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => IsListSas(command) && !IsRaw(command);

        /// <summary><c>swanctl --list-sas</c> or <c>swanctl -l</c>, with any options.</summary>
        internal static bool IsListSas(ReadOnlySpan<char> command)
        {
            if (!command.StartsWith("swanctl ".AsSpan(), StringComparison.Ordinal)) return false;
            var rest = command.Slice(8).TrimStart();
            return rest.StartsWith("--list-sas".AsSpan(), StringComparison.Ordinal) || rest.StartsWith("-l".AsSpan(), StringComparison.Ordinal) && (rest.Length == 2 || rest[2] == ' ');
        }

        /// <summary>The VICI message forms: <c>--raw</c> (one line) and <c>--pretty</c>.</summary>
        internal static bool IsRaw(ReadOnlySpan<char> command) =>
            command.IndexOf("--raw".AsSpan(), StringComparison.Ordinal) > 0 || command.IndexOf("--pretty".AsSpan(), StringComparison.Ordinal) > 0 ||
            command.IndexOf(" -r".AsSpan(), StringComparison.Ordinal) > 0;

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line) => StrongSwanListSasParser.IsIkeHeader(line.Text);

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new StrongSwanListSasParser();
    }
}
