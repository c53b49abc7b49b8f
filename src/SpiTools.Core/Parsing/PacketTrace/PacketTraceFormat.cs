using System;

namespace SpiTools.Parsing
{
    /// <summary>ASA <c>packet-tracer input … detail(ed)</c>.</summary>
    public sealed class PacketTraceFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern("packet-tracer input");

        /// <inheritdoc />
        public string Name => "packet-tracer";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            if (!t.StartsWithIgnoreCase("Phase:")) return false;
            return SpanNumber.TryParseInt32(t.Slice(6), out _);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new PacketTraceParser();
    }
}
