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

        // Indexes into Keys, so a field is dispatched on a number rather than on its name.
        private const int VpnFilterKey = 0, BadCryptoKey = 1, RekeyCallKey = 2, RekeyPktKey = 3, BadPktsKey = 4, BadSpiKey = 5,
            VpnCtxKey = 6, PeerIpKey = 7, PointerKey = 8, SpoofKey = 9, StateKey = 10, FlagsKey = 11, GroupKey = 12,
            PktsKey = 13, SpiKey = 14, SaKey = 15;

        private readonly StringPool _pool = new StringPool(); // State, Flags and VPN Filter repeat across contexts
        private VpnContext? _current;
        private int _seen; // bit per key index, to notice a repeated key (a new context whose header was lost)

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text;
            int firstEq = text.IndexOf('=');
            if (firstEq <= 0) return false;
            int firstKey = MatchKeyEndingAt(TrimEndWhiteSpace(text.Slice(0, firstEq)), out int firstKeyStart);
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
                    int k = MatchKeyEndingAt(TrimEndWhiteSpace(text.Slice(valueStart, eq - valueStart)), out int ks);
                    if (k >= 0)
                    {
                        nextKey = k;
                        nextKeyStart = valueStart + ks;
                        nextEq = eq;
                        break;
                    }
                    search = eq + 1;
                }
                var value = (nextKey >= 0 ? text.Slice(valueStart, nextKeyStart - valueStart) : text.Slice(valueStart)).TrimWhiteSpace();
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

        /// <summary>What <c>TrimEnd()</c> gives: trailing spaces in a loop, the general trim only for other characters at the end.</summary>
        internal static ReadOnlySpan<char> TrimEndWhiteSpace(ReadOnlySpan<char> text)
        {
            int end = text.Length;
            while (end > 0 && text[end - 1] == ' ') end--;
            var rest = text.Slice(0, end);
            if (end > 0 && (rest[end - 1] < '!' || rest[end - 1] > '~')) return rest.TrimEnd();
            return rest;
        }

        // Key indexes by the key's last letter (lower case), in the order of Keys: a candidate's last character picks
        // the few keys it can end with, so most of the sixteen are never compared.
        private static readonly int[][] KeysByLastLetter = BuildKeysByLastLetter();

        private static int[][] BuildKeysByLastLetter()
        {
            var byLetter = new int[26][];
            for (int c = 0; c < 26; c++)
            {
                var list = new System.Collections.Generic.List<int>();
                for (int i = 0; i < Keys.Length; i++)
                    if ((Keys[i][Keys[i].Length - 1] | 0x20) == 'a' + c) list.Add(i);
                byLetter[c] = list.ToArray();
            }
            return byLetter;
        }

        /// <summary>Index of the key the text ends with (longest first), and where that key starts.</summary>
        internal static int MatchKeyEndingAt(ReadOnlySpan<char> text, out int keyStart)
        {
            keyStart = -1;
            if (text.Length == 0) return -1;
            int last = text[text.Length - 1] | 0x20;
            // Outside ASCII letters (a non-ASCII last character may still fold to one), every key is tried.
            if (last < 'a' || last > 'z' || text[text.Length - 1] > 0x7F) return MatchKeyEndingAtSlow(text, out keyStart);
            foreach (int i in KeysByLastLetter[last - 'a'])
            {
                var k = Keys[i];
                if (text.Length >= k.Length && EndsWithIgnoreCase(text, k))
                {
                    // The text stands right before an '=', where only a key can end, so a short key may follow a
                    // letter: a joined "Flags = ENCR+ESPSA = …" or "SA = 0x6D5DAF2FSPI = …" is split there.
                    keyStart = text.Length - k.Length;
                    return i;
                }
            }
            return -1;
        }

        /// <summary>
        /// <c>text</c> ends with <c>key</c>, ignoring case as <see cref="StringComparison.OrdinalIgnoreCase"/> does: ASCII
        /// letters compared in a loop, and any non-ASCII character (such as a dotless i) left to the runtime's comparison.
        /// </summary>
        private static bool EndsWithIgnoreCase(ReadOnlySpan<char> text, string key)
        {
            var tail = text.Slice(text.Length - key.Length);
            for (int j = 0; j < key.Length; j++)
            {
                char t = tail[j], k = key[j];
                if (t == k) continue;
                if (t > 0x7F) return tail.Equals(key.AsSpan(), StringComparison.OrdinalIgnoreCase);
                if ((t | 0x20) != (k | 0x20) || (uint)((k | 0x20) - 'a') > 'z' - 'a') return false;
            }
            return true;
        }

        /// <summary>The plain form of <see cref="MatchKeyEndingAt"/>: every key, longest first.</summary>
        internal static int MatchKeyEndingAtSlow(ReadOnlySpan<char> text, out int keyStart)
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                var k = Keys[i].AsSpan();
                if (text.Length >= k.Length && text.Slice(text.Length - k.Length).Equals(k, StringComparison.OrdinalIgnoreCase))
                {
                    keyStart = text.Length - k.Length;
                    return i;
                }
            }
            keyStart = -1;
            return -1;
        }

        private void Set(int key, ReadOnlySpan<char> value, in CaptureLine line, ParseContext ctx)
        {
            if (key == VpnCtxKey || _current == null || (_seen & (1 << key)) != 0)
            {
                EmitCurrent(ctx);
                _current = new VpnContext { Line = line.Number };
                _seen = 0;
            }
            _seen |= 1 << key;
            var c = _current;
            c.LastLine = line.Number;
            switch (key)
            {
                case VpnCtxKey:
                    c.Context = ParseText.HexOrReport(value, ctx, line, "VPN CTX", out var cv);
                    c.ContextValue = cv;
                    break;
                case PeerIpKey:
                    c.PeerIp = value.ToString();
                    if (ParseText.LooksRedacted(value)) ReportRedacted(value, line, ctx);
                    break;
                case PointerKey: c.Pointer = Hex32.Normalize(value) ?? value.ToString(); break;
                case StateKey: c.State = _pool.Get(value); break;
                case FlagsKey:
                    c.Flags = _pool.Get(value);
                    if (value.IndexOfIgnoreCase("ENCR") >= 0) c.Direction = SaDirection.Outbound;
                    else if (value.IndexOfIgnoreCase("DECR") >= 0) c.Direction = SaDirection.Inbound;
                    break;
                case SaKey: c.Sa = Hex32.Normalize(value) ?? value.ToString(); break;
                case SpiKey:
                    c.Spi = ParseText.HexOrReport(value, ctx, line, "SPI", out var sv);
                    c.SpiValue = sv;
                    break;
                case GroupKey: c.Group = ParseText.Int32OrReport(value, ctx, line, "Group"); break;
                case PktsKey: c.Packets = ParseText.Int64OrReport(value, ctx, line, "Pkts"); break;
                case BadPktsKey: c.BadPackets = ParseText.Int64OrReport(value, ctx, line, "Bad Pkts"); break;
                case BadSpiKey: c.BadSpi = ParseText.Int64OrReport(value, ctx, line, "Bad SPI"); break;
                case SpoofKey: c.Spoof = ParseText.Int64OrReport(value, ctx, line, "Spoof"); break;
                case BadCryptoKey: c.BadCrypto = ParseText.Int64OrReport(value, ctx, line, "Bad Crypto"); break;
                case RekeyPktKey: c.RekeyPackets = ParseText.Int64OrReport(value, ctx, line, "Rekey Pkt"); break;
                case RekeyCallKey: c.RekeyCalls = ParseText.Int64OrReport(value, ctx, line, "Rekey Call"); break;
                case VpnFilterKey: c.VpnFilter = _pool.Get(value); break;
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
