using System;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// What the parsers of non-Cisco outputs share: the <see cref="IpsecSa.Platform"/> names, an SA with its SPI set from
    /// hex or from a decimal (signed or unsigned), and the <c>name=value;…</c> lists that keep every field without a property.
    /// </summary>
    internal static class FarEndSa
    {
        /// <summary>Juniper SRX (Junos).</summary>
        public const string Junos = "Junos";

        /// <summary>Palo Alto Networks (PAN-OS).</summary>
        public const string PanOs = "PAN-OS";

        /// <summary>Fortinet FortiGate (FortiOS).</summary>
        public const string FortiOs = "FortiOS";

        /// <summary>Azure VPN gateway.</summary>
        public const string Azure = "Azure";

        /// <summary>Sets the SPI from a hex text (<c>f31c0d6d</c>, <c>0x6d0c6331</c>); false, and a diagnostic, when it is none.</summary>
        public static bool SetHexSpi(IpsecSa sa, ReadOnlySpan<char> text, ParseContext ctx, in CaptureLine line)
        {
            sa.Spi = ParseText.HexOrReport(text, ctx, line, "SPI", out long? value);
            sa.SpiValue = value;
            return sa.Spi != null;
        }

        /// <summary>
        /// Sets the SPI from a decimal: unsigned (<c>3867966326</c>) or the signed 32-bit form some APIs print (<c>-427000970</c>),
        /// read as its two's complement. The decimal is kept in <see cref="IpsecSa.SpiPrintedDecimal"/>.
        /// </summary>
        public static bool SetDecimalSpi(IpsecSa sa, ReadOnlySpan<char> text, ParseContext ctx, in CaptureLine line)
        {
            if (TryParseDecimalSpi(text, out uint spi, out long printed))
            {
                sa.Spi = Hex32.Format(spi);
                sa.SpiValue = spi;
                sa.SpiPrintedDecimal = printed;
                return true;
            }
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"SPI: '{text.ToString()}' is not a 32-bit decimal value; the field is left empty");
            return false;
        }

        /// <summary>A 32-bit SPI printed in decimal, unsigned or signed (two's complement).</summary>
        public static bool TryParseDecimalSpi(ReadOnlySpan<char> text, out uint spi, out long printed)
        {
            spi = 0;
            printed = 0;
            text = text.TrimWhiteSpace();
            bool negative = text.Length > 1 && text[0] == '-';
            if (!SpanNumber.TryParseInt64(negative ? text.Slice(1) : text, out long magnitude)) return false;
            if (negative)
            {
                if (magnitude > 2147483648L) return false;
                printed = -magnitude;
                spi = unchecked((uint)(int)printed);
                return true;
            }
            if (magnitude > uint.MaxValue) return false;
            printed = magnitude;
            spi = (uint)magnitude;
            return true;
        }

        /// <summary>Adds <c>name=value</c> to a <c>;</c>-joined list (bounded, so one huge output cannot grow it without end).</summary>
        public static string Append(string? list, string name, string value)
        {
            if (list != null && list.Length > 8192) return list;
            var item = name + "=" + value;
            return string.IsNullOrEmpty(list) ? item : list + ";" + item;
        }

        /// <summary>
        /// Splits <c>Key: value, Key: value</c> (Junos detail, FortiOS) into pairs: a comma followed by a segment with a colon
        /// starts the next pair; a comma inside a value (<c>Tunnel(0 0)</c>, <c>aes-cbc (256 bits)</c>) stays.
        /// </summary>
        public static System.Collections.Generic.List<(string Key, string Value)> SplitPairs(ReadOnlySpan<char> t)
        {
            var pairs = new System.Collections.Generic.List<(string, string)>(4);
            while (!t.IsEmpty)
            {
                int colon = t.IndexOf(':');
                if (colon <= 0) break;
                var key = t.Slice(0, colon).TrimWhiteSpace();
                var rest = t.Slice(colon + 1);
                int end = rest.Length;
                for (int i = 0; i < rest.Length; i++)
                {
                    if (rest[i] != ',') continue;
                    var next = rest.Slice(i + 1);
                    int nextColon = next.IndexOf(':');
                    int nextComma = next.IndexOf(',');
                    if (nextColon > 0 && (nextComma < 0 || nextColon < nextComma) && !next.Slice(0, nextColon).TrimWhiteSpace().IsEmpty)
                    {
                        end = i;
                        break;
                    }
                }
                pairs.Add((key.ToString(), rest.Slice(0, end).TrimWhiteSpace().ToString()));
                t = end < rest.Length ? rest.Slice(end + 1).TrimWhiteSpace() : default;
            }
            return pairs;
        }

        /// <summary>The leading decimal of a value (<c>Expires in 2010 seconds</c> → 2010).</summary>
        public static long? FirstNumber(string value)
        {
            int i = 0;
            while (i < value.Length && !char.IsDigit(value[i])) i++;
            int start = i;
            while (i < value.Length && char.IsDigit(value[i])) i++;
            return i > start && SpanNumber.TryParseInt64(value.AsSpan(start, i - start), out long n) ? n : (long?)null;
        }

        /// <summary>Splits an <c>address/prefix</c> or <c>address/mask</c> selector into the ident fields.</summary>
        public static void SetIdent(IpsecSa sa, bool local, string selector)
        {
            int slash = selector.IndexOf('/');
            string address = slash < 0 ? selector : selector.Substring(0, slash);
            string? mask = slash < 0 ? null : selector.Substring(slash + 1);
            if (local)
            {
                sa.LocalIdent = selector;
                sa.LocalIdentAddress = address;
                sa.LocalIdentMask = mask;
            }
            else
            {
                sa.RemoteIdent = selector;
                sa.RemoteIdentAddress = address;
                sa.RemoteIdentMask = mask;
            }
        }

        /// <summary>Joins words with single spaces (a column value printed over several tokens).</summary>
        public static string Join(StringBuilder sb, string[] parts, int from, int to)
        {
            sb.Clear();
            for (int i = from; i < to; i++)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(parts[i]);
            }
            return sb.ToString();
        }
    }
}
