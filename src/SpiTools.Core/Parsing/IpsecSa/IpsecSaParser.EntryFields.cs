using System;

namespace SpiTools.Parsing
{
    // The entry's own lines: crypto map tag, peer, endpoints, MTUs, current SPIs, PFS and flags.
    internal sealed partial class IpsecSaParser
    {
        private bool ParseFlags(ReadOnlySpan<char> t)
        {
            SeenIos();
            int open = t.IndexOf('{'), close = t.LastIndexOf('}');
            Entry().Flags = open >= 0 && close > open ? NullIfEmpty(t.Slice(open + 1, close - open - 1).TrimWhiteSpace().TrimEnd(',').TrimWhiteSpace()) : t.ToString();
            return true;
        }

        private void ParseCryptoMapTag(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            _cryptoMap = null; _seq = null; _localAddress = null;
            var rest = t.Slice("Crypto map tag:".Length);
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (_cryptoMap == null) _cryptoMap = _pool.Get(part);
                else if (part.StartsWithIgnoreCase("seq num")) _seq = ParseText.Int32OrReport(AfterKey(part, "seq num"), ctx, line, "seq num");
                else if (part.StartsWithIgnoreCase(LocalAddrKey))
                {
                    // ASA prints "local addr: A", IOS "local addr A".
                    if (part.Length > LocalAddrKey.Length && part[LocalAddrKey.Length] != ':') SeenIos();
                    _localAddress = _pool.Get(AfterKey(part, LocalAddrKey));
                    CheckRedacted(_localAddress, line, ctx);
                }
            }
        }

        private void ParsePeer(ReadOnlySpan<char> rest, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            rest = rest.TrimWhiteSpace();
            // ASA "current_peer: P"; IOS "current_peer P port 500", where P may be the IPv6 "::".
            if (!rest.IsEmpty && rest[0] == ':' && (rest.Length == 1 || rest[1] != ':')) rest = rest.Slice(1).TrimWhiteSpace();
            // ASA: "P[, username: U]"; IOS: "P port 500"
            int comma = rest.IndexOf(',');
            var peer = comma >= 0 ? rest.Slice(0, comma).TrimWhiteSpace() : rest;
            int portAt = peer.IndexOfIgnoreCase(PortKey);
            if (portAt > 0)
            {
                SeenIos();
                e.PeerPort = ParseText.Int32OrReport(peer.Slice(portAt + PortKey.Length), ctx, line, "peer port");
                peer = peer.Slice(0, portAt).TrimWhiteSpace();
            }
            e.Peer = _pool.Get(peer);
            CheckRedacted(e.Peer, line, ctx);
            if (comma >= 0)
            {
                var tail = rest.Slice(comma + 1).TrimWhiteSpace();
                if (tail.StartsWithIgnoreCase("username")) e.Username = AfterKey(tail, "username").ToString();
                else AppendOther(e, tail);
            }
        }

        private bool ParseEndpoints(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            bool any = false;
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                int colon = part.IndexOf(':');
                if (colon < 0) continue;
                bool local = part.StartsWithIgnoreCase("local");
                var value = part.Slice(colon + 1).TrimWhiteSpace();
                int? port = null;
                int slash = value.LastIndexOf('/');
                if (slash > 0 && SpanNumber.TryParseInt32(value.Slice(slash + 1), out int p))
                {
                    port = p;
                    value = value.Slice(0, slash);
                }
                string addr = _pool.Get(value);
                CheckRedacted(addr, line, ctx);
                if (local) { e.LocalEndpoint = addr; e.LocalEndpointPort = port; }
                else { e.RemoteEndpoint = addr; e.RemoteEndpointPort = port; }
                any = true;
            }
            return any;
        }

        private bool ParseMtuLine(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                char c0 = (char)(part[0] | 0x20);
                if (c0 != 'p' && c0 != 'i' && c0 != 'm') AppendOther(e, part);
                else if (part.StartsWithIgnoreCase(PathMtuKey)) e.PathMtu = ParseText.Int32OrReport(part.Slice(PathMtuKey.Length), ctx, line, "path mtu");
                else if (part.StartsWithIgnoreCase(IpsecOverheadKey))
                {
                    var v = part.Slice(IpsecOverheadKey.Length).TrimWhiteSpace();
                    int paren = v.IndexOf('(');
                    if (paren > 0)
                    {
                        AppendOther(e, "ipsec overhead".AsSpan(), v);
                        v = v.Slice(0, paren);
                    }
                    e.IpsecOverhead = ParseText.Int32OrReport(v, ctx, line, "ipsec overhead");
                }
                else if (part.StartsWithIgnoreCase(MediaMtuKey)) e.MediaMtu = ParseText.Int32OrReport(part.Slice(MediaMtuKey.Length), ctx, line, "media mtu");
                else if (part.StartsWithIgnoreCase(PlaintextMtuKey)) { SeenIos(); e.PlaintextMtu = ParseText.Int32OrReport(part.Slice(PlaintextMtuKey.Length), ctx, line, "plaintext mtu"); }
                else if (part.StartsWithIgnoreCase(IpMtuIdbKey)) e.IpMtuInterface = part.Slice(IpMtuIdbKey.Length).TrimWhiteSpace().ToString();
                else if (part.StartsWithIgnoreCase(Ipv6MtuIdbKey)) e.IpMtuInterface = part.Slice(Ipv6MtuIdbKey.Length).TrimWhiteSpace().ToString();
                else if (part.StartsWithIgnoreCase(IpMtuKey)) e.IpMtu = ParseText.Int32OrReport(part.Slice(IpMtuKey.Length), ctx, line, "ip mtu");
                else if (part.StartsWithIgnoreCase(Ipv6MtuKey)) e.IpMtu = ParseText.Int32OrReport(part.Slice(Ipv6MtuKey.Length), ctx, line, "ipv6 mtu");
                else AppendOther(e, part);
            }
            return true;
        }

        private string? ParseCurrentSpi(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            Touch(line);
            int colon = t.IndexOf(':');
            if (colon < 0) return null;
            var v = t.Slice(colon + 1).TrimWhiteSpace();
            long? printed = null;
            int paren = v.IndexOf('(');
            if (paren > 0)
            {
                SeenIos();
                int close = v.IndexOf(')');
                if (close > paren && SpanNumber.TryParseInt64(v.Slice(paren + 1, close - paren - 1), out long d)) printed = d;
                v = v.Slice(0, paren).TrimWhiteSpace();
            }
            else if (!v.StartsWithIgnoreCase("0x"))
            {
                SeenAsa();
            }
            var spi = ParseText.HexOrReport(v, ctx, line, "current spi", out long? value);
            if (printed.HasValue && value.HasValue && printed.Value != value.Value)
                ctx.Report(DiagnosticCodes.SpiDecimalMismatch, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"the hex {spi} is {value} but {printed} is printed beside it; the hex is kept");
            return spi;
        }

        private void ParsePfsLine(ReadOnlySpan<char> t)
        {
            var e = Entry();
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                int colon = part.IndexOf(':');
                if (colon < 0) continue;
                var key = part.Slice(0, colon).TrimWhiteSpace();
                var value = part.Slice(colon + 1).TrimWhiteSpace();
                if (key.StartsWithIgnoreCase("PFS")) e.Pfs = value.StartsWithIgnoreCase("Y");
                else if (key.StartsWithIgnoreCase("DH group")) e.DhGroup = value.ToString();
                else AppendOther(e, part);
            }
        }
    }
}
