using System;
using System.Text.RegularExpressions;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads libreswan's <c>ipsec trafficstatus</c>: <c>#2: "conn"[1] 192.1.2.23, type=ESP, add_time=1234567890,
    /// inBytes=84, outBytes=84, maxBytes=2^63B, id='@east'</c>. Each line is one Child SA: an inbound and an outbound
    /// <see cref="IpsecSa"/> with their bytes and no SPI (the output prints none; <c>ipsec status</c> has them).
    /// </summary>
    internal sealed class LibreswanTrafficParser : ISectionParser
    {
        private static readonly Regex Line = new Regex(
            @"^#(?<n>\d+): ""(?<name>[^""]+)""(?<inst>\[\d+\])?(?: (?<peer>[0-9A-Fa-f:.]+))?, type=(?<type>[A-Za-z]+)(?<rest>.*)$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var body = LibreswanText.Unprefixed(line.Text, out _);
            if (!LibreswanText.IsStateLine(body)) return false;
            var m = Line.Match(body.ToString());
            if (!m.Success) return false;
            var rest = m.Groups["rest"].Value;
            var c = new FarEndChildSa("libreswan", line.Number)
            {
                Connection = m.Groups["name"].Value + m.Groups["inst"].Value,
                Tunnel = m.Groups["name"].Value,
                TunnelId = "#" + m.Groups["n"].Value,
                Protocol = m.Groups["type"].Value.ToLowerInvariant() == "ah" ? "ah" : "esp",
                RemoteEndpoint = m.Groups["peer"].Success ? m.Groups["peer"].Value : null,
            };
            c.In.Seen = c.Out.Seen = true;
            c.In.Line = c.Out.Line = line.Number;
            c.In.Bytes = Value(rest, "inBytes=");
            c.Out.Bytes = Value(rest, "outBytes=");
            c.Emit(context);
            return true;
        }

        public void Complete(ParseContext context) { }

        private static long? Value(string rest, string key)
        {
            int at = rest.IndexOf(key, StringComparison.Ordinal);
            if (at < 0) return null;
            int e = at + key.Length;
            while (e < rest.Length && char.IsDigit(rest[e])) e++;
            return LibreswanText.Bytes(rest.Substring(at + key.Length, e - at - key.Length));
        }
    }
}
