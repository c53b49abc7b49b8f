using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads libreswan's <c>ipsec trafficstatus</c>: <c>#2: "conn"[1] 192.1.2.23, type=ESP, add_time=1234567890,
    /// inBytes=84, outBytes=84, maxBytes=2^63B, id='@east'</c>. Each line is one Child SA: an inbound and an outbound
    /// <see cref="IpsecSa"/> with their bytes and no SPI (the output prints none; <c>ipsec status</c> has them).
    /// </summary>
    internal sealed class LibreswanTrafficParser : ISectionParser
    {
        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var body = LibreswanText.Unprefixed(line.Text, out _);
            if (!LibreswanText.IsStateLine(body)) return false;
            // #2: "name"[1] 192.1.2.23, type=ESP, add_time=…, inBytes=84, outBytes=84, id='@east'
            var text = body.ToString();
            int colon = text.IndexOf(':');
            int close = text.IndexOf('"', colon + 3);
            int type = text.IndexOf(", type=", StringComparison.Ordinal);
            if (close < 0 || type < close) return false;
            var name = text.Substring(colon + 3, close - colon - 3);
            var between = text.Substring(close + 1, type - close - 1);
            string inst = "";
            if (between.StartsWith("[", StringComparison.Ordinal) && between.IndexOf(']') > 0)
            {
                inst = between.Substring(0, between.IndexOf(']') + 1);
                between = between.Substring(inst.Length);
            }
            var peer = between.Trim();
            var rest = text.Substring(type + 7);
            var typeName = rest.Split(',')[0].Trim();
            var c = new FarEndChildSa("libreswan", line.Number)
            {
                Connection = name + inst,
                Tunnel = name,
                TunnelId = "#" + text.Substring(1, colon - 1),
                Protocol = typeName.ToLowerInvariant() == "ah" ? "ah" : "esp",
                RemoteEndpoint = peer.Length > 0 ? peer : null,
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
