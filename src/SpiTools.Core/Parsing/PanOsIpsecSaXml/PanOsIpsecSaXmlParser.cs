using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads each <c>&lt;entry&gt;</c> into an inbound SA (<c>i_spi</c>) and an outbound SA (<c>o_spi</c>): the tunnel
    /// (<c>name</c>, <see cref="IpsecSa.Tunnel"/>), its IKE gateway (<c>gateway</c>, <see cref="IpsecSa.Connection"/>), the peer
    /// (<c>remote</c>, padded with spaces), seconds left (<c>life</c>). Every other element is kept in <see cref="IpsecSa.OtherSettings"/>.
    /// </summary>
    internal sealed class PanOsIpsecSaXmlParser : ISectionParser
    {
        private IpsecSa? _entry;
        private string? _in;
        private string? _out;
        private int _inLine, _outLine;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            if (!XmlLine.TryParse(line.Text, out var xml)) return false;
            var name = xml.Name;
            if (!xml.IsElement)
            {
                if (name.SequenceEqual("entry".AsSpan()))
                {
                    bool closing = line.Text[1] == '/';
                    Flush(context, incomplete: !closing);
                    if (!closing) _entry = new IpsecSa { Platform = FarEndSa.PanOs, Line = line.Number, LastLine = line.Number };
                }
                return true;
            }
            var entry = _entry;
            if (entry == null) return true; // <ntun>, <result>: framing of the answer
            entry.LastLine = line.Number;
            var value = XmlLine.Decode(xml.Value);
            switch (name.ToString())
            {
                case "i_spi": _in = value; _inLine = line.Number; break;
                case "o_spi": _out = value; _outLine = line.Number; break;
                case "name": entry.Tunnel = value; break;
                case "gateway": entry.Connection = value; break;
                case "remote": entry.Peer = value; entry.RemoteEndpoint = value; break;
                case "proto": entry.Protocol = value.ToLowerInvariant(); break;
                case "enc": entry.Transform = entry.Transform == null ? value : value + "/" + entry.Transform; break;
                case "hash": entry.Transform = entry.Transform == null ? value : entry.Transform + "/" + value; break;
                case "life":
                    if (SpanNumber.TryParseInt64(value.AsSpan(), out long seconds)) entry.RemainingSeconds = seconds;
                    else entry.OtherSettings = FarEndSa.Append(entry.OtherSettings, "life", value);
                    break;
                default: entry.OtherSettings = FarEndSa.Append(entry.OtherSettings, name.ToString(), value); break;
            }
            return true;
        }

        public void Complete(ParseContext context) => Flush(context, incomplete: true);

        private void Flush(ParseContext ctx, bool incomplete)
        {
            var entry = _entry;
            if (entry == null) return;
            _entry = null;
            if (incomplete)
            {
                entry.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, entry.Line, default,
                    "the <entry> element was not closed; its SAs are kept and marked incomplete");
            }
            Emit(ctx, entry, SaDirection.Inbound, _in, _inLine);
            Emit(ctx, entry, SaDirection.Outbound, _out, _outLine);
            _in = _out = null;
        }

        private static void Emit(ParseContext ctx, IpsecSa entry, string direction, string? spi, int line)
        {
            var sa = entry.CloneEntry();
            sa.Direction = direction;
            sa.IsCurrentOutbound = direction == SaDirection.Outbound;
            if (spi == null) sa.Incomplete = true;
            else
            {
                var at = new CaptureLine(line, spi.AsSpan(), 0, spi.AsSpan());
                bool isDecimal = spi.Length > 0 && (char.IsDigit(spi[0]) || spi[0] == '-');
                foreach (char c in spi) if (!char.IsDigit(c) && c != '-') isDecimal = false;
                if (isDecimal) FarEndSa.SetDecimalSpi(sa, spi.AsSpan(), ctx, at);
                else FarEndSa.SetHexSpi(sa, spi.AsSpan(), ctx, at);
            }
            ctx.Emit(sa);
        }
    }
}
