using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads the <c>show vpn ipsec-sa</c> table by its header's column names: each row gives an inbound SA (<c>SPI(in)</c>) and
    /// an outbound SA (<c>SPI(out)</c>) with the tunnel (<see cref="IpsecSa.Tunnel"/>) and its IKE gateway
    /// (<see cref="IpsecSa.Connection"/>) from <c>Tunnel(Gateway)</c>, the peer, and <c>remain-time(Sec)</c> where printed.
    /// </summary>
    internal sealed class PanOsIpsecSaParser : ISectionParser
    {
        private PanOsTable? _table;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (PanOsTable.IsRule(t) || PanOsTable.IsNote(t)) return true;
            var header = PanOsTable.TryHeader(t, "SPI(in)", "SPI(out)");
            if (header != null) { _table = header; return true; }
            if (_table == null) return false;
            var values = PanOsTable.Values(t);
            var columns = _table.Columns;
            int spiIn = _table.IndexOf("SPI(in)"), spiOut = _table.IndexOf("SPI(out)");
            if (values.Count <= Math.Max(spiIn, spiOut)) return false;
            var sa = new IpsecSa { Platform = FarEndSa.PanOs, Line = line.Number, LastLine = line.Number };
            for (int i = 0; i < columns.Count && i < values.Count; i++)
            {
                string v = values[i];
                switch (columns[i])
                {
                    case "SPI(in)":
                    case "SPI(out)":
                        break;
                    case "Peer-Address": sa.Peer = v; sa.RemoteEndpoint = v; break;
                    case "Tunnel(Gateway)":
                        int open = v.IndexOf('(');
                        sa.Tunnel = open > 0 ? v.Substring(0, open) : v;
                        if (open > 0 && v.EndsWith(")", StringComparison.Ordinal)) sa.Connection = v.Substring(open + 1, v.Length - open - 2);
                        break;
                    case "Algorithm": PanOsTable.SetAlgorithm(sa, v); break;
                    case "remain-time(Sec)":
                        sa.RemainingSeconds = ParseText.Int64OrReport(v.AsSpan(), context, line, "remain-time");
                        break;
                    default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, columns[i], v); break;
                }
            }
            if (values.Count < columns.Count) sa.Incomplete = true;
            PanOsTable.EmitPair(sa, values[spiIn], values[spiOut], context, line);
            return true;
        }

        public void Complete(ParseContext context) { }
    }
}
