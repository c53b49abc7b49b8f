using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>get vpn ipsec tunnel details</c> / <c>name</c> by its words, so lost indentation does not matter:
    /// <c>gateway</c> opens a phase 1 (<c>name:</c> is <see cref="IpsecSa.Connection"/>, <c>local-gateway:</c>, <c>remote-gateway:</c>,
    /// <c>mode: ike-v2</c>, <c>rx</c> / <c>tx packets</c>), <c>selectors</c> a phase 2 (<c>name:</c> is <see cref="IpsecSa.Tunnel"/>,
    /// <c>src:</c>, <c>dst:</c>), <c>SA</c> a pair whose <c>inbound</c> and <c>outbound</c> parts give <c>spi:</c>; the
    /// <c>enc:</c> / <c>auth:</c> lines give the algorithms, and the keys printed after them are never kept.
    /// </summary>
    internal sealed class FortiOsIpsecTunnelParser : ISectionParser
    {
        private IpsecSa? _gateway;
        private IpsecSa? _selector;
        private IpsecSa? _pair;
        private IpsecSa? _in;
        private IpsecSa? _out;
        private IpsecSa? _side;
        private readonly KeyLines _keys = new KeyLines();

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (KeyMaterial.Shows(t)) _keys.Add(line.Number);
            var word = t.ToString();
            switch (word)
            {
                case "gateway":
                    Flush(context, all: true);
                    _gateway = new IpsecSa { Platform = FarEndSa.FortiOs, Line = line.Number, LastLine = line.Number };
                    return true;
                case "selectors":
                    if (_gateway == null) return false;
                    Flush(context, all: false);
                    _selector = _gateway.CloneEntry();
                    _selector.Line = _selector.LastLine = line.Number;
                    return true;
                case "SA":
                    if (_selector == null) return false;
                    FlushPair(context);
                    _pair = _selector.CloneEntry();
                    _pair.Line = _pair.LastLine = line.Number;
                    return true;
                case "inbound":
                case "outbound":
                    if (_pair == null) return false;
                    var sa = _pair.CloneEntry();
                    sa.Line = sa.LastLine = line.Number;
                    sa.Direction = word == "inbound" ? SaDirection.Inbound : SaDirection.Outbound;
                    if (word == "inbound") _in = sa; else _out = sa;
                    _side = sa;
                    return true;
            }
            var target = _side ?? _pair ?? _selector ?? _gateway;
            if (target == null) return false;
            int colon = word.IndexOf(':');
            if (colon <= 0) return false;
            target.LastLine = line.Number;
            string key = word.Substring(0, colon).Trim();
            string value = word.Substring(colon + 1).Trim();
            Set(target, key, value, context, line);
            return true;
        }

        public void Complete(ParseContext context)
        {
            Flush(context, all: true);
            _keys.Report(context, "get vpn ipsec tunnel");
        }

        private void Set(IpsecSa sa, string key, string value, ParseContext ctx, in CaptureLine line)
        {
            bool inSelector = _selector != null;
            switch (key)
            {
                case "name":
                    var name = value.Trim('\'');
                    if (inSelector) sa.Tunnel = name; else sa.Connection = name;
                    break;
                case "local-gateway":
                    Endpoint(value, out var local, out var localPort);
                    sa.LocalEndpoint = local; sa.LocalAddress = local; sa.LocalEndpointPort = localPort;
                    break;
                case "remote-gateway":
                    Endpoint(value, out var remote, out var remotePort);
                    sa.RemoteEndpoint = remote; sa.Peer = remote; sa.RemoteEndpointPort = remotePort;
                    break;
                case "mode":
                    if (value.StartsWith("ike-v", StringComparison.OrdinalIgnoreCase)) sa.IkeVersion = "IKEv" + value.Substring(5);
                    else if (inSelector) sa.Mode = value.Length > 0 ? char.ToUpperInvariant(value[0]) + value.Substring(1) : value;
                    else sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value);
                    break;
                case "interface": sa.Interface = value.Split(' ')[0].Trim('\''); break;
                case "rx  packets":
                case "rx packets":
                    sa.PacketsDecapsulated = FarEndSa.FirstNumber(value);
                    sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, "rx", value);
                    break;
                case "tx  packets":
                case "tx packets":
                    sa.PacketsEncapsulated = FarEndSa.FirstNumber(value);
                    sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, "tx", value);
                    break;
                case "src":
                case "dst":
                    bool isLocal = key == "src";
                    int first = value.IndexOf(':'), last = value.LastIndexOf(':');
                    if (first >= 0 && last > first) FarEndSa.SetIdent(sa, isLocal, value.Substring(first + 1, last - first - 1));
                    if (isLocal) sa.LocalIdent = value; else sa.RemoteIdent = value;
                    break;
                case "lifetime/rekey":
                    int slash = value.IndexOf('/');
                    if (slash > 0 && long.TryParse(value.Substring(slash + 1).Trim(), out long rekey)) sa.RemainingSeconds = rekey;
                    sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value);
                    break;
                case "mtu":
                    if (int.TryParse(value, out int mtu)) sa.PathMtu = mtu;
                    break;
                case "spi": FarEndSa.SetHexSpi(sa, value.AsSpan(), ctx, line); break;
                case "enc":
                case "auth":
                    // "enc:  aes-gc  <key>": the algorithm only; the key is never kept.
                    var algorithm = value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (algorithm.Length > 0 && algorithm[0] != "null")
                    {
                        sa.Protocol = "esp";
                        sa.Transform = sa.Transform == null ? algorithm[0] : sa.Transform + " " + algorithm[0];
                    }
                    break;
                case "replay":
                    sa.ReplayDetection = value.StartsWith("enable", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    if (KeyMaterial.Shows(value.AsSpan())) break;
                    sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value);
                    break;
            }
        }

        /// <summary><c>10.0.0.2:0 (static)</c> → address and port.</summary>
        private static void Endpoint(string value, out string address, out int? port)
        {
            var text = value.Split(' ')[0];
            int colon = text.LastIndexOf(':');
            port = null;
            address = text;
            if (colon > 0 && int.TryParse(text.Substring(colon + 1), out int p)) { address = text.Substring(0, colon); port = p; }
        }

        private void FlushPair(ParseContext ctx)
        {
            if (_in != null) ctx.Emit(_in);
            if (_out != null) ctx.Emit(_out);
            if (_pair != null && _in == null && _out == null) { _pair.Incomplete = true; ctx.Emit(_pair); }
            _pair = _in = _out = _side = null;
        }

        private void Flush(ParseContext ctx, bool all)
        {
            FlushPair(ctx);
            _selector = null;
            if (all) _gateway = null;
        }
    }
}
