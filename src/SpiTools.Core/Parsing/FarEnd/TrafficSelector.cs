using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Traffic selectors as far ends print them (<c>10.1.0.0/16</c>, <c>10.0.0.1/32[udp/1701]</c>, libreswan's
    /// <c>192.0.1.0/24</c>), written as Cisco's proxy idents (<c>10.1.0.0/255.255.0.0/0/0</c>), so an ASA's or IOS-XE's
    /// entry and a far end's child SA mirror each other when their networks do. Several selectors are kept space-joined.
    /// </summary>
    internal static class TrafficSelector
    {
        /// <summary>Sets <paramref name="sa"/>'s local or remote ident from the selectors printed (space-separated).</summary>
        public static void Apply(IpsecSa sa, bool local, string? selectors)
        {
            if (string.IsNullOrWhiteSpace(selectors)) return;
            var parts = selectors!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var idents = new List<string>(parts.Length);
            string? addr = null, mask = null;
            int? prot = null, port = null;
            foreach (var part in parts)
            {
                if (!TryIdent(part, out var ident, out addr, out mask, out prot, out port)) ident = part;
                idents.Add(ident);
            }
            string all = string.Join(" ", idents);
            if (parts.Length != 1) { addr = null; mask = null; prot = null; port = null; }
            if (local)
            {
                sa.LocalIdent = all; sa.LocalIdentAddress = addr; sa.LocalIdentMask = mask; sa.LocalIdentProtocol = prot; sa.LocalIdentPort = port;
            }
            else
            {
                sa.RemoteIdent = all; sa.RemoteIdentAddress = addr; sa.RemoteIdentMask = mask; sa.RemoteIdentProtocol = prot; sa.RemoteIdentPort = port;
            }
        }

        /// <summary><c>10.1.0.0/16</c> as <c>10.1.0.0/255.255.0.0/0/0</c>; an IPv6 prefix keeps its length (<c>::/0/0/0</c>).</summary>
        public static bool TryIdent(string selector, out string ident, out string? address, out string? mask, out int? protocol, out int? port)
        {
            ident = selector;
            address = mask = null;
            protocol = port = 0;
            var text = selector;
            int bracket = text.IndexOf('[');
            if (bracket > 0 && text.EndsWith("]", StringComparison.Ordinal))
            {
                ReadProtocolPort(text.Substring(bracket + 1, text.Length - bracket - 2), out protocol, out port);
                text = text.Substring(0, bracket);
            }
            int slash = text.LastIndexOf('/');
            string addrText = slash > 0 ? text.Substring(0, slash) : text;
            if (!IPAddress.TryParse(addrText, out var ip)) return false;
            bool v6 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            int bits = v6 ? 128 : 32;
            if (slash > 0 && (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > (v6 ? 128 : 32))) return false;
            address = addrText;
            mask = v6 ? bits.ToString(CultureInfo.InvariantCulture) : MaskOf(bits);
            ident = $"{address}/{mask}/{protocol}/{port}";
            return true;
        }

        private static string MaskOf(int bits)
        {
            uint m = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
            return $"{m >> 24}.{(m >> 16) & 255}.{(m >> 8) & 255}.{m & 255}";
        }

        private static void ReadProtocolPort(string text, out int? protocol, out int? port)
        {
            protocol = 0;
            port = 0;
            int slash = text.IndexOf('/');
            string p = slash >= 0 ? text.Substring(0, slash) : text;
            protocol = p switch
            {
                "tcp" => 6,
                "udp" => 17,
                "icmp" => 1,
                "icmpv6" or "ipv6-icmp" => 58,
                "gre" => 47,
                _ => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : (int?)null,
            };
            if (slash >= 0)
                port = int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;
        }
    }
}
