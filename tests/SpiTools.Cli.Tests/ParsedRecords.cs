using System.Collections.Generic;
using System.Linq;
using System.Text;
using SpiTools.Parsing;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// Records as the core makes them, from the text of a capture: outside the core a record's properties are read-only,
    /// so the writer tests build theirs the way spitools does, by parsing.
    /// </summary>
    internal static class ParsedRecords
    {
        /// <summary>An ASA <c>show crypto ipsec sa</c> of <paramref name="entries"/> entries to peer 203.0.113.10, each with an inbound
        /// and an outbound SA (SPIs 0x00001000 upwards, inbound first); every <paramref name="damagedEvery"/>th entry holds a line
        /// the parser does not recognise (<c>a, "quoted" line</c>), reported as a <see cref="ParseDiagnostic"/>.</summary>
        public static string AsaIpsecSa(int entries, int damagedEvery = 0)
        {
            var sb = new StringBuilder("fw-edge1# show crypto ipsec sa\ninterface: outside\n");
            for (int k = 0; k < entries; k++)
            {
                sb.Append($"    Crypto map tag: MAP, seq num: {k + 1}, local addr: 198.51.100.1\n\n");
                sb.Append($"      local ident (addr/mask/prot/port): (10.{1 + k / 256}.{k % 256}.0/255.255.255.0/0/0)\n");
                sb.Append("      remote ident (addr/mask/prot/port): (10.220.100.0/255.255.255.0/0/0)\n      current_peer: 203.0.113.10\n\n");
                sb.Append("      #pkts encaps: 5, #pkts encrypt: 5, #pkts digest: 5\n      #pkts decaps: 5, #pkts decrypt: 5, #pkts verify: 5\n\n");
                if (damagedEvery > 0 && k % damagedEvery == 0) sb.Append("      a, \"quoted\" line\n");
                foreach (var (direction, n) in new[] { ("inbound", 2 * k), ("outbound", 2 * k + 1) })
                {
                    long spi = 0x1000 + n;
                    sb.Append($"    {direction} esp sas:\n      spi: 0x{spi:X8} ({spi})\n         transform: esp-aes-256 esp-sha-hmac no compression\n");
                    sb.Append("         in use settings ={L2L, Tunnel, IKEv2, }\n         slot: 0, conn_id: 1, crypto-map: MAP\n");
                    sb.Append("         sa timing: remaining key lifetime (kB/sec): (4373958/27285)\n");
                }
                sb.Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>An ASA <c>show asp table vpn-context detail</c> with one outbound (ENCR) context per (handle, packets) given.</summary>
        public static string AsaVpnContexts(IEnumerable<(string Context, long Packets)> contexts)
        {
            var sb = new StringBuilder("fw-edge1# show asp table vpn-context detail\n\n");
            foreach (var (context, packets) in contexts)
            {
                sb.Append($"VPN CTX  = {context}\n\nPeer IP  = 10.220.100.0\nPointer  = 0xD26F7CA8\nState    = UP\nFlags    = ENCR+ESP\n");
                sb.Append($"SA       = 0x6B856011\nSPI      = 0x25A3076D\nGroup    = 7\nPkts     = {packets}\nBad Pkts = 0\nBad SPI  = 0\n");
                sb.Append("Spoof    = 0\nBad Crypto = 0\nRekey Pkt  = 9\nRekey Call = 9\n\n");
            }
            return sb.ToString();
        }

        /// <summary>Every record the core reads from <paramref name="text"/>, diagnostics included.</summary>
        public static List<ICaptureRecord> Parse(string text) => CaptureParser.ParseText(text, "capture.txt").ToList();

        /// <summary>The one outbound VPN context the core reads from a capture of it.</summary>
        public static VpnContext VpnContext(string context, long packets) =>
            Parse(AsaVpnContexts(new[] { (context, packets) })).OfType<VpnContext>().Single();

        /// <summary>The first SA the core reads from a capture of one entry (SPI 0x00001000, inbound, peer 203.0.113.10).</summary>
        public static IpsecSa IpsecSa() => Parse(AsaIpsecSa(1)).OfType<IpsecSa>().First();
    }
}
