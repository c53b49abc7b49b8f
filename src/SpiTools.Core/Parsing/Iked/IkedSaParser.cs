using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>ikectl show sa</c>. <c>iked_sas: 0x… rspi 0x… ispi 0x… local:port-&gt;peer:port STATE r|i …</c> is an IKE SA
    /// (its rspi / ispi are 64-bit IKE SPIs, never IPsec SPIs); <c>sa_childsas: 0xADDR ESP 0xSPI in|out src -&gt; dst (flags)
    /// … P=0xPAIR @0xIKE</c> one child SA, paired with the other direction by <c>P=</c>; <c>sa_flows: … ESP out A -&gt; B …</c>
    /// the IKE SA's traffic selectors. <c>iked_activesas</c>, <c>iked_flows</c> and <c>iked_dstid_sas</c> list the same SAs
    /// again: read, and not counted twice. The records are handed out when the output ends (pairs are known only then).
    /// </summary>
    internal sealed class IkedSaParser : ISectionParser
    {
        private sealed class Child
        {
            public string Addr = "", Proto = "", Spi = "", Dir = "", Src = "", Dst = "", Flags = "";
            public string? Pair, Ike;
            public int Line;
        }

        private readonly List<IkeSa> _ikes = new List<IkeSa>();
        private readonly Dictionary<string, IkeSa> _ikeByAddr = new Dictionary<string, IkeSa>(StringComparer.Ordinal);
        private readonly List<Child> _children = new List<Child>();
        private readonly Dictionary<string, Child> _childByAddr = new Dictionary<string, Child>(StringComparer.Ordinal);
        private readonly Dictionary<string, (List<string> Local, List<string> Remote)> _flows = new Dictionary<string, (List<string>, List<string>)>(StringComparer.Ordinal);
        private readonly HashSet<string> _flowAddrs = new HashSet<string>(StringComparer.Ordinal);

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text.ToString();
            var w = FarEndText.Words(text);
            if (w.Length < 2 || !w[1].StartsWith("0x", StringComparison.Ordinal)) return false;
            switch (w[0])
            {
                // sa_childsas: 0xADDR ESP 0xSPI in SRC -> DST (FLAGS) B=0x0 P=0xPAIR @0xIKE
                case "sa_childsas:":
                case "iked_activesas:":
                {
                    if (w.Length < 8 || !IsProtocol(w[2]) || (w[4] != "in" && w[4] != "out") || w[6] != "->") return false;
                    var spi = w[3].StartsWith("0x", StringComparison.Ordinal) ? w[3].Substring(2) : "";
                    if (spi.Length == 0 || spi.Length > 8 || !FarEndText.IsHex(spi)) return false;
                    var addr = w[1];
                    if (_childByAddr.ContainsKey(addr)) return true; // listed again under iked_activesas
                    var c = new Child
                    {
                        Addr = addr, Proto = w[2], Spi = spi, Dir = w[4], Src = w[5], Dst = w[7],
                        Flags = w.Length > 8 && w[8].StartsWith("(", StringComparison.Ordinal) ? w[8].Trim('(', ')') : "",
                        Pair = Value(w, "P="), Ike = Value(w, "@"), Line = line.Number,
                    };
                    _childByAddr[addr] = c;
                    _children.Add(c);
                    return true;
                }
                // sa_flows: 0xADDR ESP out A -> B [0]@-1 (L) @0xIKE
                case "sa_flows:":
                case "iked_flows:":
                {
                    if (w.Length < 7 || !IsProtocol(w[2]) || (w[3] != "in" && w[3] != "out") || w[5] != "->") return false;
                    if (!_flowAddrs.Add(w[1])) return true;
                    var ike = Value(w, "@") ?? "";
                    if (!_flows.TryGetValue(ike, out var f)) _flows[ike] = f = (new List<string>(), new List<string>());
                    // The outbound flow goes from this end's networks to the peer's.
                    bool outbound = w[3] == "out";
                    Add(f.Local, outbound ? w[4] : w[6]);
                    Add(f.Remote, outbound ? w[6] : w[4]);
                    return true;
                }
                // iked_sas: 0xADDR rspi 0x… ispi 0x… LOCAL:PORT->PEER:PORT STATE r|i …
                case "iked_sas:":
                case "iked_dstid_sas:":
                {
                    if (w.Length < 9 || w[2] != "rspi" || w[4] != "ispi") return false;
                    var rspi = w[3].StartsWith("0x", StringComparison.Ordinal) ? w[3].Substring(2) : "";
                    var ispi = w[5].StartsWith("0x", StringComparison.Ordinal) ? w[5].Substring(2) : "";
                    int arrow = w[6].IndexOf("->", StringComparison.Ordinal);
                    if (!FarEndText.IsHex(rspi) || !FarEndText.IsHex(ispi) || arrow <= 0 || (w[8] != "i" && w[8] != "r")) return false;
                    var addr = w[1];
                    if (_ikeByAddr.ContainsKey(addr)) return true; // listed again under iked_dstid_sas
                    var peerText = w[6].Substring(arrow + 2);
                    int idStart = peerText.IndexOfAny(new[] { '<', '[' });
                    if (idStart > 0) peerText = peerText.Substring(0, idStart);
                    var (local, localPort) = FarEndText.Endpoint(w[6].Substring(0, arrow));
                    var (peer, peerPort) = FarEndText.Endpoint(peerText);
                    bool initiator = w[8] == "i";
                    var ike = new IkeSa
                    {
                        Platform = "iked",
                        Line = line.Number,
                        LastLine = line.Number,
                        IkeVersion = "IKEv2",
                        State = w[7],
                        Role = initiator ? IkeRole.Initiator : IkeRole.Responder,
                        LocalAddress = local,
                        LocalPort = localPort,
                        Peer = peer,
                        PeerPort = peerPort,
                        LocalSpi = (initiator ? ispi : rspi).PadLeft(16, '0'),
                        RemoteSpi = (initiator ? rspi : ispi).PadLeft(16, '0'),
                        OtherFields = "sa=" + addr + ";status=" + string.Join(" ", w.Skip(9)),
                    };
                    _ikeByAddr[addr] = ike;
                    _ikes.Add(ike);
                    return true;
                }
            }
            return false;
        }

        private static bool IsProtocol(string p) => p == "ESP" || p == "AH" || p == "IPCOMP";

        /// <summary>The value of the word starting with <paramref name="prefix"/> (<c>P=0x…</c>, <c>@0x…</c>), or null.</summary>
        private static string? Value(string[] words, string prefix)
        {
            for (int i = words.Length - 1; i >= 2; i--)
                if (words[i].StartsWith(prefix + "0x", StringComparison.Ordinal)) return words[i].Substring(prefix.Length);
            return null;
        }

        private static void Add(List<string> list, string value)
        {
            if (!list.Contains(value)) list.Add(value);
        }

        public void Complete(ParseContext context)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            var counts = new Dictionary<IkeSa, List<string>>();
            foreach (var c in _children)
            {
                if (!done.Add(c.Addr)) continue;
                Child? pair = c.Pair != null && _childByAddr.TryGetValue(c.Pair, out var p) && done.Add(p.Addr) ? p : null;
                var inbound = c.Dir == "in" ? c : pair?.Dir == "in" ? pair : null;
                var outbound = c.Dir == "out" ? c : pair?.Dir == "out" ? pair : null;
                IkeSa? ike = c.Ike != null && _ikeByAddr.TryGetValue(c.Ike, out var i) ? i : null;
                var sa = new FarEndChildSa("iked", Math.Min(c.Line, pair?.Line ?? c.Line))
                {
                    LastLine = Math.Max(c.Line, pair?.Line ?? c.Line),
                    Protocol = c.Proto.ToLowerInvariant(),
                    IkeVersion = "IKEv2",
                    Mode = "Tunnel",
                    State = c.Flags.IndexOf('A') >= 0 || pair?.Flags.IndexOf('A') >= 0 ? "active" : c.Flags.IndexOf('L') >= 0 ? "loaded" : null,
                };
                // Endpoints: the outbound SA goes from this end to the peer.
                if (outbound != null)
                {
                    (sa.LocalEndpoint, sa.LocalPort) = FarEndText.Endpoint(outbound.Src);
                    (sa.RemoteEndpoint, sa.RemotePort) = FarEndText.Endpoint(outbound.Dst);
                }
                else if (inbound != null)
                {
                    (sa.LocalEndpoint, sa.LocalPort) = FarEndText.Endpoint(inbound.Dst);
                    (sa.RemoteEndpoint, sa.RemotePort) = FarEndText.Endpoint(inbound.Src);
                }
                if (ike != null)
                {
                    sa.LocalEndpoint = ike.LocalAddress ?? sa.LocalEndpoint;
                    sa.RemoteEndpoint = ike.Peer ?? sa.RemoteEndpoint;
                    sa.NatTraversal = ike.PeerPort == 4500 || ike.LocalPort == 4500;
                }
                if (_flows.TryGetValue(c.Ike ?? "", out var flows))
                {
                    sa.LocalSelectors = string.Join(" ", flows.Local);
                    sa.RemoteSelectors = string.Join(" ", flows.Remote);
                }
                if (inbound != null) FarEndChildSa.SetSpi(sa.In, inbound.Spi.AsSpan(), inbound.Line);
                if (outbound != null) FarEndChildSa.SetSpi(sa.Out, outbound.Spi.AsSpan(), outbound.Line);
                sa.Emit(context);
                if (ike != null)
                {
                    if (!counts.TryGetValue(ike, out var list)) counts[ike] = list = new List<string>();
                    list.Add($"{sa.In.Spi}/{sa.Out.Spi}");
                    ike.LastLine = Math.Max(ike.LastLine, sa.LastLine);
                }
            }
            foreach (var ike in _ikes)
            {
                if (counts.TryGetValue(ike, out var list))
                {
                    ike.ChildSaCount = list.Count;
                    ike.ChildSpis = string.Join(";", list);
                }
                else ike.ChildSaCount = 0;
                context.Emit(ike);
            }
        }
    }
}
