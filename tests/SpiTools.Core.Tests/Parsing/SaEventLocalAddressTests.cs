using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>An event's own-end address, where the log says it: what tells two ends' logs apart in one folder.</summary>
    public class SaEventLocalAddressTests
    {
        [Fact]
        public void Seed_001_side_a_names_its_own_address_from_the_outstanding_requests_line_on()
        {
            var events = Captures.Parse("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt").Records.Of<SaEvent>().ToList();
            // "(local 172.17.3.1 port 500, remote 172.17.3.2 port 500)" is line 33: events read before it cannot know.
            Assert.All(events.Where(e => e.Line < 33), e => Assert.Null(e.LocalAddress));
            var later = events.Where(e => e.Line > 33).ToList();
            Assert.NotEmpty(later);
            Assert.All(later, e => Assert.Equal("172.17.3.1", e.LocalAddress));
            // Side B prints no such line.
            Assert.All(Captures.Parse("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt").Records.Of<SaEvent>(), e => Assert.Null(e.LocalAddress));
        }

        [Fact]
        public void Ikev2_asa_and_ios_syslog_give_the_local_address_and_the_peer_stays_the_peer()
        {
            const string text =
                "*Sep  7 23:11:50.001: IKEv2:(SESSION ID = 12,SA ID = 3):Sending Packet [To 172.17.3.2:500/From 172.17.3.1:500/VRF i0:f0] \n" +
                "Initiator SPI : 3D8B0C1A2B3C4D5E - Responder SPI : 9A8B7C6D5E4F3A2B Message id: 7\n" +
                "IKEv2 CREATE_CHILD_SA Exchange REQUEST \n" +
                "Sep 07 2024 23:11:13: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "Sep 07 2024 23:11:14: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x1F) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n" +
                "000412: *Sep  7 23:11:40.120 UTC: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/0\n";
            var e = Captures.ParseText(text).Records.Of<SaEvent>().ToList();
            Assert.Equal(4, e.Count);
            Assert.Equal(("172.17.3.1", "172.17.3.2"), (e[0].LocalAddress, e[0].Peer));
            Assert.Equal(("198.51.100.1", "203.0.113.10"), (e[1].LocalAddress, e[1].Peer));
            Assert.Equal(("198.51.100.1", "203.0.113.10"), (e[2].LocalAddress, e[2].Peer));
            Assert.Equal(("172.17.3.1", "172.17.3.2"), (e[3].LocalAddress, e[3].Peer));
        }
    }
}
