using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class IpsecSaParserTests
    {
        private static IpsecSa Sa(List<ICaptureRecord> records, string spi) =>
            records.Of<IpsecSa>().Single(s => s.Spi == spi);

        [Fact]
        public void Asa_device_capture_gives_every_sa_with_its_entry()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);

            var outbound = Sa(records, "0xA19EC57E");
            Assert.Equal("fw-edge1", outbound.Device);
            Assert.Equal("ASA", outbound.Platform);
            Assert.Equal(SaDirection.Outbound, outbound.Direction);
            Assert.True(outbound.IsCurrentOutbound);
            Assert.Equal("outside", outbound.Interface);
            Assert.Equal("OUTSIDE_MAP", outbound.CryptoMap);
            Assert.Equal(40, outbound.CryptoMapSeq);
            Assert.Equal("198.51.100.1", outbound.LocalAddress);
            Assert.Equal("203.0.113.10", outbound.Peer);
            Assert.Equal("10.255.203.0/255.255.255.0/0/0", outbound.LocalIdent);
            Assert.Equal("10.220.100.0", outbound.RemoteIdentAddress);
            Assert.Equal("255.255.255.0", outbound.RemoteIdentMask);
            Assert.Equal("TEST extended permit ip 10.255.203.0 255.255.255.0 10.220.100.0 255.255.255.0", outbound.AccessList);
            Assert.Equal(0, outbound.PacketsEncapsulated);
            Assert.Equal(484, outbound.PacketsDecapsulated);
            Assert.Equal(484, outbound.PacketsVerified);
            Assert.Equal(0, outbound.SendErrors);
            Assert.Equal("0xA19EC57E", outbound.CurrentOutboundSpi);
            Assert.Equal("0xCF559E0D", outbound.CurrentInboundSpi);
            Assert.Equal(4374000, outbound.RemainingKilobytes);
            Assert.Equal(27284, outbound.RemainingSeconds);
            Assert.Equal("esp-3des esp-md5-hmac no compression", outbound.Transform);
            Assert.Equal("L2L", outbound.TunnelType);
            Assert.Equal("Tunnel", outbound.Mode);
            Assert.Equal("IKEv1", outbound.IkeVersion);
            Assert.Equal(43950080, outbound.ConnectionId);
            Assert.Equal("OUTSIDE_MAP", outbound.SaCryptoMap);
            Assert.Equal(8, outbound.IvSizeBytes);
            Assert.Equal("0x00000000 0x00000001", outbound.AntiReplayBitmap);
            Assert.Equal(1500, outbound.PathMtu);
            Assert.Equal(58, outbound.IpsecOverhead);
            Assert.Equal(2711537022L, outbound.SpiPrintedDecimal);
            Assert.False(outbound.SpiDecimalMismatch);
            Assert.Equal(36, outbound.Line);

            var inbound = Sa(records, "0xCF559E0D");
            Assert.Equal(SaDirection.Inbound, inbound.Direction);
            Assert.True(inbound.IsCurrentInbound);
            Assert.False(inbound.IsCurrentOutbound);
            Assert.Equal(4373958, inbound.RemainingKilobytes);
            Assert.Equal(27285, inbound.RemainingSeconds);

            var healthy = Sa(records, "0x7C1E0B55");
            Assert.Equal("192.0.2.20", healthy.Peer);
            Assert.Equal("IKEv2", healthy.IkeVersion);
            Assert.Equal(14, healthy.PfsGroup);
            Assert.Equal("active", healthy.State);
            Assert.Equal(1839214, healthy.PacketsEncapsulated);
            Assert.Equal(0, healthy.TfcReceived);
            Assert.Equal(0, healthy.LocalEndpointPort);
            Assert.Equal(74, healthy.IpsecOverhead);
            Assert.Contains("DF policy=copy-df", healthy.OtherSettings);
            Assert.True(healthy.IsCurrentOutbound);
            Assert.Equal("0x0BB3D2E1", Sa(records, "0x0BB3D2E1").Spi);
        }

        [Fact]
        public void As_published_capture_keeps_the_hex_spi_and_reports_every_repair()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(2, sas.Count);

            var outbound = sas.Single(s => s.Direction == SaDirection.Outbound);
            Assert.Equal("0x25A3076D", outbound.Spi);
            Assert.Equal(2711537022L, outbound.SpiPrintedDecimal);
            Assert.True(outbound.SpiDecimalMismatch);
            Assert.Equal("0xA19EC57E", outbound.CurrentOutboundSpi);
            Assert.False(outbound.IsCurrentOutbound);
            Assert.Equal("X.X.X.X", outbound.Peer);
            Assert.Equal("Y.Y.Y.Y", outbound.LocalAddress);
            Assert.Equal("TEST permit ip 10.255.203.0 255.255.255.0 10.220.100.0 255.255.255.0", outbound.AccessList);
            Assert.Equal(0, outbound.PacketsEncapsulated);
            Assert.Equal(484, outbound.PacketsDecapsulated);
            Assert.Equal("0x00000000 0x00000001", outbound.AntiReplayBitmap);
            Assert.Equal(4374000, outbound.RemainingKilobytes);
            Assert.Equal("0xCF559E0D", sas.Single(s => s.Direction == SaDirection.Inbound).Spi);

            var d = records.Diagnostics();
            Assert.Contains(d, x => x.Code == DiagnosticCodes.UnrecognizedLine && x.Line == 2);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.WrappedLine && x.Line == 6);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.JoinedLine && x.Line == 21);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.SpiDecimalMismatch && x.Line == 32);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.TypographicCharacter && x.Line == 40);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.RedactedValue && x.Line == 3);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.MarkdownMarkup && x.Line == 11);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.IndentationLost);
        }

        [Fact]
        public void Iosxe_seed_gives_three_sas_each_way_with_their_lifetimes()
        {
            var (records, stats) = Captures.Parse("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.All(sas, s => Assert.Equal("ASR1", s.Device));
            Assert.All(sas, s => Assert.Equal("IOS", s.Platform));
            Assert.All(sas, s => Assert.Equal("172.17.3.2", s.Peer));
            Assert.All(sas, s => Assert.Equal(500, s.PeerPort));
            Assert.All(sas, s => Assert.Equal("0x290E38E9", s.CurrentOutboundSpi));

            (string Spi, string Dir, long Kb, long Sec)[] expected =
            {
                ("0xCDD2533F", SaDirection.Inbound, 4608000, 656),
                ("0xC14574C6", SaDirection.Inbound, 4552005, 3533),
                ("0x4F73B083", SaDirection.Inbound, 4553540, 3568),
                ("0x050304C8", SaDirection.Outbound, 4608000, 656),
                ("0x50919C87", SaDirection.Outbound, 884442, 3533),
                ("0x290E38E9", SaDirection.Outbound, 1302222, 3568),
            };
            Assert.Equal(expected.Select(e => e.Spi), sas.Select(s => s.Spi));
            foreach (var e in expected)
            {
                var s = Sa(records, e.Spi);
                Assert.Equal(e.Dir, s.Direction);
                Assert.Equal(e.Kb, s.RemainingKilobytes);
                Assert.Equal(e.Sec, s.RemainingSeconds);
                Assert.Equal(e.Spi == "0x290E38E9", s.IsCurrentOutbound);
            }
            var current = Sa(records, "0x290E38E9");
            Assert.Equal(430462233, current.PacketsEncapsulated);
            Assert.Equal(155241645, current.PacketsDecapsulated);
            Assert.Equal(1560, current.ReceiveErrors);
            Assert.Equal("Transport", current.Mode);
            Assert.Equal(19698, current.ConnectionId);
            Assert.Equal("HW:17698", current.FlowId);
            Assert.Equal("FFFFFFFF80004008", current.SiblingFlags);
            Assert.Equal("ACTIVE(ACTIVE)", current.Status);
            Assert.Equal(1024, current.ReplayWindowSize);
            Assert.Equal(1458, current.PlaintextMtu);
            Assert.Equal("GigabitEthernet0/0/2", current.IpMtuInterface);
            Assert.Equal("(none)", current.ProtectedVrf);
            Assert.Equal("origin_is_acl", current.Flags);
            Assert.False(current.Pfs);
            Assert.Equal("none", current.DhGroup);
            Assert.Equal(84083912L, Sa(records, "0x050304C8").SpiPrintedDecimal);
            Assert.False(Sa(records, "0x050304C8").SpiDecimalMismatch);
        }

        [Fact]
        public void Entry_cut_before_its_sa_list_is_kept_without_an_spi()
        {
            var (records, stats) = Captures.Parse("peers/docs-tunnelsup/cisco_asa/show-crypto-ipsec-sa-peer/tunnelsup_recv-errors_ipsec-sa-peer.raw");
            Assert.True(stats.IsBalanced, stats.ToString());
            var entry = Assert.Single(records.Of<IpsecSa>());
            Assert.Null(entry.Spi);
            Assert.Null(entry.Direction);
            Assert.True(entry.Incomplete);
            Assert.Equal("ASA", entry.Device);
            Assert.Equal("93.184.216.34", entry.Peer);
            Assert.Equal(105, entry.PacketsDecapsulated);
            Assert.Equal(0, entry.PacketsDecrypted);
            Assert.Equal(105, entry.ReceiveErrors);
            Assert.Equal("0xD0E9F6C9", entry.CurrentOutboundSpi);
            Assert.Equal("0x76F99C4C", entry.CurrentInboundSpi);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.TruncatedRecord);
        }

        [Fact]
        public void Ipv6_entries_without_spi_values_and_disabled_volume_rekey()
        {
            var (records, stats) = Captures.Parse("peers/genieparser/cisco_xe/show-crypto-ipsec-sa-ipv6-detailed/ShowCryptoIpsecSaIpv6Detailed__golden_output_1.raw");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(14, sas.Count);
            var first = sas[0];
            Assert.Null(first.Spi);
            Assert.Equal(SaDirection.Inbound, first.Direction);
            Assert.True(first.VolumeRekeyDisabled);
            Assert.Null(first.RemainingKilobytes);
            Assert.Equal("4180::56:0:1", first.LocalIdentAddress);
            Assert.Equal("128", first.LocalIdentMask);
            Assert.Equal(12346, first.LocalIdentPort);
            Assert.Equal("4180::151:0:1", first.Peer);
            Assert.Equal(12426, first.PeerPort);
            Assert.Equal("4180::56:0:1", first.LocalEndpoint);
            Assert.Equal("4180::151:0:1", first.RemoteEndpoint);
            Assert.Equal("0x0000011C", first.CurrentOutboundSpi);
            Assert.Equal("ESG:72", sas[1].FlowId);
            Assert.False(sas[1].Initiator);
            Assert.True(first.NatTraversal);
            Assert.Equal("pkts encaps failed (send)=0", first.OtherCounters!.Split(';')[0]);
        }

        [Fact]
        public void Ntc_asa_fixture_keeps_every_sa_where_the_template_keeps_one_per_direction()
        {
            // ntc-templates' ASA template has scalar SPI values, so it returns one inbound and one outbound SPI
            // per entry. The device printed every SA; all of them come out here, each with its entry's fields.
            var (records, stats) = Captures.Parse("peers/ntc-templates/cisco_asa/show-crypto-ipsec-sa/cisco_asa_show_crypto_ipsec_sa.raw");
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.Of<IpsecSa>().ToList();
            var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Captures.PathOf(
                "peers/ntc-templates/cisco_asa/show-crypto-ipsec-sa/cisco_asa_show_crypto_ipsec_sa.expected.json"))).RootElement.GetProperty("parsed_sample");
            foreach (var row in expected.EnumerateArray())
            {
                // ntc moves a non-numeric peer ("REMOTE-PEER-8.8.4.4") to current_peer_name; the device printed one peer.
                string peer = row.GetProperty("current_peer").GetString()!;
                if (peer.Length == 0) peer = row.GetProperty("current_peer_name").GetString()!;
                string remote = row.GetProperty("remote_identity_addr").GetString()!;
                var entry = sas.Where(s => s.Peer == peer && s.RemoteIdentAddress == remote).ToList();
                Assert.NotEmpty(entry);
                var e = entry[0];
                Assert.Equal(row.GetProperty("interface").GetString(), e.Interface);
                Assert.Equal(row.GetProperty("crypto_map_tag").GetString(), e.CryptoMap);
                Assert.Equal(long.Parse(row.GetProperty("packets_encapsulated").GetString()!), e.PacketsEncapsulated);
                Assert.Equal(long.Parse(row.GetProperty("packets_decapsulated").GetString()!), e.PacketsDecapsulated);
                Assert.Equal(row.GetProperty("remote_identity_addr").GetString(), e.RemoteIdentAddress);
                foreach (var key in new[] { "inbound_spi_hex", "outbound_spi_hex" })
                {
                    var hex = row.GetProperty(key).GetString()!;
                    if (hex.Length > 0) Assert.Contains(entry, s => s.Spi == Hex32.Normalize(hex.AsSpan()));
                }
            }
            // The RA entry prints only seconds: no kB value is invented.
            var ra = sas.First(s => s.TunnelType == "RA");
            Assert.Null(ra.RemainingKilobytes);
            Assert.Equal(548, ra.RemainingSeconds);
            Assert.Equal("10.135.1.5", ra.DynamicPeerIp);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.RedactedValue);
        }

        [Fact]
        public void Ntc_ios_fixture_flags_decimals_that_disagree_with_the_hex()
        {
            // ntc's IOS fixture was sanitised: 0x1234DCBA is printed with 4321567890, which is more than 2^32.
            var (records, _) = Captures.Parse("peers/ntc-templates/cisco_ios/show-crypto-ipsec-sa-detail/cisco_ios_show_crypto_ipsec_sa_detail.raw");
            var sa = records.Of<IpsecSa>().First(s => s.Spi == "0x1234DCBA");
            Assert.True(sa.SpiDecimalMismatch);
            Assert.Equal(4321567890L, sa.SpiPrintedDecimal);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.SpiDecimalMismatch);
        }

        [Theory]
        [MemberData(nameof(IpsecSaFiles))]
        public void Every_printed_spi_comes_out_with_its_direction(string file)
        {
            // Independent of the parser: scan the raw text for "spi: 0x…" under the last "inbound/outbound … sas:".
            var expected = new List<(string Spi, string Dir)>();
            string? dir = null;
            foreach (var raw in File.ReadAllLines(Captures.PathOf(file)))
            {
                var line = raw.Replace("*", " ").Trim();
                if (line.StartsWith("inbound ", StringComparison.OrdinalIgnoreCase) && line.Contains("sas:")) dir = SaDirection.Inbound;
                if (line.StartsWith("outbound ", StringComparison.OrdinalIgnoreCase) && line.Contains("sas:")) dir = SaDirection.Outbound;
                int at = line.IndexOf("sas:", StringComparison.Ordinal);
                if (at > 0 && line.IndexOf("inbound", StringComparison.Ordinal) > 0) dir = SaDirection.Inbound; // joined header
                if (line.StartsWith("spi: 0x", StringComparison.OrdinalIgnoreCase))
                {
                    var hex = line.Substring(5).Split('(', ' ')[0];
                    expected.Add((Hex32.Normalize(hex.AsSpan())!, dir!));
                }
            }
            var (records, _) = Captures.Parse(file);
            var actual = records.Of<IpsecSa>().Where(s => s.Spi != null).Select(s => (s.Spi!, s.Direction!)).ToList();
            Assert.Equal(expected, actual);
        }

        public static IEnumerable<object[]> IpsecSaFiles() =>
            Captures.AllFiles()
                // The scan reads directions from the "… sas:" headers: output filtered to lines without them gives it nothing to compare.
                .Where(f => f.Contains("ipsec-sa") && File.ReadAllText(Captures.PathOf(f)) is var text && text.Contains("spi: 0x") && text.Contains("sas:"))
                .Select(f => new object[] { f });

        [Fact]
        public void Each_sa_gets_what_its_own_settings_line_says()
        {
            // SAs usually repeat the previous settings line; here they change and change back.
            string Sa(string spi, string settings) =>
                $"      spi: {spi}\n         transform: esp-aes-256 esp-sha-256-hmac no compression\n         in use settings ={{{settings}}}\n" +
                "         slot: 0, conn_id: 1, crypto-map: M\n         sa timing: remaining key lifetime (kB/sec): (4000/100)\n";
            var text = "interface: outside\n    Crypto map tag: M, seq num: 1, local addr: 198.51.100.1\n" +
                       "      local ident (addr/mask/prot/port): (10.0.0.0/255.255.255.0/0/0)\n      current_peer: 203.0.113.10\n" +
                       "    inbound esp sas:\n" +
                       Sa("0x00000001", "L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv1, ") +
                       Sa("0x00000002", "RA, Transport, IKEv2, ") +
                       Sa("0x00000003", "L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv1, ") +
                       Sa("0x00000004", "") +
                       Sa("0x00000005", "RA, Transport, IKEv2, ");
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.Of<IpsecSa>().ToDictionary(s => s.Spi!);
            foreach (var spi in new[] { "0x00000001", "0x00000003" })
            {
                var sa = sas[spi];
                Assert.Equal(("L2L", "Tunnel", "IKEv1", (int?)14, true), (sa.TunnelType, sa.Mode, sa.IkeVersion, sa.PfsGroup, sa.NatTraversal));
                Assert.Equal("L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv1", sa.Settings);
            }
            foreach (var spi in new[] { "0x00000002", "0x00000005" })
            {
                var sa = sas[spi];
                Assert.Equal(("RA", "Transport", "IKEv2", (int?)null, false), (sa.TunnelType, sa.Mode, sa.IkeVersion, sa.PfsGroup, sa.NatTraversal));
                Assert.Equal("RA, Transport, IKEv2", sa.Settings);
            }
            var empty = sas["0x00000004"];
            Assert.Equal(((string?)null, (string?)null, (string?)null, (int?)null, false, (string?)null),
                (empty.TunnelType, empty.Mode, empty.IkeVersion, empty.PfsGroup, empty.NatTraversal, empty.Settings));
        }
    }
}
