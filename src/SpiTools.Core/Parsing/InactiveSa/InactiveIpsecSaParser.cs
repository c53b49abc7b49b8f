using System;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Entry lines (<c>interface:</c>, <c>Crypto map tag:</c>, <c>access-list</c>, idents, <c>current_peer</c>) set the context;
    /// each <c>Inactive inbound|outbound SA: SPI: 0x…, state: dead, reason: …</c> line is one record, handed out at once.
    /// </summary>
    internal sealed class InactiveIpsecSaParser : ISectionParser
    {
        private string? _interface, _map, _local, _peer, _acl, _localIdent, _remoteIdent;
        private int? _seq;
        private readonly StringBuilder _entryOther = new StringBuilder();

        internal static bool IsInactiveLine(ReadOnlySpan<char> t) =>
            t.StartsWithIgnoreCase("Inactive inbound SA") || t.StartsWithIgnoreCase("Inactive outbound SA");

        public bool Accept(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            string s = t.ToString();
            if (IsInactiveLine(t)) { Record(s, line, ctx); return true; }
            if (t.StartsWithIgnoreCase("There are no ipsec sas") || t.StartsWithIgnoreCase("There are no inactive")) return true;
            if (t.StartsWithIgnoreCase("interface:"))
            {
                _interface = Value(s);
                _map = _local = _peer = _acl = _localIdent = _remoteIdent = null;
                _seq = null;
                _entryOther.Clear();
                return true;
            }
            if (t.StartsWithIgnoreCase("Crypto map tag:"))
            {
                _map = _local = _peer = _acl = _localIdent = _remoteIdent = null;
                _seq = null;
                _entryOther.Clear();
                foreach (var part in s.Split(','))
                {
                    int c = part.IndexOf(':');
                    if (c <= 0) continue;
                    string k = part.Substring(0, c).Trim().ToLowerInvariant(), v = part.Substring(c + 1).Trim();
                    if (k == "crypto map tag") _map = v;
                    else if (k == "seq num") _seq = SpanNumber.TryParseInt32(v.AsSpan(), out int n) ? n : (int?)null;
                    else if (k == "local addr") _local = v;
                    else Append(_entryOther, part.Substring(0, c).Trim(), v);
                }
                return true;
            }
            if (t.StartsWithIgnoreCase("access-list ")) { _acl = s.Substring("access-list ".Length).Trim(); return true; }
            if (t.StartsWithIgnoreCase("local ident")) { _localIdent = Value(s); return true; }
            if (t.StartsWithIgnoreCase("remote ident")) { _remoteIdent = Value(s); return true; }
            if (t.StartsWithIgnoreCase("current_peer:") || t.StartsWithIgnoreCase("current peer:") || t.StartsWithIgnoreCase("peer address:"))
            {
                _peer = Value(s);
                return true;
            }
            // Any other "key: value" line of the entry (dynamic map name, ...) is kept with it.
            int colon = s.IndexOf(':');
            if (colon > 0 && colon < 40 && _interface != null)
            {
                Append(_entryOther, s.Substring(0, colon).Trim(), s.Substring(colon + 1).Trim());
                return true;
            }
            return false;
        }

        public void Complete(ParseContext context) { }

        private void Record(string s, in CaptureLine line, ParseContext ctx)
        {
            var r = new InactiveIpsecSa
            {
                Line = line.Number,
                LastLine = line.Number,
                Direction = s.IndexOf("outbound", StringComparison.OrdinalIgnoreCase) >= 0 && s.IndexOf("outbound", StringComparison.OrdinalIgnoreCase) < 20
                    ? SaDirection.Outbound : SaDirection.Inbound,
                Interface = _interface,
                CryptoMap = _map,
                SequenceNumber = _seq,
                LocalAddress = _local,
                Peer = _peer,
                AccessList = _acl,
                LocalIdent = _localIdent,
                RemoteIdent = _remoteIdent,
            };
            var other = new StringBuilder(_entryOther.ToString());
            // "Inactive inbound SA: SPI: 0x1AAC9593, state: dead, reason: Phase 2 Error"
            int first = s.IndexOf(':');
            foreach (var part in s.Substring(first + 1).Split(','))
            {
                int c = part.IndexOf(':');
                if (c <= 0) { if (part.Trim().Length > 0) Append(other, "text", part.Trim()); continue; }
                string k = part.Substring(0, c).Trim(), v = part.Substring(c + 1).Trim();
                switch (k.ToLowerInvariant())
                {
                    case "spi":
                        var hex = v.Split(' ', '(')[0];
                        r.Spi = ParseText.HexOrReport(hex.AsSpan(), ctx, line, "SPI", out long? value);
                        r.SpiValue = value;
                        break;
                    case "state": r.State = v; break;
                    case "reason": r.Reason = v; break;
                    default: Append(other, k, v); break;
                }
            }
            r.OtherFields = other.Length == 0 ? null : other.ToString();
            ctx.Emit(r);
        }

        private static string Value(string s)
        {
            int c = s.IndexOf(':');
            return c < 0 ? s : s.Substring(c + 1).Trim();
        }

        private static void Append(StringBuilder sb, string key, string value)
        {
            if (sb.Length > 8192) return;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(key).Append('=').Append(value);
        }
    }
}
