using System;
using System.Text;

namespace SpiTools.Parsing
{
    // The entry's packet counter lines ("#pkts encaps: 0, #pkts encrypt: 0, ...").
    internal sealed partial class IpsecSaParser
    {
        private bool _counterOverflow;

        private bool ParseCounters(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            if (_subset && (_entry == null || _entryFirstCounter == null))
            {
                Entry();
                _entryFirstCounter = FirstCounterName(t).ToString();
            }
            _counterOverflow = false;
            bool used = ParseCountersCore(t, line, ctx);
            return used && !_counterOverflow;
        }

        private bool ParseCountersCore(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            bool any = false;
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                // "#pkts encaps: 0", "#pkts no sa (send) 0", "##pkts replay failed (rcv): 0", "#send errors 0"
                // The number follows the last space; it is short, so look back from the end.
                int sp = part.Length - 1;
                while (sp >= 0 && part[sp] != ' ') sp--;
                if (sp < 0) return any;
                var number = part.Slice(sp + 1);
                var name = part.Slice(0, sp).TrimEnd().TrimEnd(':').TrimWhiteSpace().TrimStart('#');
                if (!SpanNumber.TryParseInt64(number, out long v))
                {
                    ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"counter '{name.ToString()}' has no number ('{number.ToString()}')");
                    any = true;
                    continue;
                }
                SetCounter(e, name, v);
                any = true;
            }
            return any;
        }

        private void SetCounter(IpsecSa e, ReadOnlySpan<char> name, long v)
        {
            if (IpsecSaCounters.TrySet(e, name, v)) return;
            // Unusual spacing: normalise and look again.
            string n = Normalize(name);
            if (IpsecSaCounters.TrySet(e, n.AsSpan(), v)) return;
            if (e.OtherCounters?.Length > MaxAccumulated)
            {
                _counterOverflow = true;
                return;
            }
            e.OtherCounters = e.OtherCounters == null ? n + "=" + v : e.OtherCounters + ";" + n + "=" + v;
        }

        private static string Normalize(ReadOnlySpan<char> name)
        {
            var sb = new StringBuilder(name.Length);
            bool space = false;
            foreach (char c in name)
            {
                if (c == ' ')
                {
                    space = sb.Length > 0;
                    continue;
                }
                if (space) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }
}
