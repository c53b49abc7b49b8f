using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads the XML of Junos <c>get-security-associations-information</c> line by line: each
    /// <c>&lt;ipsec-security-associations&gt;</c> element is one SA; the fields of its
    /// <c>&lt;ipsec-security-associations-block&gt;</c> (the detail form's tunnel fields) are copied to each of its SAs.
    /// <c>&lt;sa-direction&gt;</c> is <c>&amp;lt;</c> (inbound) or <c>&amp;gt;</c> (outbound), escaped or not.
    /// Elements without a property of their own are kept in <see cref="IpsecSa.OtherSettings"/>.
    /// </summary>
    internal sealed class JunosIpsecSaXmlParser : ISectionParser
    {
        private IpsecSa? _block;
        private IpsecSa? _sa;
        private string? _node;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            if (!XmlLine.TryParse(line.Text, out var xml)) return false;
            var name = xml.Name;
            if (!xml.IsElement)
            {
                bool closing = line.Text.Length > 1 && line.Text[1] == '/';
                if (name.SequenceEqual("ipsec-security-associations-block".AsSpan()))
                {
                    if (closing) _block = null;
                    else _block = new IpsecSa { Platform = FarEndSa.Junos, Line = line.Number, OtherSettings = _node };
                }
                else if (name.SequenceEqual("ipsec-security-associations".AsSpan()))
                {
                    if (closing) Flush(context, line.Number, incomplete: false);
                    else
                    {
                        Flush(context, line.Number, incomplete: true);
                        var sa = _block?.CloneEntry() ?? new IpsecSa { Platform = FarEndSa.Junos, OtherSettings = _node };
                        sa.Line = line.Number;
                        sa.LastLine = line.Number;
                        _sa = sa;
                    }
                }
                else if (name.SequenceEqual("multi-routing-engine-item".AsSpan())) _node = null;
                return true;
            }
            var value = XmlLine.Decode(xml.Value);
            var target = _sa ?? _block;
            if (target == null)
            {
                if (name.SequenceEqual("re-name".AsSpan())) _node = "node=" + value;
                return true; // totals, banners, the routing engine's name: framing of the answer
            }
            target.LastLine = line.Number;
            Set(target, name.ToString(), value, context, line);
            return true;
        }

        public void Complete(ParseContext context) => Flush(context, 0, incomplete: true);

        private void Flush(ParseContext ctx, int line, bool incomplete)
        {
            var sa = _sa;
            if (sa == null) return;
            _sa = null;
            if (incomplete || sa.Spi == null)
            {
                sa.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, sa.Line, default,
                    sa.Spi == null ? "an <ipsec-security-associations> element without <sa-spi>; kept and marked incomplete"
                                   : "the <ipsec-security-associations> element was not closed; the SA is kept and marked incomplete");
            }
            if (line > sa.LastLine) sa.LastLine = line;
            ctx.Emit(sa);
        }

        private static void Set(IpsecSa sa, string name, string value, ParseContext ctx, in CaptureLine line)
        {
            switch (name)
            {
                case "sa-direction":
                    sa.Direction = value == "<" || value.StartsWith("in", StringComparison.OrdinalIgnoreCase) ? SaDirection.Inbound
                        : value == ">" || value.StartsWith("out", StringComparison.OrdinalIgnoreCase) ? SaDirection.Outbound : null;
                    if (sa.Direction == null)
                        ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw, $"sa-direction: '{value}' is neither < nor >; the direction is left empty");
                    break;
                case "sa-spi": FarEndSa.SetHexSpi(sa, value.AsSpan(), ctx, line); break;
                case "sa-tunnel-index":
                    sa.ConnectionId = ParseText.Int64OrReport(value.AsSpan(), ctx, line, "sa-tunnel-index");
                    sa.Tunnel = value;
                    break;
                case "sa-remote-gateway": sa.Peer = value; sa.RemoteEndpoint = value; break;
                case "sa-local-gateway": sa.LocalEndpoint = value; sa.LocalAddress = value; break;
                case "sa-port":
                    sa.PeerPort = ParseText.Int32OrReport(value.AsSpan(), ctx, line, "sa-port");
                    sa.NatTraversal = sa.PeerPort == 4500;
                    break;
                case "sa-protocol": sa.Protocol = value.ToLowerInvariant(); break;
                case "sa-esp-encryption-algorithm": sa.Transform = sa.Transform == null ? value : value + " " + sa.Transform; break;
                case "sa-hmac-algorithm": sa.Transform = sa.Transform == null ? value : sa.Transform + " " + value; break;
                case "sa-hard-lifetime":
                    if (SpanNumber.TryParseInt64(value.AsSpan(), out long seconds)) sa.RemainingSeconds = seconds;
                    else sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, name, value);
                    break;
                case "sa-lifesize-remaining":
                    if (value.StartsWith("unlim", StringComparison.OrdinalIgnoreCase)) sa.VolumeRekeyDisabled = true;
                    else if (SpanNumber.TryParseInt64(value.AsSpan(), out long kb)) sa.RemainingKilobytes = kb;
                    else sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, name, value);
                    break;
                case "sa-bind-interface": sa.Interface = value; break;
                case "sa-ike-version": sa.IkeVersion = value; break;
                case "sa-mode": sa.Mode = value; break;
                case "sa-state": sa.State = value; break;
                default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, name, value); break;
            }
        }
    }
}
