using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>Key : value</c> lines (one or two pairs a line). <c>Connection</c> starts a session; a line
    /// <c>IKEv2:</c> / <c>IPsec:</c> / <c>IPsecOverNatT:</c> starts a tunnel section; each tunnel is one record.
    /// </summary>
    internal sealed class VpnSessionParser : ISectionParser
    {
        private static readonly HashSet<string> ProtocolLabels = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "IKE", "IKEv1", "IKEv2", "IPsec", "IPSec", "IPsecOverNatT", "IPsecOverTCP", "IPsecOverUDP", "NAC", "SSL-Tunnel", "DTLS-Tunnel", "Clientless", "AnyConnect-Parent",
        };

        private string? _connection;
        private long? _index;
        private string? _peer;
        private string? _protocol;
        private readonly StringBuilder _session = new StringBuilder();
        private VpnSessionTunnel? _tunnel;
        private readonly StringBuilder _other = new StringBuilder();

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (t.StartsWithIgnoreCase("Session Type:")) { Flush(context); return true; }
            // A section header: "IKEv2:", "IPsecOverNatT:" alone on the line.
            if (t[t.Length - 1] == ':' && ProtocolLabels.Contains(t.Slice(0, t.Length - 1).Trim().ToString()))
            {
                Flush(context);
                _tunnel = new VpnSessionTunnel { Line = line.Number, LastLine = line.Number, TunnelType = t.Slice(0, t.Length - 1).Trim().ToString() };
                return true;
            }
            var pairs = SplitPairs(t);
            if (pairs.Count == 0) return false;
            foreach (var (key, value) in pairs)
            {
                if (key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    Flush(context);
                    _connection = value; _index = null; _peer = null; _protocol = null;
                    _session.Clear();
                    continue;
                }
                if (_tunnel == null) SetSession(key, value);
                else SetTunnel(_tunnel, key, value, line.Number);
            }
            return true;
        }

        public void Complete(ParseContext context) => Flush(context);

        private void SetSession(string key, string value)
        {
            switch (key.ToLowerInvariant())
            {
                case "index": _index = Number(value); break;
                case "ip addr": _peer = value; break;
                case "protocol": _protocol = value; break;
                default: Append(_session, key, value); break;
            }
        }

        private void SetTunnel(VpnSessionTunnel t, string key, string value, int line)
        {
            t.LastLine = line;
            switch (key.ToLowerInvariant())
            {
                case "tunnel id": t.TunnelId = value; break;
                case "local addr": t.LocalIdent = value; break;
                case "remote addr": t.RemoteIdent = value; break;
                case "encryption": t.Encryption = value; break;
                case "hashing": t.Hashing = value; break;
                case "encapsulation": t.Encapsulation = value; break;
                case "pfs group": t.PfsGroup = value; break;
                case "rekey int (t)": t.RekeyIntervalSeconds = Number(value); break;
                case "rekey left(t)": t.RekeyLeftSeconds = Number(value); break;
                case "rekey int (d)": t.RekeyIntervalKilobytes = Number(value); break;
                case "rekey left(d)": t.RekeyLeftKilobytes = Number(value); break;
                case "bytes tx": t.BytesTx = Number(value); break;
                case "bytes rx": t.BytesRx = Number(value); break;
                case "pkts tx": t.PacketsTx = Number(value); break;
                case "pkts rx": t.PacketsRx = Number(value); break;
                default: Append(_other, key, value); break;
            }
        }

        private void Flush(ParseContext ctx)
        {
            var t = _tunnel;
            if (t == null) return;
            _tunnel = null;
            t.Connection = _connection;
            t.Index = _index;
            t.Peer = _peer;
            t.Protocol = _protocol;
            t.SessionFields = _session.Length == 0 ? null : _session.ToString();
            t.OtherFields = _other.Length == 0 ? null : _other.ToString();
            _other.Clear();
            ctx.Emit(t);
        }

        private static void Append(StringBuilder sb, string key, string value)
        {
            if (sb.Length > 8192) return;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(key).Append('=').Append(value);
        }

        /// <summary>"4608000 K-Bytes", "28800 Seconds", "1280775975169": the leading number.</summary>
        private static long? Number(string value)
        {
            int end = 0;
            while (end < value.Length && char.IsDigit(value[end])) end++;
            return SpanNumber.TryParseInt64(value.AsSpan(0, end), out long n) ? n : (long?)null;
        }

        /// <summary>
        /// "Index        : 26386                  IP Addr      : 169.254.107.100" gives two pairs. A second pair starts
        /// after two or more spaces with a short key followed by ':' and a space (protocol labels inside values, such
        /// as "IKEv2: (1)AES256  IPsecOverNatT: (2)AES-GCM-128", stay in the value).
        /// </summary>
        internal static List<(string Key, string Value)> SplitPairs(ReadOnlySpan<char> t)
        {
            var pairs = new List<(string, string)>(2);
            int colon = t.IndexOf(':');
            if (colon <= 0) return pairs;
            var key = t.Slice(0, colon).Trim();
            if (key.IsEmpty || key.Length > 24) return pairs;
            int valueStart = colon + 1;
            int search = valueStart;
            while (true)
            {
                int next = FindSecondKey(t, search, out int keyStart, out int keyColon);
                if (next < 0)
                {
                    pairs.Add((key.ToString(), t.Slice(valueStart).Trim().ToString()));
                    return pairs;
                }
                pairs.Add((key.ToString(), t.Slice(valueStart, keyStart - valueStart).Trim().ToString()));
                key = t.Slice(keyStart, keyColon - keyStart).Trim();
                valueStart = keyColon + 1;
                search = valueStart;
            }
        }

        private static int FindSecondKey(ReadOnlySpan<char> t, int from, out int keyStart, out int keyColon)
        {
            keyStart = keyColon = -1;
            for (int i = from; i + 2 < t.Length; i++)
            {
                if (t[i] != ' ' || t[i + 1] != ' ') continue;
                int k = i;
                while (k < t.Length && t[k] == ' ') k++;
                int c = t.Slice(k).IndexOf(':');
                if (c <= 0 || c > 16) { i = k; continue; }
                var candidate = t.Slice(k, c).Trim();
                bool hasLetter = false;
                foreach (char ch in candidate) if (char.IsLetter(ch)) hasLetter = true;
                bool spaceAfter = k + c + 1 >= t.Length || t[k + c + 1] == ' ';
                if (hasLetter && spaceAfter && !ProtocolLabels.Contains(candidate.ToString()))
                {
                    keyStart = k;
                    keyColon = k + c;
                    return k;
                }
                i = k;
            }
            return -1;
        }
    }
}
