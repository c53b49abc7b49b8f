using System.Text.RegularExpressions;
using SpiTools.Core.Tests.Diagnosis;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>
    /// The IOS / IOS-XE log filter of the collection keeps every line the SA events, the timeline and the rekey checks read:
    /// what an IOS device answers to it (its <c>| include</c> matches each line against the regular expression, case-sensitive)
    /// reads as the same events and gives the same findings as the whole buffer, and the rest of the buffer stays on the device.
    /// </summary>
    public class IosLogFilterTests
    {
        private const string Seed = "iosxe-dmvpn-multi-spi";

        /// <summary>The regular expression of the filter, as the device gets it: everything after <c>| include </c>.</summary>
        private static Regex DeviceFilter()
        {
            const string include = "| include ";
            int at = CommandPolicy.IosLogFilter.IndexOf(include, StringComparison.Ordinal);
            Assert.True(at > 0);
            return new Regex(CommandPolicy.IosLogFilter.Substring(at + include.Length), RegexOptions.CultureInvariant);
        }

        /// <summary>What the device prints for the filtered command: the lines of its buffer that match, in order.</summary>
        private static string Filtered(string buffer)
        {
            var filter = DeviceFilter();
            return string.Concat(buffer.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => filter.IsMatch(l)).Select(l => l + "\n"));
        }

        private static string Buffer(string device) => File.ReadAllText(Captures.PathOf($"../ends/iosxe-collision/{device}/show-logging.txt"));

        private static List<ICaptureRecord> Read(string text, string device) =>
            CaptureParser.ParseText(text, "show-logging.txt", new CaptureParseOptions { Device = device }).ToList();

        /// <summary>Every field of an event but where it was read (line numbers, and the message text, which loses the lines no field is read from).</summary>
        private static List<string> Events(IEnumerable<ICaptureRecord> records) => records.OfType<SaEvent>().Select(e =>
            $"{e.Kind} {e.Time:O} {e.TimeText} {e.Peer} {e.LocalAddress} {e.Spi} {e.OutboundSpi} {e.Direction} {e.MessageId} {e.Role} {e.ConnectionId} {e.Interface} {e.MessageCode}").ToList();

        private static string Key(Finding f) => $"{f.Device} {f.Code} {f.Peer} {f.Severity} | {f.Evidence}";

        // IOS-XE debug crypto ikev2 and debug crypto ipsec, as SaEventTests reads them, between other messages of the buffer.
        private const string Ikev2Buffer =
            "Log Buffer (1000000 bytes):\n" +
            "\n" +
            "*Sep  7 23:11:49.310: %SYS-5-CONFIG_I: Configured from console by netops on vty0 (10.0.0.9)\n" +
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
            "*Sep  7 23:11:51.002: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0/2, changed state to up\n" +
            "*Sep  7 23:11:51.300: IKEv2:(SESSION ID = 12,SA ID = 3):Received Packet [From 172.17.3.2:500/To 172.17.3.1:500/VRF i0:f0] \n" +
            "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 8\n" +
            "IKEv2 CREATE_CHILD_SA Exchange REQUEST \n" +
            "*Sep  7 23:12:20.700: IKEv2:(SESSION ID = 12,SA ID = 3):Sending DELETE INFO message for IPsec SA [SPI: 0x83877863]\n" +
            "*Sep  7 23:12:20.710: IPSEC(delete_sa): deleting SA,\n" +
            "  (sa) sa_dest= 172.17.3.1, sa_proto= 50, \n" +
            "    sa_spi= 0xF7A925DB(4154008027), \n" +
            "    sa_trans= esp-aes esp-sha256-hmac , sa_conn_id= 2010\n" +
            "*Sep  7 23:12:21.120: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/0\n" +
            "*Sep  7 23:12:22.007: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2001, sequence number=3\n" +
            "*Sep  7 23:12:23.511: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 172.17.3.2:500       Id: 172.17.3.2\n";

        [Theory]
        [InlineData("ASR1")]
        [InlineData("SPOKE3")]
        public void What_the_filter_keeps_of_an_ikev1_buffer_reads_as_the_same_sa_events_as_the_whole_buffer(string device)
        {
            string buffer = Buffer(device);
            string kept = Filtered(buffer);
            var whole = Events(Read(buffer, device));
            // The Quick Mode starts and answers, installs and phase 2 completions a rekey shows as.
            Assert.Contains(whole, e => e.StartsWith(SaEventKind.RekeyInitiated + " ", StringComparison.Ordinal));
            Assert.Contains(whole, e => e.StartsWith(SaEventKind.RekeyResponded + " ", StringComparison.Ordinal));
            Assert.Contains(whole, e => e.StartsWith(SaEventKind.PhaseTwoComplete + " ", StringComparison.Ordinal));
            Assert.Equal(whole, Events(Read(kept, device)));
            // Only the debug lines leave the device: the header and the other messages do not.
            Assert.DoesNotContain("%SYS-5-CONFIG_I", kept, StringComparison.Ordinal);
            Assert.DoesNotContain("Log Buffer", kept, StringComparison.Ordinal);
            Assert.All(kept.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains(": ISAKMP", l, StringComparison.Ordinal));
        }

        [Fact]
        public void What_the_filter_keeps_of_ikev2_ipsec_and_crypto_syslog_lines_reads_as_the_same_sa_events()
        {
            string kept = Filtered(Ikev2Buffer);
            var whole = Events(Read(Ikev2Buffer, "ASR1"));
            Assert.Equal(new[] { SaEventKind.RekeyInitiated, SaEventKind.SaInstalled, SaEventKind.RekeyResponded, SaEventKind.SaDeleted, SaEventKind.SaDeleted,
                SaEventKind.InvalidSpi, SaEventKind.Replay, SaEventKind.TunnelDown }, whole.Select(e => e.Split(' ')[0]));
            Assert.Equal(whole, Events(Read(kept, "ASR1")));
            Assert.DoesNotContain("%SYS-5-CONFIG_I", kept, StringComparison.Ordinal);
            Assert.DoesNotContain("%LINEPROTO", kept, StringComparison.Ordinal);
            Assert.DoesNotContain("Payload contents", kept, StringComparison.Ordinal);
        }

        [Fact]
        public void Both_ends_filtered_logs_give_the_collision_and_the_timeline_as_their_whole_buffers_do()
        {
            List<ICaptureRecord> Sa(string file) =>
                CaptureParser.ParseFile(Captures.PathOf(Seed + "/" + file), new CaptureParseOptions { Device = "ASR1" }).ToList();
            var sas = Sa("show-crypto-ipsec-sa-peer.txt").Concat(Sa("show-crypto-ipsec-profile.txt")).ToList();
            var whole = SpiDiagnosis.Diagnose(sas.Concat(Read(Buffer("ASR1"), "ASR1")).Concat(Read(Buffer("SPOKE3"), "SPOKE3"))).ToList();
            var kept = SpiDiagnosis.Diagnose(sas.Concat(Read(Filtered(Buffer("ASR1")), "ASR1")).Concat(Read(Filtered(Buffer("SPOKE3")), "SPOKE3"))).ToList();
            var collision = Assert.Single(kept, f => f.Code == FindingCodes.RekeyCollision);
            Assert.Contains("ASR1 started Quick Mode M-ID 1405873911 at 22:22:46 and SPOKE3 started M-ID 2970012264 at 22:22:46", collision.Evidence);
            // Tied to the orphan pair the SA capture still holds.
            Assert.Equal("0xCDD2533F", collision.Spi);
            Assert.Contains(kept, f => f.Code == FindingCodes.RekeyTimeline);
            Assert.Equal(whole.Select(Key), kept.Select(Key));
        }

        [Fact]
        public void The_simulated_buffers_hold_the_collision_of_the_timeline_tests_and_the_examples_debug_line_for_line()
        {
            static IEnumerable<string> Debug(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": ISAKMP", StringComparison.Ordinal));
            // Stamped to the second, as the example's debug is.
            static string ToTheSecond(string line) => Regex.Replace(line, @"^(\w{3} [ \d]\d \d\d:\d\d:\d\d)\.\d{3}", "$1");
            string Example(string device) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "captures", Seed,
                device == "ASR1" ? "debug-crypto-isakmp.side-a.txt" : "debug-crypto-isakmp.side-b.txt"));
            foreach (var (device, collision) in new[] { ("ASR1", TimelineFindingTests.HubText(0.3)), ("SPOKE3", TimelineFindingTests.SpokeText(0.3)) })
                Assert.Equal(Debug(collision).Select(ToTheSecond).Concat(Debug(Example(device))), Debug(Buffer(device)));
        }
    }
}
