using System;

namespace SpiTools.Parsing
{
    // The keywords of the output and the small text helpers every reader shares.
    internal sealed partial class IpsecSaParser
    {
        // Keywords whose value follows them on the line.
        private const string SpiKey = "spi:";
        private const string LocalAddrKey = "local addr";
        private const string PortKey = " port ";
        private const string PathMtuKey = "path mtu ";
        private const string IpsecOverheadKey = "ipsec overhead ";
        private const string MediaMtuKey = "media mtu ";
        private const string PlaintextMtuKey = "plaintext mtu ";
        private const string IpMtuIdbKey = "ip mtu idb ";
        private const string Ipv6MtuIdbKey = "ipv6 mtu idb ";
        private const string IpMtuKey = "ip mtu ";
        private const string Ipv6MtuKey = "ipv6 mtu ";
        private const string InboundKey = "inbound ";
        private const string OutboundKey = "outbound ";
        private const string TransformKey = "transform:";
        private const string IvSizeKey = "IV size:";
        private const string ReplayDetectionKey = "replay detection support:";
        private const string ReplayWindowKey = "replay window size:";
        private const string AntiReplayBitmapKey = "Anti replay bitmap:";
        private const string PfsGroupKey = "PFS Group";
        private const string SlotKey = "slot:";
        private const string SiblingFlagsKey = "sibling_flags";
        private const string AsaConnIdKey = "conn_id:";
        private const string IosConnIdKey = "conn id:";
        private const string AsaCryptoMapKey = "crypto-map:";
        private const string IosCryptoMapKey = "crypto map:";
        private const string FlowIdKey = "flow_id:";
        private const string SecondsKey = "(sec):";
        private const string LifetimeKey = "lifetime";

        private string Value(ReadOnlySpan<char> t, string key) => _pool.Get(t.Slice(key.Length).TrimWhiteSpace());

        private static ReadOnlySpan<char> AfterKey(ReadOnlySpan<char> part, string key)
        {
            var v = part.Slice(key.Length).TrimWhiteSpace();
            if (!v.IsEmpty && v[0] == ':') v = v.Slice(1).TrimWhiteSpace();
            return v;
        }

        private static string? NullIfEmpty(ReadOnlySpan<char> v) => v.IsEmpty ? null : v.ToString();

        /// <summary>Keeps a field SpiTools has no property for: "name: value" becomes "name=value" in OtherSettings.</summary>
        private void AppendOther(IpsecSa target, ReadOnlySpan<char> part)
        {
            int colon = part.IndexOf(':');
            if (colon > 0) AppendOther(target, part.Slice(0, colon).TrimWhiteSpace(), part.Slice(colon + 1).TrimWhiteSpace());
            else AppendOther(target, part, default, separated: false);
        }

        private void AppendOther(IpsecSa target, ReadOnlySpan<char> key, ReadOnlySpan<char> value, bool separated = true)
        {
            if (target.OtherSettings?.Length > MaxAccumulated) return;
            // Appended to the ';'-joined list; pooled, since entries repeat them.
            var existing = target.OtherSettings;
            int len = (existing?.Length + 1 ?? 0) + key.Length + 1 + value.Length;
            if (_scratch.Length < len) _scratch = new char[len * 2];
            int n = 0;
            if (existing != null)
            {
                existing.AsSpan().CopyTo(_scratch);
                n = existing.Length;
                _scratch[n++] = ';';
            }
            key.CopyTo(_scratch.AsSpan(n)); n += key.Length;
            if (separated)
            {
                _scratch[n++] = '=';
                value.CopyTo(_scratch.AsSpan(n)); n += value.Length;
            }
            target.OtherSettings = _pool.Get(new ReadOnlySpan<char>(_scratch, 0, n));
        }

        private static void CheckRedacted(string? value, in CaptureLine line, ParseContext ctx)
        {
            if (value != null && ParseText.LooksRedacted(value.AsSpan()))
                ctx.Report(DiagnosticCodes.RedactedValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"'{value}' was redacted; it is kept as printed");
        }

        private static bool LooksLikeAclContinuation(ReadOnlySpan<char> t)
        {
            // The tail of an ACE: addresses, masks, "host", "eq", "range", ports, object names: no ':' and no '='.
            return t.IndexOf(':') < 0 && t.IndexOf('=') < 0 && t.IndexOf('#') < 0;
        }
    }
}
