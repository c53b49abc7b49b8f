using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>diagnose vpn tunnel list</c>. <c>name=</c> opens a phase 1 (<see cref="IpsecSa.Connection"/>, its
    /// <c>local:port-&gt;remote:port</c> endpoints, <c>ver=</c> the IKE version, <c>natt: mode=</c>); <c>proxyid=</c> a phase 2
    /// selector (<see cref="IpsecSa.Tunnel"/>, <c>src:</c> / <c>dst:</c> the proxies); each <c>SA:</c> block gives an inbound SA
    /// (<c>dec: spi=</c>) and an outbound SA (<c>enc: spi=</c>), with <c>expire=</c> seconds left and the pair's
    /// <c>dec:pkts/bytes</c>, <c>enc:pkts/bytes</c>. The keys printed after <c>key=N</c> are never kept: the lines are named
    /// in one <see cref="DiagnosticCodes.KeyMaterial"/> diagnostic. A selector with <c>sa=0</c> yields one record without SPI.
    /// </summary>
    internal sealed class FortiOsTunnelListParser : ISectionParser
    {
        private static readonly string[] Prefixes = { "stat:", "dpd:", "natt:", "fec:", "src:", "dst:", "SA:", "life:", "dec:", "enc:", "ah=", "npu_", "seqno=" };

        private IpsecSa? _phase1;
        private IpsecSa? _selector;
        private bool _selectorHadSa;
        private IpsecSa? _in;
        private IpsecSa? _out;
        private readonly KeyLines _keys = new KeyLines();
        private string? _last; // "dec" or "enc": the SA the next "ah=" line belongs to

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (t.StartsWith("list all ipsec tunnel".AsSpan(), StringComparison.Ordinal) || IsRule(t)) return true;
            if (KeyMaterial.Shows(t)) _keys.Add(line.Number);
            if (t.StartsWith("name=".AsSpan(), StringComparison.Ordinal)) { CloseSelector(context); StartPhase1(line, context); return true; }
            if (_phase1 == null) return false;
            if (t.StartsWith("run_tally=".AsSpan(), StringComparison.Ordinal)) { CloseSelector(context); _phase1 = null; return true; }
            if (t.StartsWith("proxyid=".AsSpan(), StringComparison.Ordinal)) { CloseSelector(context); StartSelector(line); return true; }
            if (t.StartsWith("SA:".AsSpan(), StringComparison.Ordinal)) { FlushPair(context); StartPair(line); return true; }
            if (t.StartsWith("dec:pkts/bytes=".AsSpan(), StringComparison.Ordinal)) { ReadCounters(t, line.Number); return true; }
            if (t.StartsWith("dec:".AsSpan(), StringComparison.Ordinal) || t.StartsWith("enc:".AsSpan(), StringComparison.Ordinal)) { ReadSa(line, context); return true; }
            if (t.StartsWith("ah=".AsSpan(), StringComparison.Ordinal)) { ReadAh(t, line.Number); return true; }
            if (t.StartsWith("src:".AsSpan(), StringComparison.Ordinal) || t.StartsWith("dst:".AsSpan(), StringComparison.Ordinal)) { ReadSelector(t, line.Number); return true; }
            var target = (IpsecSa?)_in ?? _selector ?? _phase1;
            foreach (var p in Prefixes)
                if (t.StartsWith(p.AsSpan(), StringComparison.Ordinal)) { ReadPairs(target, t, line.Number); return true; }
            if (t.IndexOf('=') > 0) { ReadPairs(target, t, line.Number); return true; }
            return false;
        }

        public void Complete(ParseContext context)
        {
            CloseSelector(context);
            _phase1 = null;
            _keys.Report(context, "diagnose vpn tunnel list");
        }

        private static bool IsRule(ReadOnlySpan<char> t)
        {
            if (t.Length < 4) return false;
            foreach (char c in t) if (c != '-') return false;
            return true;
        }

        private void StartPhase1(in CaptureLine line, ParseContext ctx)
        {
            var sa = new IpsecSa { Platform = FarEndSa.FortiOs, Line = line.Number, LastLine = line.Number };
            foreach (var token in line.Text.ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int arrow = token.IndexOf("->", StringComparison.Ordinal);
                int eq = token.IndexOf('=');
                if (arrow > 0 && (eq < 0 || eq > arrow))
                {
                    SplitEndpoint(token.Substring(0, arrow), out var local, out var localPort);
                    SplitEndpoint(token.Substring(arrow + 2), out var remote, out var remotePort);
                    sa.LocalEndpoint = local; sa.LocalAddress = local; sa.LocalEndpointPort = localPort;
                    sa.RemoteEndpoint = remote; sa.Peer = remote; sa.RemoteEndpointPort = remotePort;
                    continue;
                }
                if (eq <= 0) { sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, token, ""); continue; }
                string key = token.Substring(0, eq), value = token.Substring(eq + 1);
                switch (key)
                {
                    case "name": sa.Connection = value; break;
                    case "ver": sa.IkeVersion = value == "2" ? "IKEv2" : value == "1" ? "IKEv1" : value; break;
                    default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value); break;
                }
            }
            _phase1 = sa;
        }

        /// <summary><c>10.0.0.1:0</c> → address and port (IPv6 keeps its colons: the port is after the last one).</summary>
        private static void SplitEndpoint(string text, out string address, out int? port)
        {
            int colon = text.LastIndexOf(':');
            port = null;
            address = text;
            if (colon > 0 && int.TryParse(text.Substring(colon + 1), out int p))
            {
                address = text.Substring(0, colon);
                port = p;
            }
        }

        private void StartSelector(in CaptureLine line)
        {
            var sa = _phase1!.CloneEntry();
            sa.Line = line.Number;
            sa.LastLine = line.Number;
            foreach (var token in line.Text.ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq <= 0) { sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, token, ""); continue; }
                string key = token.Substring(0, eq), value = token.Substring(eq + 1);
                if (key == "proxyid") sa.Tunnel = value;
                else if (key != "sa") sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, "proxyid " + key, value);
            }
            _selector = sa;
            _selectorHadSa = false;
        }

        /// <summary><c>src: 0:192.168.100.0/255.255.255.0:0</c> (protocol:address/mask or range:port).</summary>
        private void ReadSelector(ReadOnlySpan<char> t, int line)
        {
            var target = _selector ?? _phase1!;
            target.LastLine = line;
            bool local = t[0] == 's';
            var value = t.Slice(4).TrimWhiteSpace().ToString();
            int first = value.IndexOf(':'), last = value.LastIndexOf(':');
            if (first < 0 || last == first) { target.OtherSettings = FarEndSa.Append(target.OtherSettings, local ? "src" : "dst", value); return; }
            string address = value.Substring(first + 1, last - first - 1);
            FarEndSa.SetIdent(target, local, address);
            int.TryParse(value.Substring(0, first), out int protocol);
            int.TryParse(value.Substring(last + 1), out int port);
            if (local) { target.LocalIdent = value; target.LocalIdentProtocol = protocol; target.LocalIdentPort = port; }
            else { target.RemoteIdent = value; target.RemoteIdentProtocol = protocol; target.RemoteIdentPort = port; }
        }

        private void StartPair(in CaptureLine line)
        {
            var template = (_selector ?? _phase1!).CloneEntry();
            template.Line = line.Number;
            template.LastLine = line.Number;
            ReadPairs(template, line.Text.Slice(3), line.Number);
            _in = template;
            _out = null;
            _selectorHadSa = true;
        }

        private void ReadSa(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            bool dec = t[0] == 'd';
            _last = dec ? "dec" : "enc";
            if (_in == null) { (_selector ?? _phase1!).OtherSettings = FarEndSa.Append((_selector ?? _phase1!).OtherSettings, _last, "(no SA: line)"); return; }
            if (!dec && _out == null) _out = _in.CloneEntry();
            var sa = dec ? _in : _out!;
            sa.LastLine = line.Number;
            sa.Direction = dec ? SaDirection.Inbound : SaDirection.Outbound;
            foreach (var token in t.Slice(4).ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq <= 0) continue; // the key itself (or the placeholder a publisher put there): never kept
                string key = token.Substring(0, eq), value = token.Substring(eq + 1);
                switch (key)
                {
                    case "spi": FarEndSa.SetHexSpi(sa, value.AsSpan(), ctx, line); break;
                    case "esp": sa.Protocol = "esp"; sa.Transform = value; break;
                    case "key": break; // the key's length; the key follows and is not kept
                    default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value); break;
                }
            }
        }

        /// <summary><c>ah=sha1 key=20 …</c>: the SA's authentication; the key after it is not kept.</summary>
        private void ReadAh(ReadOnlySpan<char> t, int line)
        {
            var sa = _last == "enc" ? _out : _in;
            if (sa == null) return;
            sa.LastLine = line;
            int sp = t.IndexOf(' ');
            var auth = (sp < 0 ? t.Slice(3) : t.Slice(3, sp - 3)).ToString();
            if (auth != "null") sa.Transform = sa.Transform == null ? auth : sa.Transform + " " + auth;
        }

        /// <summary><c>dec:pkts/bytes=2/168, enc:pkts/bytes=6/708</c>: the pair's counters.</summary>
        private void ReadCounters(ReadOnlySpan<char> t, int line)
        {
            if (_in == null) return;
            var text = t.ToString();
            long? decPkts = null, decBytes = null, encPkts = null, encBytes = null;
            foreach (var part in text.Split(','))
            {
                var p = part.Trim();
                int eq = p.IndexOf('=');
                int slash = p.IndexOf('/', eq + 1);
                if (eq < 0 || slash < 0) continue;
                long.TryParse(p.Substring(eq + 1, slash - eq - 1), out long pkts);
                long.TryParse(p.Substring(slash + 1), out long bytes);
                if (p.StartsWith("dec", StringComparison.Ordinal)) { decPkts = pkts; decBytes = bytes; }
                else if (p.StartsWith("enc", StringComparison.Ordinal)) { encPkts = pkts; encBytes = bytes; }
            }
            foreach (var sa in new[] { _in, _out })
            {
                if (sa == null) continue;
                sa.LastLine = line;
                sa.PacketsDecapsulated = decPkts;
                sa.PacketsDecrypted = decPkts;
                sa.PacketsEncapsulated = encPkts;
                sa.PacketsEncrypted = encPkts;
                bool inbound = ReferenceEquals(sa, _in);
                sa.Packets = inbound ? decPkts : encPkts;
                sa.Bytes = inbound ? decBytes : encBytes;
            }
        }

        /// <summary><c>key=value</c> tokens into the record; <c>expire=</c> is the seconds left; <c>natt: mode=</c> says NAT-T.</summary>
        private static void ReadPairs(IpsecSa target, ReadOnlySpan<char> t, int line)
        {
            target.LastLine = line;
            var text = t.ToString();
            string prefix = "";
            int colon = text.IndexOf(':');
            int firstEq = text.IndexOf('=');
            if (colon > 0 && (firstEq < 0 || colon < firstEq)) { prefix = text.Substring(0, colon) + " "; text = text.Substring(colon + 1); }
            foreach (var token in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq <= 0) { target.OtherSettings = FarEndSa.Append(target.OtherSettings, prefix + token, ""); continue; }
                string key = token.Substring(0, eq), value = token.Substring(eq + 1);
                if (prefix == "" && key == "expire") { var n = FarEndSa.FirstNumber(value); if (n != null) target.RemainingSeconds = n; }
                else if (prefix == "natt " && key == "mode") target.NatTraversal = value != "none";
                else if (prefix == "" && key == "mtu" && int.TryParse(value, out int mtu)) target.PathMtu = mtu;
                else if (prefix == "" && key == "replaywin" && int.TryParse(value, out int win)) { target.ReplayWindowSize = win; target.ReplayDetection = win > 0; }
                target.OtherSettings = FarEndSa.Append(target.OtherSettings, prefix + key, value);
            }
        }

        private void FlushPair(ParseContext ctx)
        {
            if (_in != null)
            {
                if (_in.Direction == null) _in.Incomplete = true;
                ctx.Emit(_in);
            }
            if (_out != null) ctx.Emit(_out);
            _in = _out = null;
            _last = null;
        }

        private void CloseSelector(ParseContext ctx)
        {
            FlushPair(ctx);
            if (_selector != null && !_selectorHadSa) ctx.Emit(_selector); // sa=0: the selector without an SA
            _selector = null;
        }
    }
}
