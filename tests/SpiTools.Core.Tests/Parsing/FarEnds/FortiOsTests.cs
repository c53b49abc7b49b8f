using System.Reflection;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>FortiOS <c>diagnose vpn tunnel list</c> and <c>get vpn ipsec tunnel name</c>, and the session keys FortiOS prints beside its SAs.</summary>
    public class FortiOsTests
    {
        private const string DiagFile = "fortinet/diagnose-vpn-tunnel-list/blog-fg60f-7.2.3-to-mikrotik-2SAs-rekey-overlap-gcm-keys-removed.txt";
        private const string GetFile = "fortinet/get-vpn-ipsec-tunnel/blog-fg60f-get-vpn-ipsec-tunnel-name-mikrotik-2SAs-same-as-diag-file-enc-lines-cut.txt";

        // Stand-ins for the keys the publisher removed, in the layout FortiOS prints them (key=36: 72 hex digits; ah key=20: 40).
        private const string EspKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344";
        private const string AhKey = "ffeeddccbbaa99887766554433221100ffeeddcc";

        [Fact]
        public void Tunnel_list_gives_each_sa_pair_of_the_rekey_overlap_with_phase1_selector_proxies_and_seconds_left()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath(DiagFile));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0x83391146", "0x09387F45", "0x83391147", "0x03B2B08E" }, sas.Select(s => s.Spi));
            Assert.Equal(new[] { SaDirection.Inbound, SaDirection.Outbound, SaDirection.Inbound, SaDirection.Outbound }, sas.Select(s => s.Direction));
            var first = sas[0];
            Assert.Equal(("FortiOS", "FG60F", "vpn-to-mikrotik", "vpn-to-mikrotik", "IKEv2"), (first.Platform, first.Device, first.Connection, first.Tunnel, first.IkeVersion));
            Assert.Equal(("10.0.0.1", "10.0.0.2", "10.0.0.2"), (first.LocalEndpoint, first.RemoteEndpoint, first.Peer));
            Assert.Equal(("192.168.100.0", "255.255.255.0", "192.168.200.0"), (first.LocalIdentAddress, first.LocalIdentMask, first.RemoteIdentAddress));
            Assert.Equal((2953L, 2982L), (first.RemainingSeconds!.Value, sas[2].RemainingSeconds!.Value));
            Assert.Equal(("aes-gcm", 0L, 0L), (first.Transform, first.Packets!.Value, first.PacketsDecapsulated!.Value));
            Assert.False(first.NatTraversal);
            // The publisher's "<removed>" is no key: nothing to report.
            Assert.DoesNotContain(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.KeyMaterial);
        }

        [Fact]
        public void A_selector_without_sa_yields_one_record_without_spi()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath("fortinet/diagnose-vpn-tunnel-list/NEGATIVE-github-notes-perimeter81-tunnel-down-sa0-no-spis.txt"));
            Assert.True(stats.IsBalanced, stats.ToString());
            var sa = Assert.Single(records.OfType<IpsecSa>());
            Assert.Equal(("Perimeter81", "Perimeter81", null, null), (sa.Connection, sa.Tunnel, sa.Spi, sa.Direction));
        }

        [Fact]
        public void Get_vpn_ipsec_tunnel_name_gives_the_same_sas_as_the_tunnel_list()
        {
            var (records, stats) = FarEndFixtures.Parse(FarEndFixtures.VendorPath(GetFile));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.OfType<IpsecSa>().ToList();
            Assert.Equal(new[] { "0x83391146", "0x09387F45", "0x83391147", "0x03B2B08E" }, sas.Select(s => s.Spi));
            var first = sas[0];
            Assert.Equal(("vpn-to-mikrotik", "vpn-to-mikrotik", "IKEv2", "Tunnel", "wan2"), (first.Connection, first.Tunnel, first.IkeVersion, first.Mode, first.Interface));
            Assert.Equal(("10.0.0.1", "10.0.0.2", 2815L, 2844L), (first.LocalEndpoint, first.Peer, first.RemainingSeconds!.Value, sas[2].RemainingSeconds!.Value));
            Assert.Equal("192.168.200.0/255.255.255.0", first.RemoteIdentAddress + "/" + first.RemoteIdentMask);
        }

        [Fact]
        public void Keys_shown_in_a_tunnel_list_are_named_by_line_and_never_kept_or_repeated()
        {
            var text = File.ReadAllText(FarEndFixtures.VendorPath(DiagFile))
                .Replace("key=36 <removed>", "key=36 " + EspKey)
                .Replace("ah=null key=0 ", "ah=sha1 key=20 " + AhKey);
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(4, records.OfType<IpsecSa>().Count(s => s.Spi != null));
            var keys = Assert.Single(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.KeyMaterial);
            Assert.Equal((17, 29, 8), (keys.Line, keys.LastLine, keys.Occurrences));
            Assert.Contains("lines 17, 18, 19, 20, 26, 27, 28, 29", keys.Message);
            AssertNoKey(records);
            Assert.Contains(records.OfType<IpsecSa>(), s => s.Transform == "aes-gcm sha1");
        }

        [Fact]
        public void Keys_in_get_vpn_ipsec_tunnel_and_in_lines_no_parser_reads_are_never_quoted()
        {
            // The enc lines the publisher cut, put back in the layout the MANIFEST gives ("enc:  aes-gc  <key>").
            var text = File.ReadAllText(FarEndFixtures.VendorPath(GetFile)).Replace("        auth:   null  \n", "        enc:  aes-gc  " + EspKey + "\n        auth:   null  \n");
            var (records, stats) = Captures.ParseText("dec: spi=24c2ab68 esp=aes key=16 " + EspKey.Substring(0, 32) + "\n" + text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var keys = Assert.Single(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.KeyMaterial);
            Assert.Equal(4, keys.Occurrences);
            // The first line is text before any output SpiTools reads: reported as such, its key not quoted.
            var unsupported = Assert.Single(records.OfType<ParseDiagnostic>(), d => d.Code == DiagnosticCodes.UnsupportedOutput);
            Assert.Contains(KeyMaterial.Placeholder, unsupported.Text);
            AssertNoKey(records);
            Assert.Equal(4, records.OfType<IpsecSa>().Count(s => s.Spi != null && s.Transform == "aes-gc"));
        }

        /// <summary>No string any record or diagnostic holds contains a key (or any 8-digit piece of one).</summary>
        private static void AssertNoKey(IEnumerable<ICaptureRecord> records)
        {
            var pieces = new[] { EspKey, AhKey }.SelectMany(k => Enumerable.Range(0, k.Length - 8).Select(i => k.Substring(i, 8))).ToHashSet();
            foreach (var record in records)
                foreach (var p in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
                {
                    var value = (string?)p.GetValue(record);
                    if (value == null) continue;
                    foreach (var piece in pieces)
                        Assert.False(value.Contains(piece, StringComparison.OrdinalIgnoreCase), $"{record.RecordType}.{p.Name} holds key material: {value}");
                }
        }
    }
}
