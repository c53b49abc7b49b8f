using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>show vpn ike-sa</c> by its tables' column names. IKE SA rows: gateway ID, peer, gateway name, role, serial
    /// number, <c>PSK/DH20/A256/SHA256</c>, established and expiration times, child count, state. Child SA rows: the gateway,
    /// tunnel, child SA ID, parent serial, role, <c>SPI(in)</c>, <c>SPI(out)</c>, <c>MsgID</c> (kept as a setting), state.
    /// </summary>
    internal sealed class PanOsIkeSaParser : ISectionParser
    {
        private PanOsTable? _ike;
        private PanOsTable? _child;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (PanOsTable.IsRule(t) || PanOsTable.IsNote(t)) return true;
            if (t.EqualsIgnoreCase("IKEv2 SAs") || t.EqualsIgnoreCase("IKEv2 IPsec Child SAs")) { _ike = _child = null; return true; }
            var child = PanOsTable.TryHeader(t, "SPI(in)", "SPI(out)", "Tunnel");
            if (child != null) { _child = child; _ike = null; return true; }
            var ike = PanOsTable.TryHeader(t, "Peer-Address", "Gateway-Name", "Algorithm");
            if (ike != null) { _ike = ike; _child = null; return true; }
            if (_child != null) return ReadChild(_child, line, context);
            if (_ike != null) return ReadIke(_ike, line, context);
            return false;
        }

        public void Complete(ParseContext context) { }

        private static bool ReadIke(PanOsTable table, in CaptureLine line, ParseContext ctx)
        {
            var values = PanOsTable.Values(line.Text);
            if (values.Count < 4) return false;
            var sa = new IkeSa { Platform = FarEndSa.PanOs, IkeVersion = "IKEv2", Line = line.Number, LastLine = line.Number };
            var columns = table.Columns;
            for (int i = 0; i < columns.Count && i < values.Count; i++)
            {
                string v = values[i];
                switch (columns[i])
                {
                    case "Gateway-ID": sa.TunnelId = v; break;
                    case "Peer-Address": sa.Peer = v; break;
                    case "Role": sa.Role = v.StartsWith("Init", StringComparison.OrdinalIgnoreCase) ? IkeRole.Initiator : v.StartsWith("Resp", StringComparison.OrdinalIgnoreCase) ? IkeRole.Responder : v; break;
                    case "SN": sa.ConnectionId = v; break;
                    case "Algorithm": SetIkeAlgorithm(sa, v); break;
                    case "Child":
                        if (SpanNumber.TryParseInt32(v.AsSpan(), out int children)) sa.ChildSaCount = children;
                        break;
                    case "ST": sa.State = v; break;
                    default: sa.OtherFields = FarEndSa.Append(sa.OtherFields, columns[i], v); break;
                }
            }
            if (values.Count < columns.Count) sa.Incomplete = true;
            ctx.Emit(sa);
            return true;
        }

        /// <summary><c>PSK/DH20/A256/SHA256</c>: authentication, DH group, encryption, hash.</summary>
        private static void SetIkeAlgorithm(IkeSa sa, string value)
        {
            var parts = value.Split('/');
            if (parts.Length > 0) sa.Auth = parts[0];
            if (parts.Length > 1) sa.DhGroup = parts[1].StartsWith("DH", StringComparison.OrdinalIgnoreCase) ? parts[1].Substring(2) : parts[1];
            if (parts.Length > 2) sa.Encryption = parts[2];
            if (parts.Length > 3) sa.Hash = parts[3];
        }

        private static bool ReadChild(PanOsTable table, in CaptureLine line, ParseContext ctx)
        {
            var values = PanOsTable.Values(line.Text);
            int spiIn = table.IndexOf("SPI(in)"), spiOut = table.IndexOf("SPI(out)");
            if (values.Count <= Math.Max(spiIn, spiOut)) return false;
            var sa = new IpsecSa { Platform = FarEndSa.PanOs, IkeVersion = "IKEv2", Line = line.Number, LastLine = line.Number };
            var columns = table.Columns;
            for (int i = 0; i < columns.Count && i < values.Count; i++)
            {
                string v = values[i];
                switch (columns[i])
                {
                    case "SPI(in)":
                    case "SPI(out)":
                        break;
                    case "Gateway-Name": sa.Connection = v; break;
                    case "Tunnel": sa.Tunnel = v; break;
                    case "ID": sa.TunnelId = v; break;
                    case "Role": sa.Initiator = v.StartsWith("Init", StringComparison.OrdinalIgnoreCase); break;
                    case "ST": sa.State = v; break;
                    default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, columns[i], v); break;
                }
            }
            if (values.Count < columns.Count) sa.Incomplete = true;
            PanOsTable.EmitPair(sa, values[spiIn], values[spiOut], ctx, line);
            return true;
        }
    }
}
