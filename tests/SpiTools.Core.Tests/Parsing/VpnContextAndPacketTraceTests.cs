using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class VpnContextAndPacketTraceTests
    {
        [Fact]
        public void Device_vpn_context_table_gives_five_contexts()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/device/show-asp-table-vpn-context-detail.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var ctx = records.Of<VpnContext>().ToList();
            Assert.Equal(new[] { "0x2D2EA0A4", "0x2D80E6FC", "0x2D80F1A8", "0x2E1034C0", "0x2E1035D8" }, ctx.Select(c => c.Context));

            var stale = ctx[0];
            Assert.Equal("fw-edge1", stale.Device);
            Assert.Equal("10.220.100.0", stale.PeerIp);
            Assert.Equal("0xD26F7CA8", stale.Pointer);
            Assert.Equal("UP", stale.State);
            Assert.Equal("ENCR+ESP", stale.Flags);
            Assert.Equal(SaDirection.Outbound, stale.Direction);
            Assert.Equal("0x6B856011", stale.Sa);
            Assert.Equal("0x25A3076D", stale.Spi);
            Assert.Equal(7, stale.Group);
            Assert.Equal(41006, stale.Packets);
            Assert.Equal(0, stale.BadSpi);
            Assert.Equal(9, stale.RekeyPackets);
            Assert.Equal(9, stale.RekeyCalls);
            Assert.Null(stale.VpnFilter);
            Assert.Equal(3, stale.Line);

            Assert.Equal("0xA19EC57E", ctx[1].Spi);
            Assert.Equal(0, ctx[1].Packets);
            Assert.Equal(SaDirection.Inbound, ctx[2].Direction);
            Assert.Equal(484, ctx[2].Packets);
            Assert.Equal("<none>", ctx[3].VpnFilter);
            Assert.Equal("0x0BB3D2E1", ctx[4].Spi);
        }

        [Fact]
        public void As_published_vpn_context_splits_joined_fields()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/show-asp-table-vpn-context-detail.as-published.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var ctx = records.Of<VpnContext>().ToList();
            Assert.Equal(2, ctx.Count);
            Assert.All(ctx, c => Assert.False(c.Incomplete));
            Assert.Equal("0x2D2EA0A4", ctx[0].Context);
            Assert.Equal("10.220.100.0", ctx[0].PeerIp);
            Assert.Equal("0xD26F7CA8", ctx[0].Pointer);
            Assert.Equal("0x25A3076D", ctx[0].Spi);
            Assert.Equal(7, ctx[0].Group);
            Assert.Equal(41006, ctx[0].Packets);
            Assert.Equal(0, ctx[0].BadPackets);
            Assert.Equal(9, ctx[0].RekeyCalls);
            Assert.Equal("0x2D80E6FC", ctx[1].Context);
            Assert.Equal("0xA19EC57E", ctx[1].Spi);
            Assert.Equal(0, ctx[1].Packets);
            var joined = records.Diagnostics().Where(d => d.Code == DiagnosticCodes.JoinedLine).Select(d => d.Line).ToList();
            Assert.Equal(new[] { 1, 2, 6, 7 }, joined);
        }

        [Fact]
        public void Ntc_vpn_context_fixture_matches_the_expected_values()
        {
            var (records, stats) = Captures.Parse("peers/ntc-templates/cisco_asa/show-asp-table-vpn-context-detail/cisco_asa_show_asp_table_vpn-context_detail.raw");
            Assert.True(stats.IsBalanced, stats.ToString());
            var ctx = records.Of<VpnContext>().ToList();
            var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Captures.PathOf(
                "peers/ntc-templates/cisco_asa/show-asp-table-vpn-context-detail/cisco_asa_show_asp_table_vpn-context_detail.expected.json"))).RootElement.GetProperty("parsed_sample");
            Assert.Equal(expected.GetArrayLength(), ctx.Count);
            int i = 0;
            foreach (var row in expected.EnumerateArray())
            {
                var c = ctx[i++];
                Assert.Equal(row.GetProperty("vpn_ctx").GetString(), c.Context);
                Assert.Equal(row.GetProperty("peer_ip").GetString(), c.PeerIp);
                Assert.Equal(row.GetProperty("state").GetString(), c.State);
                Assert.Equal(row.GetProperty("flags").GetString(), c.Flags);
                Assert.Equal(row.GetProperty("spi").GetString(), c.Spi);
                Assert.Equal(long.Parse(row.GetProperty("pkts").GetString()!), c.Packets);
                Assert.Equal(long.Parse(row.GetProperty("bad_spi").GetString()!), c.BadSpi);
                Assert.Equal(long.Parse(row.GetProperty("spoof").GetString()!), c.Spoof);
                Assert.Equal(long.Parse(row.GetProperty("rekey_call").GetString()!), c.RekeyCalls);
                Assert.Equal(row.GetProperty("vpn_filter").GetString(), c.VpnFilter);
            }
        }

        [Fact]
        public void Tunnelsup_context_with_no_break_spaces_is_read_and_the_damage_reported()
        {
            var (records, _) = Captures.Parse("peers/docs-tunnelsup/cisco_asa/show-asp-table-vpn-context-detail/tunnelsup_asp-tables-spi_vpn-context.raw");
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.Equal("0x00922FAC", c.Context);
            Assert.Equal("0xE5C56C30", c.Spi);
            Assert.Equal(362631, c.Packets);
            Assert.Equal(47, c.Group);
            Assert.Equal("ASA", c.Device);
            var nbsp = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.NonBreakingSpace);
            Assert.True(nbsp.Occurrences > 5);
        }

        [Fact]
        public void Device_packet_trace_finds_the_encrypt_phase_and_its_context()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/device/packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var t = Assert.Single(records.Of<PacketTrace>());
            Assert.False(t.Incomplete);
            Assert.Equal("fw-edge1", t.Device);
            Assert.Equal("inside", t.InputInterface);
            Assert.Equal("udp", t.Protocol);
            Assert.Equal("10.255.203.102", t.SourceAddress);
            Assert.Equal(1610, t.SourcePort);
            Assert.Equal("10.220.100.17", t.DestinationAddress);
            Assert.Equal(3389, t.DestinationPort);
            Assert.Equal(9, t.PhaseCount);
            Assert.True(t.HasEncryptPhase);
            Assert.Equal(6, t.EncryptPhaseNumber);
            Assert.Equal("ALLOW", t.EncryptResult);
            Assert.Equal("0x2D2EA0A4", t.EncryptVpnContext);
            Assert.Equal(3016, t.EncryptRuleHits);
            Assert.Equal("0xCD3B96F0", t.EncryptCsId);
            Assert.Equal("0xcf20d730", t.EncryptRuleId);
            Assert.Equal("10.255.203.0/255.255.255.0", t.EncryptSource);
            Assert.Equal("10.220.100.0/255.255.255.0", t.EncryptDestination);
            Assert.Equal("allow", t.Action);
            Assert.Equal("inside", t.ResultInputInterface);
            Assert.Equal("outside", t.OutputInterface);
            Assert.Equal("up", t.OutputLineStatus);

            var encrypt = t.Phases[5];
            Assert.Equal("out", encrypt.RuleDirection);
            Assert.Equal("Forward", encrypt.LookupFlow);
            Assert.Equal(70, encrypt.Priority);
            Assert.Equal("encrypt", encrypt.Domain);
            Assert.False(encrypt.Deny);
            Assert.Equal("reverse", encrypt.RuleAttributes);
            Assert.Equal(0, encrypt.SourcePort);
            Assert.Equal("outside", encrypt.RuleOutputInterface);
            Assert.Equal("access-group inside_access_in in interface inside; access-list inside_access_in extended permit ip any any", t.Phases[2].Config);
            Assert.Equal("in   0.0.0.0         0.0.0.0         outside", t.Phases[1].AdditionalInformation);
            Assert.Equal("ipsec-tunnel-flow", t.Phases[7].Subtype);
            Assert.Equal(484, t.Phases[7].Hits);
            Assert.Contains("1 ACCESS-LIST ALLOW; 2 ROUTE-LOOKUP/input ALLOW", t.PhaseSummary);
        }

        [Fact]
        public void After_clear_packet_trace_points_at_the_live_context()
        {
            var (records, _) = Captures.Parse("asa-stale-spi/device-after-clear/packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt");
            Assert.Equal("0x2D80E6FC", Assert.Single(records.Of<PacketTrace>()).EncryptVpnContext);
        }

        [Fact]
        public void As_published_packet_trace_reads_the_wrapped_rule_and_is_marked_incomplete()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/packet-tracer.as-published.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            var t = Assert.Single(records.Of<PacketTrace>());
            Assert.True(t.Incomplete);
            Assert.Equal(9, t.EncryptPhaseNumber);
            Assert.Equal("0x2D2EA0A4", t.EncryptVpnContext);
            Assert.Equal(3016, t.EncryptRuleHits);
            Assert.Equal("0xCD3B96F0", t.EncryptCsId);
            Assert.Equal("10.220.100.0/255.255.255.0", t.EncryptDestination);
            Assert.Equal("0x0", t.Phases[0].RuleFlags);
            Assert.Equal(0, t.Phases[0].RuleProtocol);
            var d = records.Diagnostics();
            Assert.Contains(d, x => x.Code == DiagnosticCodes.WrappedLine && x.Line == 10);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.TypographicCharacter && x.Line == 11);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.TruncatedRecord);
        }

        [Fact]
        public void Tunnelsup_excerpt_with_an_escaped_user_data_is_read()
        {
            var (records, _) = Captures.Parse("peers/docs-tunnelsup/cisco_asa/packet-tracer-detail/tunnelsup_asp-tables-spi_pkt-tracer.raw");
            var t = Assert.Single(records.Of<PacketTrace>());
            Assert.Equal(12, t.EncryptPhaseNumber);
            Assert.Equal("0x00922FAC", t.EncryptVpnContext);
            Assert.Equal("icmp", t.Protocol);
            Assert.Equal("10.10.15.15", t.DestinationAddress);
            Assert.True(t.Incomplete);
            Assert.Contains(records.Diagnostics(), d => d.Code == DiagnosticCodes.MarkdownMarkup && d.Line == 11);
        }
    }
}
