using System;
using System.Globalization;
using System.IO;

namespace SpiTools.Benchmarks
{
    /// <summary>
    /// Writes large, realistic captures deterministically from a seed, streaming (nothing is held in memory):
    /// ASA <c>show crypto ipsec sa</c> (about 2.2 kB per entry: 10,000 entries is about 22 MB), IOS-XE
    /// <c>show crypto ipsec sa</c> and ASA <c>show asp table vpn-context detail</c>.
    /// </summary>
    public static class CaptureGenerator
    {
        public static void WriteAsaIpsecSa(TextWriter w, int entries, int seed)
        {
            var r = new Random(seed);
            w.Write("fw-bench1# show crypto ipsec sa\n");
            for (int e = 0; e < entries; e++)
            {
                if (e % 500 == 0) w.Write($"interface: outside{e / 500}\n");
                int peer = e % 65000;
                string peerIp = $"203.{(peer >> 8) & 255}.{peer & 255}.{e % 250 + 1}";
                bool ikev2 = r.Next(2) == 0;
                bool natt = r.Next(4) == 0;
                long encaps = r.Next(0, int.MaxValue), decaps = r.Next(0, int.MaxValue);
                w.Write($"    Crypto map tag: OUTSIDE_MAP, seq num: {e + 1}, local addr: 198.51.100.1\n\n");
                w.Write($"      access-list VPN{e} extended permit ip 10.{e % 250}.{r.Next(250)}.0 255.255.255.0 172.{16 + e % 16}.{r.Next(250)}.0 255.255.255.0\n");
                w.Write($"      local ident (addr/mask/prot/port): (10.{e % 250}.0.0/255.255.255.0/0/0)\n");
                w.Write($"      remote ident (addr/mask/prot/port): (172.{16 + e % 16}.0.0/255.255.255.0/0/0)\n");
                w.Write($"      current_peer: {peerIp}\n\n\n");
                w.Write($"      #pkts encaps: {encaps}, #pkts encrypt: {encaps}, #pkts digest: {encaps}\n");
                w.Write($"      #pkts decaps: {decaps}, #pkts decrypt: {decaps}, #pkts verify: {decaps}\n");
                w.Write("      #pkts compressed: 0, #pkts decompressed: 0\n");
                w.Write($"      #pkts not compressed: {encaps}, #pkts comp failed: 0, #pkts decomp failed: 0\n");
                w.Write("      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0\n");
                w.Write("      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0\n");
                w.Write("      #TFC rcvd: 0, #TFC sent: 0\n");
                w.Write("      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0\n");
                w.Write($"      #send errors: 0, #recv errors: {r.Next(3)}\n\n");
                string port = natt ? "/4500" : "/0";
                w.Write($"      local crypto endpt.: 198.51.100.1{port}, remote crypto endpt.: {peerIp}{port}\n");
                w.Write("      path mtu 1500, ipsec overhead 74(44), media mtu 1500\n");
                w.Write("      PMTU time remaining (sec): 0, DF policy: copy-df\n");
                w.Write("      ICMP error validation: disabled, TFC packets: disabled\n");
                int pairs = 1 + (r.Next(4) == 0 ? 1 : 0);
                var inSpi = new uint[pairs];
                var outSpi = new uint[pairs];
                for (int i = 0; i < pairs; i++)
                {
                    inSpi[i] = (uint)r.Next() ^ ((uint)r.Next(2) << 31);
                    outSpi[i] = (uint)r.Next() ^ ((uint)r.Next(2) << 31);
                }
                w.Write($"      current outbound spi: {outSpi[pairs - 1]:X8}\n");
                w.Write($"      current inbound spi : {inSpi[pairs - 1]:X8}\n\n");
                WriteAsaSas(w, r, "inbound", inSpi, ikev2, natt);
                WriteAsaSas(w, r, "outbound", outSpi, ikev2, natt);
                w.Write('\n');
            }
        }

        private static void WriteAsaSas(TextWriter w, Random r, string direction, uint[] spis, bool ikev2, bool natt)
        {
            w.Write($"    {direction} esp sas:\n");
            foreach (var spi in spis)
            {
                w.Write($"      spi: 0x{spi:X8} ({spi.ToString(CultureInfo.InvariantCulture)})\n");
                w.Write("         SA State: active\n");
                w.Write("         transform: esp-aes-256 esp-sha-256-hmac no compression\n");
                w.Write($"         in use settings ={{L2L, Tunnel, {(natt ? "NAT-T-Encaps, " : "")}PFS Group 14, {(ikev2 ? "IKEv2" : "IKEv1")}, }}\n");
                w.Write($"         slot: 0, conn_id: {r.Next(1_000_000, 99_999_999)}, crypto-map: OUTSIDE_MAP\n");
                w.Write($"         sa timing: remaining key lifetime (kB/sec): ({r.Next(0, 4608000)}/{r.Next(0, 28800)})\n");
                w.Write("         IV size: 16 bytes\n");
                w.Write("         replay detection support: Y\n");
                w.Write("         Anti replay bitmap: \n");
                w.Write(direction == "inbound" ? "          0xFFFFFFFF 0xFFFFFFFF\n" : "          0x00000000 0x00000001\n");
            }
        }

        public static void WriteIosIpsecSa(TextWriter w, int entries, int seed)
        {
            var r = new Random(seed);
            w.Write("hub1#show crypto ipsec sa\n\ninterface: Tunnel0\n");
            for (int e = 0; e < entries; e++)
            {
                string peer = $"172.{16 + e % 16}.{(e >> 8) & 255}.{e & 255}";
                w.Write("    Crypto map tag: Tunnel0-head-0, local addr 172.17.3.1\n\n   protected vrf: (none)\n");
                w.Write("   local  ident (addr/mask/prot/port): (172.17.3.1/255.255.255.255/47/0)\n");
                w.Write($"   remote ident (addr/mask/prot/port): ({peer}/255.255.255.255/47/0)\n");
                w.Write($"   current_peer {peer} port 500\n     PERMIT, flags={{origin_is_acl,}}\n");
                long encaps = r.Next(), decaps = r.Next();
                w.Write($"    #pkts encaps: {encaps}, #pkts encrypt: {encaps}, #pkts digest: {encaps}\n");
                w.Write($"    #pkts decaps: {decaps}, #pkts decrypt: {decaps}, #pkts verify: {decaps}\n");
                w.Write("    #pkts compressed: 0, #pkts decompressed: 0\n    #pkts not compressed: 0, #pkts compr. failed: 0\n");
                w.Write("    #pkts not decompressed: 0, #pkts decompress failed: 0\n");
                w.Write($"    #send errors 0, #recv errors {r.Next(100)}\n\n");
                w.Write($"     local crypto endpt.: 172.17.3.1, remote crypto endpt.: {peer}\n");
                w.Write("     plaintext mtu 1458, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0/2\n");
                uint inSpi = (uint)r.Next(), outSpi = (uint)r.Next();
                w.Write($"     current outbound spi: 0x{outSpi:X}({outSpi})\n     PFS (Y/N): N, DH group: none\n\n");
                foreach (var (dir, spi) in new[] { ("inbound", inSpi), ("outbound", outSpi) })
                {
                    w.Write($"     {dir} esp sas:\n      spi: 0x{spi:X}({spi})\n        transform: esp-aes esp-sha256-hmac ,\n");
                    w.Write("        in use settings ={Transport, }\n");
                    w.Write($"        conn id: {r.Next(1, 99999)}, flow_id: HW:{r.Next(1, 99999)}, sibling_flags FFFFFFFF80004008, crypto map: Tunnel0-head-0\n");
                    w.Write($"        sa timing: remaining key lifetime (k/sec): ({r.Next(0, 4608000)}/{r.Next(0, 3600)})\n");
                    w.Write("        IV size: 16 bytes\n        replay detection support: Y  replay window size: 1024\n        Status: ACTIVE(ACTIVE)\n\n");
                    w.Write($"     {dir} ah sas:\n\n     {dir} pcp sas:\n\n");
                }
            }
        }

        public static void WriteVpnContexts(TextWriter w, int contexts, int seed)
        {
            var r = new Random(seed);
            w.Write("fw-bench1# show asp table vpn-context detail\n");
            for (int i = 0; i < contexts; i++)
            {
                w.Write($"\nVPN CTX  = 0x{(uint)r.Next():X8}\n\nPeer IP  = 10.{i % 250}.{(i >> 8) & 255}.0\nPointer  = 0x{(uint)r.Next():X8}\nState    = UP\n");
                w.Write($"Flags    = {(i % 2 == 0 ? "ENCR" : "DECR")}+ESP\nSA       = 0x{(uint)r.Next():X8}\nSPI      = 0x{(uint)r.Next():X8}\nGroup    = {r.Next(50)}\n");
                w.Write($"Pkts     = {r.Next()}\nBad Pkts = 0\nBad SPI  = 0\nSpoof    = 0\nBad Crypto = 0\nRekey Pkt  = 0\nRekey Call = 0\nVPN Filter = <none>\n");
            }
        }

        /// <summary>Writes a capture of the given kind to a file.</summary>
        public static void WriteFile(string path, string kind, int count, int seed)
        {
            using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
            switch (kind)
            {
                case "asa": WriteAsaIpsecSa(w, count, seed); break;
                case "ios": WriteIosIpsecSa(w, count, seed); break;
                case "vpn-context": WriteVpnContexts(w, count, seed); break;
                default: throw new ArgumentException($"unknown kind '{kind}' (asa, ios, vpn-context)");
            }
        }
    }
}
