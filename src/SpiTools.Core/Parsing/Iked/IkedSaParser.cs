using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

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
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);
        private static readonly Regex IkeLine = new Regex(
            @"^(?<list>iked_sas|iked_dstid_sas): (?<addr>0x[0-9a-f]+) rspi 0x(?<rspi>[0-9a-f]{1,16}) ispi 0x(?<ispi>[0-9a-f]{1,16}) (?<local>\S+?)->(?<peer>[^\s<\[]+)\S* (?<state>[A-Z_]+) (?<role>[ir])\b(?<rest>.*)$",
            RegexOptions.CultureInvariant, Limit);
        private static readonly Regex ChildLine = new Regex(
            @"^(?<list>sa_childsas|iked_activesas): (?<addr>0x[0-9a-f]+) (?<proto>ESP|AH|IPCOMP) 0x(?<spi>[0-9a-fA-F]{1,8}) (?<dir>in|out) (?<src>\S+) -> (?<dst>\S+) \((?<flags>[A-Z]*)\)(?:.*? P=(?<pair>0x[0-9a-f]+))?(?:.*? @(?<ike>0x[0-9a-f]+))?",
            RegexOptions.CultureInvariant, Limit);
        private static readonly Regex FlowLine = new Regex(
            @"^(?<list>sa_flows|iked_flows): (?<addr>0x[0-9a-f]+) (?<proto>ESP|AH|IPCOMP) (?<dir>in|out) (?<src>\S+) -> (?<dst>\S+) .*?(?:@(?<ike>0x[0-9a-f]+))?\s*$",
            RegexOptions.CultureInvariant, Limit);

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
            Match m;
            if ((m = ChildLine.Match(text)).Success)
            {
                var addr = m.Groups["addr"].Value;
                if (_childByAddr.ContainsKey(addr)) return true; // listed again under iked_activesas
                var c = new Child
                {
                    Addr = addr, Proto = m.Groups["proto"].Value, Spi = m.Groups["spi"].Value, Dir = m.Groups["dir"].Value,
                    Src = m.Groups["src"].Value, Dst = m.Groups["dst"].Value, Flags = m.Groups["flags"].Value,
                    Pair = m.Groups["pair"].Success ? m.Groups["pair"].Value : null, Ike = m.Groups["ike"].Success ? m.Groups["ike"].Value : null,
                    Line = line.Number,
                };
                _childByAddr[addr] = c;
                _children.Add(c);
                return true;
            }
            if ((m = FlowLine.Match(text)).Success)
            {
                if (!_flowAddrs.Add(m.Groups["addr"].Value)) return true;
                var ike = m.Groups["ike"].Success ? m.Groups["ike"].Value : "";
                if (!_flows.TryGetValue(ike, out var f)) _flows[ike] = f = (new List<string>(), new List<string>());
                // The outbound flow goes from this end's networks to the peer's.
                bool outbound = m.Groups["dir"].Value == "out";
                Add(f.Local, outbound ? m.Groups["src"].Value : m.Groups["dst"].Value);
                Add(f.Remote, outbound ? m.Groups["dst"].Value : m.Groups["src"].Value);
                return true;
            }
            if ((m = IkeLine.Match(text)).Success)
            {
                var addr = m.Groups["addr"].Value;
                if (_ikeByAddr.ContainsKey(addr)) return true; // listed again under iked_dstid_sas
                var (local, localPort) = FarEndText.Endpoint(m.Groups["local"].Value);
                var (peer, peerPort) = FarEndText.Endpoint(m.Groups["peer"].Value);
                bool initiator = m.Groups["role"].Value == "i";
                var ike = new IkeSa
                {
                    Platform = "iked",
                    Line = line.Number,
                    LastLine = line.Number,
                    IkeVersion = "IKEv2",
                    State = m.Groups["state"].Value,
                    Role = initiator ? IkeRole.Initiator : IkeRole.Responder,
                    LocalAddress = local,
                    LocalPort = localPort,
                    Peer = peer,
                    PeerPort = peerPort,
                    LocalSpi = (initiator ? m.Groups["ispi"] : m.Groups["rspi"]).Value.PadLeft(16, '0'),
                    RemoteSpi = (initiator ? m.Groups["rspi"] : m.Groups["ispi"]).Value.PadLeft(16, '0'),
                    OtherFields = "sa=" + addr + ";status=" + m.Groups["rest"].Value.Trim(),
                };
                _ikeByAddr[addr] = ike;
                _ikes.Add(ike);
                return true;
            }
            return false;
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
