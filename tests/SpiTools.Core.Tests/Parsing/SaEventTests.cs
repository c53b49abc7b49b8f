using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>SA events from debugs and syslog: examples/iosxe-dmvpn-multi-spi's two IKEv1 debugs, ASA and IOS syslog in every time format.</summary>
    public class SaEventTests
    {
        private const string SideA = "iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt";
        private const string SideB = "iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt";

        private static List<SaEvent> Events(string relative, out ParseStatistics stats)
        {
            var (records, s) = Captures.Parse(relative);
            stats = s;
            return records.Of<SaEvent>().ToList();
        }

        [Fact]
        public void Seed_001_side_a_installs_an_sa_at_23_11_13_and_at_23_11_50_37_seconds_apart()
        {
            var installs = Events(SideA, out _).Where(e => e.Kind == SaEventKind.SaInstalled).ToList();
            Assert.Equal(2, installs.Count);
            Assert.Equal("Sep  7 23:11:13", installs[0].TimeText);
            Assert.Equal("Sep  7 23:11:50", installs[1].TimeText);
            Assert.Equal(new TimeSpan(23, 11, 13), installs[0].Time!.Value.TimeOfDay);
            Assert.Equal(new TimeSpan(23, 11, 50), installs[1].Time!.Value.TimeOfDay);
            Assert.Equal(37, (installs[1].Time!.Value - installs[0].Time!.Value).TotalSeconds);
            Assert.All(installs, e => Assert.True(e.YearAssumed));
            Assert.Equal(new[] { "0xF7A925DB", "0x3C3C1CA4" }, installs.Select(e => e.Spi));
            Assert.All(installs, e => Assert.Equal("Tunnel0", e.Interface));
            Assert.All(installs, e => Assert.Equal("172.17.3.2", e.Peer));
            Assert.Equal(new[] { 14, 59 }, installs.Select(e => e.Line));
        }

        [Fact]
        public void Seed_001_message_id_3247684825_has_side_a_as_initiator_and_side_b_as_responder()
        {
            const long id = 3247684825;
            var a = Events(SideA, out _).Where(e => e.MessageId == id).ToList();
            var b = Events(SideB, out _).Where(e => e.MessageId == id).ToList();

            var aStart = Assert.Single(a, e => e.Kind == SaEventKind.RekeyInitiated);
            Assert.Equal(IkeRole.Initiator, aStart.Role);
            Assert.Equal(34, aStart.Line);
            var bStart = Assert.Single(b, e => e.Kind == SaEventKind.RekeyResponded);
            Assert.Equal(IkeRole.Responder, bStart.Role);
            Assert.Equal("172.17.3.1", bStart.Peer);

            // Every event of that exchange carries the same roles, down to the install and phase-2 completion.
            Assert.All(a, e => Assert.Equal(IkeRole.Initiator, e.Role));
            Assert.All(b, e => Assert.Equal(IkeRole.Responder, e.Role));
            Assert.Equal("0x3C3C1CA4", Assert.Single(a, e => e.Kind == SaEventKind.SaInstalled).Spi);
            Assert.Equal("0x9EEF4211", Assert.Single(b, e => e.Kind == SaEventKind.SaInstalled).Spi);
            Assert.Single(a, e => e.Kind == SaEventKind.PhaseTwoComplete);
            Assert.Single(b, e => e.Kind == SaEventKind.PhaseTwoComplete);

            // The 23:11:13 exchange on side A was answered, not started, by A.
            var earlier = Events(SideA, out _).Where(e => e.MessageId == 3666410542).ToList();
            Assert.NotEmpty(earlier);
            Assert.All(earlier, e => Assert.Equal(IkeRole.Responder, e.Role));
        }

        [Fact]
        public void Seed_001_side_a_deletes_spi_0x83877863_on_the_peers_delete()
        {
            var events = Events(SideA, out _);
            var delete = Assert.Single(events, e => e.Kind == SaEventKind.SaDeleted);
            Assert.Equal("0x83877863", delete.Spi);
            Assert.Equal(29, delete.Line);
            Assert.Equal("Sep  7 23:11:37", delete.TimeText);
            Assert.Equal("172.17.3.2", delete.Peer);
            Assert.Equal(3832189246, delete.MessageId);
            var received = Assert.Single(events, e => e.Kind == SaEventKind.DeleteReceived);
            Assert.Equal(3832189246, received.MessageId);
            Assert.DoesNotContain(Events(SideB, out _), e => e.Kind == SaEventKind.SaDeleted);
        }

        [Theory]
        [InlineData(SideA, 65)]
        [InlineData(SideB, 32)]
        public void Every_debug_line_is_part_of_the_log(string file, int used)
        {
            var (records, stats) = Captures.Parse(file);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(used, stats.UsedLines);
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.Diagnostics());
        }

        [Fact]
        public void Asa_syslog_from_a_show_logging_buffer_gives_created_deleted_invalid_spi_proxy_replay_and_phase_2()
        {
            // Message texts as Cisco's ASA syslog guide words them; addresses from examples/asa-stale-spi (documentation ranges).
            const string text =
                "fw-edge1# show logging\n" +
                "Syslog logging: enabled\n" +
                "    Timestamp logging: enabled\n" +
                "    Buffer logging: level debugging, 9 messages logged\n" +
                "Sep 07 2024 23:11:13: %ASA-5-713049: Group = 203.0.113.10, IP = 203.0.113.10, Security negotiation complete for LAN-to-LAN Group (203.0.113.10)  Initiator, Inbound SPI = 0x5d1f8e34, Outbound SPI = 0xa19ec57e\n" +
                "Sep 07 2024 23:11:13: %ASA-5-713120: Group = 203.0.113.10, IP = 203.0.113.10, PHASE 2 COMPLETED (msgid=3c1f5ac1)\n" +
                "Sep 07 2024 23:11:13: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "Sep 07 2024 23:11:14.250: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x1F) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n" +
                "Sep 07 2024 23:11:15: %ASA-4-402116: IPSEC: Received an ESP packet (SPI= 0xA19EC57E, sequence number= 0x2) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1.  The decapsulated inner packet doesn't match the negotiated policy in the SA.\n" +
                "Sep 07 2024 23:11:16: %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x5D1F8E34, sequence number= 0x7) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 that failed anti-replay checking.\n" +
                "Sep 07 2024 23:11:17: %ASA-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x25A3076D) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n" +
                "Sep 07 2024 23:11:18: %ASA-6-302013: Built inbound TCP connection 1 for outside:203.0.113.10/500 (203.0.113.10/500) to identity:198.51.100.1/500 (198.51.100.1/500)\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(new[] { SaEventKind.PhaseTwoComplete, SaEventKind.PhaseTwoComplete, SaEventKind.SaInstalled, SaEventKind.InvalidSpi, SaEventKind.ProxyMismatch, SaEventKind.Replay, SaEventKind.SaDeleted },
                e.Select(x => x.Kind));
            Assert.All(e, x => Assert.Equal("203.0.113.10", x.Peer));
            Assert.All(e, x => Assert.Equal("fw-edge1", x.Device));
            Assert.Equal(IkeRole.Initiator, e[0].Role);
            Assert.Equal("0x5D1F8E34", e[0].Spi);
            Assert.Equal("0xA19EC57E", e[0].OutboundSpi);
            Assert.Equal(0x3c1f5ac1, e[1].MessageId);
            Assert.Equal(SaDirection.Outbound, e[2].Direction);
            Assert.Equal("0xA19EC57E", e[2].Spi);
            Assert.Equal("%ASA-6-602303", e[2].MessageCode);
            Assert.Equal("0x25A3076D", e[3].Spi);
            Assert.Equal(new DateTime(2024, 9, 7, 23, 11, 14, 250), e[3].Time);
            Assert.False(e[3].YearAssumed);
            Assert.Equal(SaDirection.Inbound, e[6].Direction);
            Assert.Equal("0x25A3076D", e[6].Spi);
        }

        [Fact]
        public void A_syslog_servers_file_with_the_relays_own_time_and_host_in_front_gives_the_devices_time_and_name()
        {
            const string text =
                "Sep  7 23:11:13 10.0.0.5 Sep 07 2024 23:11:13 fw-edge1 : %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "<166>2024-09-07T23:11:17.125+02:00 fw-edge1 : %ASA-6-602304: IPSEC: An outbound LAN-to-LAN SA (SPI= 0x2D2EA0A4) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n" +
                "Sep  7 23:11:18 relay1 sshd[811]: Accepted publickey for ops\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.Equal(0, stats.ReportedLines);
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(2, e.Count);
            Assert.Equal("fw-edge1", e[0].Device);
            Assert.Equal(new DateTime(2024, 9, 7, 23, 11, 13), e[0].Time);
            Assert.Equal("Sep 07 2024 23:11:13", e[0].TimeText);
            Assert.Equal("+02:00", e[1].TimeZone);
            Assert.Equal(new DateTime(2024, 9, 7, 23, 11, 17, 125), e[1].Time);
            Assert.Equal(SaEventKind.SaDeleted, e[1].Kind);
            Assert.Equal("0x2D2EA0A4", e[1].Spi);
        }

        [Fact]
        public void Ios_syslog_with_sequence_numbers_an_unsynchronised_clock_milliseconds_and_a_zone()
        {
            const string text =
                "000412: *Sep  7 23:11:40.120 UTC: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/0\n" +
                "000413: *Sep  7 23:11:41.007 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2001, sequence number=3\n" +
                "000414: Sep  7 23:12:02.511 CET: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 172.17.3.2:500       Id: 172.17.3.2\n" +
                "000415: Sep  7 23:12:09.004 CET: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer 172.17.3.2:500       Id: 172.17.3.2\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.Diagnostics()); // the '*' of an unsynchronised clock is not markdown
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(new[] { SaEventKind.InvalidSpi, SaEventKind.Replay, SaEventKind.TunnelDown, SaEventKind.TunnelUp }, e.Select(x => x.Kind));
            Assert.Equal(412, e[0].Sequence);
            Assert.Equal("*Sep  7 23:11:40.120 UTC", e[0].TimeText);
            Assert.Equal("UTC", e[0].TimeZone);
            Assert.Equal(120, e[0].Time!.Value.Millisecond);
            Assert.Equal("0x83877863", e[0].Spi);
            Assert.Equal("172.17.3.2", e[0].Peer);
            Assert.Equal("GigabitEthernet0/0/0", e[0].Interface);
            Assert.Equal("2001", e[1].ConnectionId);
            Assert.Equal("172.17.3.2", e[2].Peer);
            Assert.Equal("CET", e[3].TimeZone);
        }

        [Fact]
        public void Ikev2_and_ipsec_debugs_with_continuation_lines_give_create_child_sa_roles_installs_and_deletes()
        {
            // IOS-XE debug crypto ikev2 / ipsec layout: the packet line goes on over lines without a time.
            const string text =
                "Router# debug crypto ikev2\n" +
                "IKEv2 default debugging is on\n" +
                "*Sep  7 23:11:50.001: IKEv2:(SESSION ID = 12,SA ID = 3):Sending Packet [To 172.17.3.2:500/From 172.17.3.1:500/VRF i0:f0] \n" +
                "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 7\n" +
                "IKEv2 CREATE_CHILD_SA Exchange REQUEST \n" +
                "Payload contents: \n" +
                " ENCR SA N KE TSi TSr \n" +
                "*Sep  7 23:11:50.040: IKEv2:(SESSION ID = 12,SA ID = 3):Received Packet [From 172.17.3.2:500/To 172.17.3.1:500/VRF i0:f0] \n" +
                "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 7\n" +
                "IKEv2 CREATE_CHILD_SA Exchange RESPONSE \n" +
                "*Sep  7 23:11:50.052: IPSEC(create_sa): sa created,\n" +
                "  (sa) sa_dest= 172.17.3.2, sa_proto= 50, \n" +
                "    sa_spi= 0x3C3C1CA4(1010572452), \n" +
                "    sa_trans= esp-aes esp-sha256-hmac , sa_conn_id= 2011\n" +
                "*Sep  7 23:11:51.300: IKEv2:(SESSION ID = 12,SA ID = 3):Received Packet [From 172.17.3.2:500/To 172.17.3.1:500/VRF i0:f0] \n" +
                "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 8\n" +
                "IKEv2 CREATE_CHILD_SA Exchange REQUEST \n" +
                "*Sep  7 23:12:20.700: IKEv2:(SESSION ID = 12,SA ID = 3):Sending DELETE INFO message for IPsec SA [SPI: 0x83877863]\n" +
                "*Sep  7 23:12:20.710: IPSEC(delete_sa): deleting SA,\n" +
                "  (sa) sa_dest= 172.17.3.1, sa_proto= 50, \n" +
                "    sa_spi= 0xF7A925DB(4154008027), \n" +
                "    sa_trans= esp-aes esp-sha256-hmac , sa_conn_id= 2010\n" +
                "this line is no part of any log\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var unrecognised = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.UnrecognizedLine, unrecognised.Code);
            Assert.Equal(23, unrecognised.Line);
            var e = records.Of<SaEvent>().ToList();
            Assert.Equal(new[] { SaEventKind.RekeyInitiated, SaEventKind.SaInstalled, SaEventKind.RekeyResponded, SaEventKind.SaDeleted, SaEventKind.SaDeleted }, e.Select(x => x.Kind));
            Assert.Equal(IkeRole.Initiator, e[0].Role);
            Assert.Equal(7, e[0].MessageId);
            Assert.Equal("172.17.3.2", e[0].Peer);
            Assert.Equal(3, e[0].Line);
            Assert.Equal(7, e[0].LastLine);
            Assert.Equal("0x3C3C1CA4", e[1].Spi);
            Assert.Equal("2011", e[1].ConnectionId);
            Assert.Equal(IkeRole.Responder, e[2].Role);
            Assert.Equal(8, e[2].MessageId);
            Assert.Equal("0x83877863", e[3].Spi);
            Assert.Equal("172.17.3.2", e[3].Peer);
            Assert.Equal("0xF7A925DB", e[4].Spi);
            Assert.Equal("172.17.3.1", e[0].LocalAddress); // [To peer:500/From this end:500]
        }

        [Fact]
        public void An_ikev2_packet_line_over_ipv6_gives_both_addresses_without_their_ports()
        {
            const string text =
                "*Sep  7 23:11:50.001: IKEv2:(SESSION ID = 12,SA ID = 3):Sending Packet [To 2001:db8::2:500/From 2001:db8::1:500/VRF i0:f0] \n" +
                "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 7\n" +
                "IKEv2 CREATE_CHILD_SA Exchange REQUEST \n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var e = Assert.Single(records.Of<SaEvent>());
            Assert.Equal(("2001:db8::2", "2001:db8::1"), (e.Peer, e.LocalAddress));
        }

        [Fact]
        public void A_log_without_any_crypto_line_is_not_taken_for_one_and_a_text_is_reported()
        {
            var (records, stats) = Captures.ParseText("Sep  7 23:11:18 relay1 sshd[811]: Accepted publickey for ops\nhello\n");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Of<SaEvent>());
            Assert.Equal(DiagnosticCodes.UnsupportedOutput, Assert.Single(records.Diagnostics()).Code);
        }

        [Fact]
        public void A_long_debug_of_one_ike_sa_keeps_every_exchanges_role()
        {
            // 3000 Quick Mode exchanges on one IKE SA: more than the parser remembers at once (it forgets old ones).
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < 3000; i++)
            {
                long id = 1000000 + i;
                sb.Append("Sep  7 23:11:50: ISAKMP: (79859):beginning Quick Mode exchange, M-ID of ").Append(id).Append('\n');
                sb.Append("Sep  7 23:11:50: ISAKMP-PAK: (79859):sending packet to 172.17.3.2 my_port 500 peer_port 500 (R) QM_IDLE\n");
                sb.Append("Sep  7 23:11:50: ISAKMP: (79859):Node ").Append(id).Append(", Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH\n");
                sb.Append("Sep  7 23:11:50: ISAKMP: (79859):Successfully installed IPSEC SA (SPI:0x").Append((0x10000000 + i).ToString("X8")).Append(") on Tunnel0\n");
            }
            var (records, stats) = Captures.ParseText(sb.ToString());
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var installs = records.Of<SaEvent>().Where(e => e.Kind == SaEventKind.SaInstalled).ToList();
            Assert.Equal(3000, installs.Count);
            Assert.All(installs, e => Assert.Equal(IkeRole.Initiator, e.Role));
            Assert.Equal(1002999, installs[2999].MessageId);
            Assert.Equal("0x10000BB7", installs[2999].Spi);
        }

        [Fact]
        public void A_hostile_log_line_is_read_and_its_event_kept()
        {
            // 60,000 characters of repeated keys after a real install: one line, one event, nothing lost.
            string line = "Sep  7 23:11:50.052: IPSEC(create_sa): sa created, (sa) sa_dest= 172.17.3.2, sa_spi= 0x3C3C1CA4(1010572452), "
                + string.Concat(Enumerable.Repeat("remote=", 8000)) + "\n";
            var (records, stats) = Captures.ParseText(line);
            Assert.True(stats.IsBalanced, stats.ToString());
            var e = Assert.Single(records.Of<SaEvent>());
            Assert.Equal(SaEventKind.SaInstalled, e.Kind);
            Assert.Equal("0x3C3C1CA4", e.Spi);
            Assert.True(e.Message!.Length <= 501);
        }

        [Theory]
        [InlineData("*Mar  1 00:01:02.345: %CRYPTO-4", true)]
        [InlineData("000123: *Mar  1 00:01:02.345: x", true)]
        [InlineData("**bold** Mar text", false)]
        [InlineData("x *Mar  1", false)]
        public void The_unsynchronised_clock_star_is_told_from_markdown(string line, bool marker)
        {
            Assert.Equal(marker, LineRepairer.IsClockMarker(line.AsSpan(), line.IndexOf('*')));
        }
    }
}
