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
        public void After_clear_vpn_context_table_no_longer_holds_the_stale_context()
        {
            var (records, stats) = Captures.Parse("asa-stale-spi/device-after-clear/show-asp-table-vpn-context-detail.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            var ctx = records.Of<VpnContext>().ToList();
            Assert.Equal(new[] { "0x2D80E6FC", "0x2D80F1A8", "0x2E1034C0", "0x2E1035D8" }, ctx.Select(c => c.Context));
            var live = ctx[0];
            Assert.Equal(SaDirection.Outbound, live.Direction);
            Assert.Equal("0xA19EC57E", live.Spi);
            Assert.Equal(7, live.Group);
            Assert.Equal(152, live.Packets);
            Assert.Equal("0xCF559E0D", ctx[1].Spi);
            Assert.Equal(611, ctx[1].Packets);
            Assert.All(ctx, c => Assert.False(c.Incomplete));
        }

        [Fact]
        public void A_context_cut_short_is_emitted_incomplete_and_reported()
        {
            var text = "fw1# show asp table vpn-context detail\nVPN CTX  = 0x2D2EA0A4\nPeer IP  = 10.220.100.0\nFlags    = ENCR+ESP\n"
                     + "SPI      = 0x25A3076D\nVPN CTX  = 0x2D80E6FC\nFlags    = ENCR+ESP\nSPI = 0xA19EC57E\nPkts = 0\nRekey Call = 0\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var ctx = records.Of<VpnContext>().ToList();
            Assert.Equal(2, ctx.Count);
            Assert.True(ctx[0].Incomplete);
            Assert.Equal("0x25A3076D", ctx[0].Spi);
            Assert.Null(ctx[0].Packets);
            Assert.False(ctx[1].Incomplete);
            var cut = Assert.Single(records.Diagnostics(), d => d.Code == DiagnosticCodes.TruncatedRecord);
            Assert.Equal(2, cut.Line);
            Assert.Contains("0x2D2EA0A4", cut.Message);
        }

        [Fact]
        public void Short_keys_joined_onto_a_value_ending_in_a_letter_are_split()
        {
            // Flags -> SA and SA -> SPI joins: "ENCR+ESPSA" and a hex SA ending in F before "SPI".
            var text = "VPN CTX = 0x2D80E6FC\nFlags = ENCR+ESPSA = 0x6D5DAF2FSPI = 0xA19EC57E\nPkts = 0Bad Pkts = 0\nRekey Call = 0\n";
            var (records, _) = Captures.ParseText(text, "vpn-context");
            var c = Assert.Single(records.Of<VpnContext>());
            Assert.False(c.Incomplete);
            Assert.Equal("ENCR+ESP", c.Flags);
            Assert.Equal("0x6D5DAF2F", c.Sa);
            Assert.Equal("0xA19EC57E", c.Spi);
            Assert.Equal(0, c.BadPackets);
            Assert.Equal(new[] { 2, 3 }, records.Diagnostics().Where(d => d.Code == DiagnosticCodes.JoinedLine).Select(d => d.Line));
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
                // ntc keeps every value as the printed string and derives nothing (no direction, no numbers):
                // all sixteen of its fields are compared, the direction is ours.
                Assert.Equal(row.GetProperty("vpn_ctx").GetString(), c.Context);
                Assert.Equal(row.GetProperty("peer_ip").GetString(), c.PeerIp);
                Assert.Equal(row.GetProperty("pointer").GetString(), c.Pointer);
                Assert.Equal(row.GetProperty("state").GetString(), c.State);
                Assert.Equal(row.GetProperty("flags").GetString(), c.Flags);
                Assert.Equal(row.GetProperty("sa").GetString(), c.Sa);
                Assert.Equal(row.GetProperty("spi").GetString(), c.Spi);
                Assert.Equal(int.Parse(row.GetProperty("group").GetString()!), c.Group);
                Assert.Equal(long.Parse(row.GetProperty("pkts").GetString()!), c.Packets);
                Assert.Equal(long.Parse(row.GetProperty("bad_pkts").GetString()!), c.BadPackets);
                Assert.Equal(long.Parse(row.GetProperty("bad_spi").GetString()!), c.BadSpi);
                Assert.Equal(long.Parse(row.GetProperty("spoof").GetString()!), c.Spoof);
                Assert.Equal(long.Parse(row.GetProperty("bad_crypto").GetString()!), c.BadCrypto);
                Assert.Equal(long.Parse(row.GetProperty("rekey_pkt").GetString()!), c.RekeyPackets);
                Assert.Equal(long.Parse(row.GetProperty("rekey_call").GetString()!), c.RekeyCalls);
                Assert.Equal(row.GetProperty("vpn_filter").GetString(), c.VpnFilter);
                Assert.Equal(c.Flags!.StartsWith("ENCR") ? SaDirection.Outbound : SaDirection.Inbound, c.Direction);
                Assert.False(c.Incomplete);
            }
            Assert.Empty(records.Diagnostics());
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
            // "hits=3016, *" continues on "user_data=…" (11), whose trailing comma continues on "protocol=0" (12).
            Assert.Equal(new[] { 11, 12 }, d.Where(x => x.Code == DiagnosticCodes.WrappedLine).Select(x => x.Line));
            Assert.Equal(3016, t.Phases[0].Hits);
            Assert.Equal("reverse", t.Phases[0].RuleAttributes);
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
    
        [Fact]
        public void A_rule_wrapped_without_a_trailing_comma_or_onto_bare_words_is_read_and_reported()
        {
            var text = "packet-tracer input inside tcp 10.1.1.1 1025 10.2.2.2 443 detailed\n"
                     + "Phase: 1\nType: VPN\nSubtype: encrypt\nResult: ALLOW\nConfig:\nAdditional Information:\n"
                     + " out id=0xcf20d730, priority=70, domain=encrypt, deny=false\n"
                     + "        hits=12, user_data=0x2d80e6fc\n"
                     + "cs_id=0xcd3b96f0, use_real_addr,\n"
                     + "reverse, flags=0x0, protocol=0\n"
                     + "        src ip/id=10.1.1.0, mask=255.255.255.0, port=0, tag=any\n"
                     + "        dst ip/id=10.2.2.0, mask=255.255.255.0, port=0, tag=any, dscp=0x0\n"
                     + "        input_ifc=any, output_ifc=outside\n"
                     + "\nResult:\ninput-interface: inside\nAction: allow\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var t = Assert.Single(records.Of<PacketTrace>());
            Assert.False(t.Incomplete);
            var p = Assert.Single(t.Phases);
            Assert.Equal(12, p.Hits);
            Assert.Equal("0x2D80E6FC", p.UserData);
            Assert.Equal("0xCD3B96F0", p.CsId);
            Assert.Equal("use_real_addr; reverse", p.RuleAttributes);
            Assert.Equal("0x0", p.RuleFlags);
            Assert.Equal(0, p.RuleProtocol);
            Assert.Equal("10.2.2.0/255.255.255.0", t.EncryptDestination);
            Assert.Equal("outside", p.RuleOutputInterface);
            Assert.Null(p.AdditionalInformation);
            Assert.Equal(new[] { 10, 11 }, records.Diagnostics().Where(d => d.Code == DiagnosticCodes.WrappedLine).Select(d => d.Line));
        }

        [Fact]
        public void The_parser_takes_the_command_line_when_it_is_handed_over_as_the_first_line()
        {
            // Without the dispatcher: the parser is offered every non-blank line, the command first.
            const string file = "asa-stale-spi/device/packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt";
            var lines = File.ReadAllLines(Captures.PathOf(file));
            lines[0] = lines[0].Substring(lines[0].IndexOf("packet-tracer", StringComparison.Ordinal));
            var context = new ParseContext("direct");
            var parser = new PacketTraceFormat().CreateParser();
            for (int n = 0; n < lines.Length; n++)
            {
                if (string.IsNullOrWhiteSpace(lines[n])) continue;
                Assert.True(parser.Accept(CaptureLine.FromString(n + 1, lines[n]), context), lines[n]);
            }
            parser.Complete(context);
            var records = new List<ICaptureRecord>();
            while (context.TryDequeue(out var r)) records.Add(r);
            Assert.Empty(records.Diagnostics());
            var t = Assert.Single(records.Of<PacketTrace>());
            Assert.Equal(1, t.Line);
            Assert.Equal("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed", t.Command);

            // The same trace as through the dispatcher (whose values the device test pins down).
            var viaDispatcher = Assert.Single(Captures.Parse(file).Records.Of<PacketTrace>());
            Assert.Equal(Summary(viaDispatcher), Summary(t));
            static object Summary(PacketTrace p) => (p.InputInterface, p.Protocol, p.SourceAddress, p.SourcePort, p.DestinationAddress,
                p.DestinationPort, p.PhaseSummary, p.EncryptPhaseNumber, p.EncryptVpnContext, p.EncryptCsId, p.Action, p.Incomplete);
        }

        [Fact]
        public void A_second_command_line_handed_to_the_parser_starts_a_second_trace()
        {
            var context = new ParseContext("direct");
            var parser = new PacketTraceFormat().CreateParser();
            var lines = new[]
            {
                "packet-tracer input inside icmp 10.1.1.1 8 0 10.2.2.2 detailed", "Phase: 1", "Type: ACCESS-LIST", "Result: ALLOW",
                "Result:", "Action: allow",
                "packet-tracer input inside udp 10.1.1.1 53 10.3.3.3 53 detailed", "Phase: 1", "Type: ACCESS-LIST", "Result: DROP",
                "Result:", "Action: drop", "Drop-reason: (acl-drop) Flow is denied by configured rule",
            };
            for (int n = 0; n < lines.Length; n++) Assert.True(parser.Accept(CaptureLine.FromString(n + 1, lines[n]), context), lines[n]);
            parser.Complete(context);
            var traces = new List<PacketTrace>();
            while (context.TryDequeue(out var r)) if (r is PacketTrace t) traces.Add(t);
            Assert.Equal(2, traces.Count);
            Assert.Equal(("icmp", "10.2.2.2", "allow", 1), (traces[0].Protocol, traces[0].DestinationAddress, traces[0].Action, traces[0].Line));
            Assert.Equal(("udp", "10.3.3.3", "drop", 7), (traces[1].Protocol, traces[1].DestinationAddress, traces[1].Action, traces[1].Line));
            Assert.Equal("(acl-drop) Flow is denied by configured rule", traces[1].DropReason);
        }
}
}
