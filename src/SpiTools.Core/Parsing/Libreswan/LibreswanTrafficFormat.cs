using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// libreswan <c>ipsec trafficstatus</c> (<c>ipsec whack --trafficstatus</c>): one line per Child SA with its byte
    /// counters, <c>#2: "conn", type=ESP, add_time=…, inBytes=84, outBytes=84, id='@east'</c>. It prints no SPI.
    /// </summary>
    public sealed class LibreswanTrafficFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "libreswan-trafficstatus";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) =>
            command.StartsWith("ipsec trafficstatus".AsSpan(), StringComparison.Ordinal) || command.StartsWith("ipsec whack --trafficstatus".AsSpan(), StringComparison.Ordinal);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = LibreswanText.Unprefixed(line.Text, out _);
            return LibreswanText.IsStateLine(t) && t.IndexOf(", type=".AsSpan(), StringComparison.Ordinal) > 0 && t.IndexOf("inBytes=".AsSpan(), StringComparison.Ordinal) > 0;
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new LibreswanTrafficParser();
    }
}
