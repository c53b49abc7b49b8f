using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads libreswan's <c>ipsec status</c> / <c>ipsec showstates</c>. Connection lines
    /// (<c>"conn": 192.0.2.0/24===192.1.2.23&lt;…&gt;[@east]...192.1.2.45&lt;…&gt;[@west]===192.0.1.0/24; …</c>) give each
    /// connection's ends and subnets, <c>ike_life: …; ipsec_life: 28800s</c> its lifetimes; state lines
    /// (<c>#2: "conn":500 STATE_QUICK_R2 (IPsec SA established); EVENT_SA_REPLACE in 28526s; … isakmp#1</c>) the IKE
    /// and Child SAs; a state's SA line (<c>#2: "conn" esp.5a1d4b8@192.1.2.45 esp.e6f33a08@192.1.2.23 … Traffic: ESPin=84B
    /// ESPout=84B</c>) its SPIs: the first, at the peer's address, is outbound, the second, at this end's, inbound.
    /// SPIs are printed without leading zeros (7 hex digits and fewer are normal); a SPI the output hides (libreswan's
    /// test harness writes <c>ESPSPIi</c>) is reported and left empty. Every other line is the daemon's state: read and left.
    /// </summary>
    internal sealed class LibreswanStatusParser : ISectionParser
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);
        private static readonly Regex Conn = new Regex(@"^""(?<name>[^""]+)""(?<inst>\[\d+\])?:\s+(?<body>.*)$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex State = new Regex(@"^#(?<n>\d+): ""(?<name>[^""]+)""(?<inst>\[\d+\])?(?<rest>.*)$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex Said = new Regex(@"(?<p>esp|ah|comp)\.(?<spi>[^@\s]+)@(?<addr>\S+)", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex Traffic = new Regex(@"(?<p>ESP|AH|IPCOMP)(?<dir>in|out)=(?<v>[0-9]+[KMG]?B?)", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex StateName = new Regex(@"\b(?:STATE_)?(?<s>[A-Z0-9]+(?:_[A-Z0-9]+)+)\b", RegexOptions.CultureInvariant, Limit);

        private sealed class ConnInfo
        {
            public string? LocalSubnet, RemoteSubnet, LocalAddress, RemoteAddress;
            public long? IpsecLife, IkeLife;
        }

        private sealed class StateInfo
        {
            public string? State, Ike;
            public long? Rekey;
            public bool Child;
        }

        private readonly Dictionary<string, ConnInfo> _conns = new Dictionary<string, ConnInfo>(StringComparer.Ordinal);
        private readonly Dictionary<string, StateInfo> _states = new Dictionary<string, StateInfo>(StringComparer.Ordinal);
        private int _mode; // 0 unknown, 1 "000 " prefixed, 2 not

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var body = LibreswanText.Unprefixed(line.Text, out bool prefixed);
            if (_mode == 0) _mode = prefixed ? 1 : 2;
            if (_mode == 1 && !prefixed) return false;
            if (body.IsEmpty) return true;
            var text = body.ToString();
            if (text[0] == '"') ReadConnection(text);
            else if (text[0] == '#' && LibreswanText.IsStateLine(body)) ReadState(text, line, context);
            return true;
        }

        public void Complete(ParseContext context) { }

        private void ReadConnection(string text)
        {
            var m = Conn.Match(text);
            if (!m.Success) return;
            var key = m.Groups["name"].Value + m.Groups["inst"].Value;
            if (!_conns.TryGetValue(key, out var c)) _conns[key] = c = new ConnInfo();
            var b = m.Groups["body"].Value;
            if (b.StartsWith("ike_life:", StringComparison.Ordinal))
            {
                c.IkeLife = FarEndText.SecondsAfter(b.Replace(';', ','), "ike_life: ");
                c.IpsecLife = FarEndText.SecondsAfter(b.Replace(';', ','), "ipsec_life: ");
                return;
            }
            int semi = b.IndexOf(';');
            var topology = semi >= 0 ? b.Substring(0, semi) : b;
            int dots = Ends(topology);
            if (dots < 0) return;
            ReadEnd(topology.Substring(0, dots), true, out c.LocalSubnet, out c.LocalAddress);
            ReadEnd(topology.Substring(dots + 3), false, out c.RemoteSubnet, out c.RemoteAddress);
        }

        /// <summary>Where <c>...</c> divides the two ends, outside the ids' brackets.</summary>
        private static int Ends(string t)
        {
            int depth = 0;
            for (int i = 0; i + 2 < t.Length; i++)
            {
                if (t[i] == '[') depth++;
                else if (t[i] == ']') depth--;
                else if (depth == 0 && t[i] == '.' && t[i + 1] == '.' && t[i + 2] == '.') return i;
            }
            return -1;
        }

        /// <summary><c>192.0.2.0/24===192.1.2.23&lt;…&gt;[id]---nexthop</c> (local) or <c>192.1.2.45&lt;…&gt;[id]===192.0.1.0/24</c> (remote).</summary>
        private static void ReadEnd(string end, bool local, out string? subnet, out string? address)
        {
            subnet = null;
            string host = end;
            if (local)
            {
                int eq = end.IndexOf("===", StringComparison.Ordinal);
                if (eq >= 0 && end.IndexOf('[') is int br && (br < 0 || eq < br)) { subnet = end.Substring(0, eq); host = end.Substring(eq + 3); }
            }
            else
            {
                int eq = end.LastIndexOf("===", StringComparison.Ordinal);
                if (eq >= 0 && end.LastIndexOf(']') < eq) { subnet = end.Substring(eq + 3); host = end.Substring(0, eq); }
            }
            int stop = host.IndexOfAny(new[] { '<', '[', '-', ',' });
            address = (stop >= 0 ? host.Substring(0, stop) : host).Trim();
            if (address.Length == 0 || address == "%any") address = null;
        }

        private void ReadState(string text, in CaptureLine line, ParseContext ctx)
        {
            var m = State.Match(text);
            if (!m.Success) return;
            string n = m.Groups["n"].Value;
            string connKey = m.Groups["name"].Value + m.Groups["inst"].Value;
            string rest = m.Groups["rest"].Value;
            _conns.TryGetValue(connKey, out var conn);
            if (rest.IndexOf('@') > 0 && Said.IsMatch(rest))
            {
                EmitChild(n, m.Groups["name"].Value, connKey, conn, rest, line, ctx);
                return;
            }
            var sm = StateName.Match(rest);
            var info = new StateInfo
            {
                State = sm.Success ? sm.Groups["s"].Value : null,
                Rekey = FarEndText.SecondsAfter(rest.Replace(';', ','), "EVENT_SA_REPLACE in ") ?? FarEndText.SecondsAfter(rest.Replace(';', ','), "REKEY in ")
                        ?? FarEndText.SecondsAfter(rest.Replace(';', ','), "EVENT_SA_EXPIRE in "),
            };
            int isakmp = rest.IndexOf("isakmp#", StringComparison.Ordinal);
            info.Child = isakmp >= 0 || rest.IndexOf("newest IPSEC", StringComparison.Ordinal) >= 0 || rest.IndexOf("CHILD_SA", StringComparison.Ordinal) >= 0 || rest.IndexOf("QUICK", StringComparison.Ordinal) >= 0;
            if (isakmp >= 0)
            {
                int e = isakmp + 7;
                while (e < rest.Length && char.IsDigit(rest[e])) e++;
                info.Ike = "#" + rest.Substring(isakmp + 7, e - isakmp - 7);
            }
            _states[n] = info;
            if (info.Child) return;
            ctx.Emit(new IkeSa
            {
                Platform = "libreswan",
                Line = line.Number,
                LastLine = line.Number,
                TunnelId = "#" + n,
                State = info.State,
                IkeVersion = info.State == null ? null : info.State.StartsWith("V2_", StringComparison.Ordinal) || info.State.IndexOf("IKE_SA", StringComparison.Ordinal) >= 0 || info.State.StartsWith("PARENT", StringComparison.Ordinal) ? "IKEv2"
                    : info.State.StartsWith("MAIN", StringComparison.Ordinal) || info.State.StartsWith("AGGR", StringComparison.Ordinal) ? "IKEv1" : null,
                Peer = conn?.RemoteAddress,
                LocalAddress = conn?.LocalAddress,
                LifetimeSeconds = conn?.IkeLife,
                RemainingSeconds = info.Rekey,
                OtherFields = "name=" + connKey + ";status=" + rest.Trim(),
            });
        }

        private void EmitChild(string n, string name, string connKey, ConnInfo? conn, string rest, in CaptureLine line, ParseContext ctx)
        {
            _states.TryGetValue(n, out var st);
            var c = new FarEndChildSa("libreswan", line.Number)
            {
                Connection = connKey,
                Tunnel = name,
                TunnelId = "#" + n,
                State = st?.State,
                RekeySeconds = st?.Rekey,
                LocalEndpoint = conn?.LocalAddress,
                RemoteEndpoint = conn?.RemoteAddress,
                LocalSelectors = conn?.LocalSubnet,
                RemoteSelectors = conn?.RemoteSubnet,
                Mode = rest.IndexOf(" tun.", StringComparison.Ordinal) >= 0 ? "Tunnel" : "Transport",
            };
            string? protocol = null;
            bool firstSeen = false;
            foreach (Match s in Said.Matches(rest))
            {
                var p = s.Groups["p"].Value;
                if (p == "comp") continue;
                if (protocol != null && p != protocol) continue;
                protocol = p;
                var addr = s.Groups["addr"].Value;
                // The SA at the peer's address is the one this end sends with; else the first printed.
                bool outbound = conn?.RemoteAddress != null ? addr == conn.RemoteAddress : !firstSeen;
                if (conn?.RemoteAddress != null && addr != conn.RemoteAddress && addr != conn.LocalAddress) outbound = !firstSeen;
                firstSeen = true;
                var half = outbound ? c.Out : c.In;
                var spi = s.Groups["spi"].Value;
                if (!FarEndChildSa.SetSpi(half, spi.AsSpan(), line.Number))
                    ctx.Report(DiagnosticCodes.RedactedValue, DiagnosticSeverity.Info, line.Number, line.Raw,
                        $"the {(outbound ? "outbound" : "inbound")} SPI is hidden ('{spi}'); the SA is kept without it");
            }
            c.Protocol = protocol ?? "esp";
            foreach (Match t in Traffic.Matches(rest))
            {
                var half = t.Groups["dir"].Value == "in" ? c.In : c.Out;
                half.Bytes = LibreswanText.Bytes(t.Groups["v"].Value);
            }
            c.Emit(ctx);
        }
    }
}
