using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>show asp table vpn-context detail</c>: <c>Key = value</c> lines, one block per context starting at
    /// <c>VPN CTX</c>. Keys are found by name wherever they stand, so fields joined on one line (with or without a
    /// separator: <c>Peer IP = 10.220.100.0Pointer = 0xD26F7CA8</c>) are split and reported.
    /// </summary>
    internal sealed class VpnContextParser : ISectionParser
    {
        // Longer keys first, so "Bad SPI" wins over "SPI" and "Bad Pkts" over "Pkts".
        private static readonly string[] Keys =
        {
            "VPN Filter", "Bad Crypto", "Rekey Call", "Rekey Pkt", "Bad Pkts", "Bad SPI", "VPN CTX", "Peer IP",
            "Pointer", "Spoof", "State", "Flags", "Group", "Pkts", "SPI", "SA",
        };

        private VpnContext? _current;
        private int _seen; // bit per key index, to notice a repeated key (a new context whose header was lost)

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text;
            int firstEq = text.IndexOf('=');
            if (firstEq <= 0) return false;
            int firstKey = MatchKeyEndingAt(text.Slice(0, firstEq).TrimEnd(), out int firstKeyStart);
            if (firstKey < 0 || firstKeyStart != 0) return false;

            int pairs = 0;
            int key = firstKey;
            int valueStart = firstEq + 1;
            while (true)
            {
                // The value runs to the next "Key =" or the end of the line.
                int nextKey = -1, nextKeyStart = -1, nextEq = -1;
                int search = valueStart;
                while (true)
                {
                    int eq = text.Slice(search).IndexOf('=');
                    if (eq < 0) break;
                    eq += search;
                    int k = MatchKeyEndingAt(text.Slice(valueStart, eq - valueStart).TrimEnd(), out int ks);
                    if (k >= 0)
                    {
                        nextKey = k;
                        nextKeyStart = valueStart + ks;
                        nextEq = eq;
                        break;
                    }
                    search = eq + 1;
                }
                var value = (nextKey >= 0 ? text.Slice(valueStart, nextKeyStart - valueStart) : text.Slice(valueStart)).Trim();
                Set(key, value, line, context);
                pairs++;
                if (nextKey < 0) break;
                key = nextKey;
                valueStart = nextEq + 1;
            }
            if (pairs > 1)
                context.Report(DiagnosticCodes.JoinedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"{pairs} fields were joined on one line; they were split");
            return true;
        }

        public void Complete(ParseContext context) => EmitCurrent(context);

        /// <summary>Index of the key the text ends with (longest first), and where that key starts.</summary>
        private static int MatchKeyEndingAt(ReadOnlySpan<char> text, out int keyStart)
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                var k = Keys[i].AsSpan();
                if (text.Length >= k.Length && text.Slice(text.Length - k.Length).Equals(k, StringComparison.OrdinalIgnoreCase))
                {
                    // The text stands right before an '=', where only a key can end, so a short key may follow a
                    // letter: a joined "Flags = ENCR+ESPSA = …" or "SA = 0x6D5DAF2FSPI = …" is split there.
                    keyStart = text.Length - k.Length;
                    return i;
                }
            }
            keyStart = -1;
            return -1;
        }

        private void Set(int key, ReadOnlySpan<char> value, in CaptureLine line, ParseContext ctx)
        {
            string name = Keys[key];
            if (name == "VPN CTX" || _current == null || (_seen & (1 << key)) != 0)
            {
                EmitCurrent(ctx);
                _current = new VpnContext { Line = line.Number };
                _seen = 0;
            }
            _seen |= 1 << key;
            var c = _current;
            c.LastLine = line.Number;
            switch (name)
            {
                case "VPN CTX":
                    c.Context = ParseText.HexOrReport(value, ctx, line, "VPN CTX", out var cv);
                    c.ContextValue = cv;
                    break;
                case "Peer IP":
                    c.PeerIp = value.ToString();
                    if (ParseText.LooksRedacted(value)) ReportRedacted(value, line, ctx);
                    break;
                case "Pointer": c.Pointer = Hex32.Normalize(value) ?? value.ToString(); break;
                case "State": c.State = value.ToString(); break;
                case "Flags":
                    c.Flags = value.ToString();
                    if (value.IndexOfIgnoreCase("ENCR") >= 0) c.Direction = SaDirection.Outbound;
                    else if (value.IndexOfIgnoreCase("DECR") >= 0) c.Direction = SaDirection.Inbound;
                    break;
                case "SA": c.Sa = Hex32.Normalize(value) ?? value.ToString(); break;
                case "SPI":
                    c.Spi = ParseText.HexOrReport(value, ctx, line, "SPI", out var sv);
                    c.SpiValue = sv;
                    break;
                case "Group": c.Group = ParseText.Int32OrReport(value, ctx, line, "Group"); break;
                case "Pkts": c.Packets = ParseText.Int64OrReport(value, ctx, line, "Pkts"); break;
                case "Bad Pkts": c.BadPackets = ParseText.Int64OrReport(value, ctx, line, "Bad Pkts"); break;
                case "Bad SPI": c.BadSpi = ParseText.Int64OrReport(value, ctx, line, "Bad SPI"); break;
                case "Spoof": c.Spoof = ParseText.Int64OrReport(value, ctx, line, "Spoof"); break;
                case "Bad Crypto": c.BadCrypto = ParseText.Int64OrReport(value, ctx, line, "Bad Crypto"); break;
                case "Rekey Pkt": c.RekeyPackets = ParseText.Int64OrReport(value, ctx, line, "Rekey Pkt"); break;
                case "Rekey Call": c.RekeyCalls = ParseText.Int64OrReport(value, ctx, line, "Rekey Call"); break;
                case "VPN Filter": c.VpnFilter = value.ToString(); break;
            }
        }

        private static void ReportRedacted(ReadOnlySpan<char> value, in CaptureLine line, ParseContext ctx) =>
            ctx.Report(DiagnosticCodes.RedactedValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"'{value.ToString()}' was redacted; it is kept as printed");

        private void EmitCurrent(ParseContext ctx)
        {
            var c = _current;
            if (c == null) return;
            _current = null;
            if (c.Context == null || c.Spi == null || c.Flags == null || c.Packets == null || c.RekeyCalls == null)
            {
                c.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, c.Line, default,
                    $"VPN context {c.Context ?? "(no VPN CTX line)"} (lines {c.Line}-{c.LastLine}) is incomplete: the capture ends or skips part of it");
            }
            ctx.Emit(c);
        }
    }
}
