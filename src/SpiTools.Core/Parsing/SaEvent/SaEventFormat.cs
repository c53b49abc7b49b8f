using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Logs: IOS / IOS-XE <c>debug crypto isakmp|ikev2|ipsec</c> output, ASA and IOS syslog messages, from
    /// <c>show logging</c>, a terminal or a syslog server's file. Listed last in <see cref="CaptureFormats.All"/>.
    /// </summary>
    public sealed class SaEventFormat : ICaptureFormat
    {
        private static readonly CommandPattern Command = new CommandPattern(
            "show logging", "debug crypto isakmp", "debug crypto ikev1", "debug crypto ikev2", "debug crypto ipsec", "debug crypto condition",
            "terminal monitor", "show log");

        /// <inheritdoc />
        public string Name => "sa-event";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => Command.Matches(command);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            // Cheap rejects first: a log line starts with a month, a digit, '*', '.', '<', '%' or a debug facility.
            char c = t[0];
            if (!(char.IsDigit(c) || c == '*' || c == '.' || c == '<' || c == '%' || char.IsUpper(c))) return false;
            // Outside a log section, only lines with a syslog code or a crypto debug facility start one.
            return LogLinePrefix.IsLogMessage(t);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new SaEventParser(DateTime.UtcNow.Year);
    }
}
