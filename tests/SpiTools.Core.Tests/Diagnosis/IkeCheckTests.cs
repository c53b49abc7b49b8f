using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// IkeUpNoChildSa and IkeRekeyFlap on IKE SA tables in the layouts the IKE SA parser reads (ASA 9.x
    /// <c>show crypto ikev2 sa</c>, IOS <c>show crypto isakmp sa</c>, see IkeSaParserTests) and IOS
    /// <c>%CRYPTO-5-SESSION_STATUS</c> syslog; each with the case that must stay quiet.
    /// </summary>
    public class IkeCheckTests
    {
        private static List<ICaptureRecord> Parse(string text, string source = "ike.txt") =>
            CaptureParser.ParseText(text, source, new CaptureParseOptions()).ToList();

        private static string AsaIkev2(string counts, params (string Id, string Role, long Active)[] sas) =>
            "fw-edge1# show crypto ikev2 sa\n" +
            "\n" +
            "IKEv2 SAs:\n" +
            "\n" +
            $"Session-id:7, Status:UP-ACTIVE, {counts}\n" +
            "\n" +
            "Tunnel-id Local                                               Remote                                                  Status         Role\n" +
            string.Concat(sas.Select(s =>
                $"  {s.Id} 198.51.100.1/500                                    192.0.2.20/500                                           READY    {s.Role}\n" +
                "      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n" +
                $"      Life/Active Time: 86400/{s.Active} sec\n"));

        private const string Child =
            "Child sa: local selector  10.255.204.0/0 - 10.255.204.255/65535\n" +
            "          remote selector 10.220.101.0/0 - 10.220.101.255/65535\n" +
            "          ESP spi in/out: 0x5d1f8e34/0xc04a13b7\n";

        [Fact]
        public void An_ikev2_sa_up_with_child_count_0_is_ike_up_without_child_sa_and_with_a_child_it_is_not()
        {
            var f = Assert.Single(SpiDiagnosis.Diagnose(Parse(AsaIkev2("IKE count:1, CHILD count:0", ("9371531", "RESPONDER", 3560)))));
            Assert.Equal(FindingCodes.IkeUpNoChildSa, f.Code);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal("192.0.2.20", f.Peer);
            Assert.Contains("the IKEv2 SA READY (ike.txt:8) to 192.0.2.20 is up with 0 child SAs", f.Evidence);
            Assert.Contains("clear crypto ikev2 sa 192.0.2.20", f.NextStep);
            Assert.Equal("ike.txt:8", f.SourceLines);

            Assert.Empty(SpiDiagnosis.Diagnose(Parse(AsaIkev2("IKE count:1, CHILD count:1", ("9371531", "RESPONDER", 3560)) + Child)));
        }

        private const string IosIsakmp =
            "ASR1#show crypto isakmp sa\n" +
            "IPv4 Crypto ISAKMP SA\n" +
            "dst             src             state          conn-id status\n" +
            "172.17.3.1      172.17.3.2      QM_IDLE          79859 ACTIVE\n" +
            "172.17.3.9      172.17.3.1      QM_IDLE          79901 ACTIVE\n";

        [Fact]
        public void An_ios_isakmp_sa_without_an_ipsec_sa_in_the_sa_capture_is_reported_only_when_that_capture_was_given()
        {
            var sa = CaptureParser.ParseFile(Captures.PathOf("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt")).ToList();
            var findings = SpiDiagnosis.Diagnose(sa.Concat(Parse(IosIsakmp))).Where(x => x.Code == FindingCodes.IkeUpNoChildSa).ToList();
            // 172.17.3.2 has its SAs; 172.17.3.9 (the other end of the second row: 172.17.3.1 is this router's endpoint) has none.
            var f = Assert.Single(findings);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Equal("172.17.3.9", f.Peer);
            Assert.Contains("show crypto ipsec sa (show-crypto-ipsec-sa-peer.txt:", f.Evidence);
            Assert.Contains("it lists SAs for 172.17.3.2; if that output was filtered to a peer, it says nothing about 172.17.3.9", f.Evidence);
            Assert.Contains("clear crypto session remote 172.17.3.9", f.NextStep);

            // The IKE table alone proves no absence.
            Assert.DoesNotContain(SpiDiagnosis.Diagnose(Parse(IosIsakmp)), x => x.Code == FindingCodes.IkeUpNoChildSa);
        }

        [Fact]
        public void Two_ike_sas_to_one_peer_both_minutes_old_are_a_flap_and_a_rekey_beside_an_old_one_is_not()
        {
            var f = Assert.Single(SpiDiagnosis.Diagnose(Parse(AsaIkev2("IKE count:2, CHILD count:1", ("9371531", "RESPONDER", 95), ("9371602", "INITIATOR", 40)) + Child)),
                x => x.Code == FindingCodes.IkeRekeyFlap);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal("192.0.2.20", f.Peer);
            Assert.Contains("2 IKE SAs to 192.0.2.20: IKEv2 SA READY (ike.txt:8), 95 s old, IKEv2 SA READY (ike.txt:11), 40 s old", f.Evidence);
            Assert.Contains("CSCwc54984", f.Remediation);

            Assert.DoesNotContain(SpiDiagnosis.Diagnose(Parse(AsaIkev2("IKE count:2, CHILD count:1", ("9371531", "RESPONDER", 86100), ("9371602", "INITIATOR", 40)) + Child)),
                x => x.Code == FindingCodes.IkeRekeyFlap);
        }

        private static string Status(int seq, string time, string state) =>
            $"{seq:000000}: *Sep  7 {time}.120: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is {state}. Peer 172.17.3.2:500       Id: 172.17.3.2\n";

        [Fact]
        public void Tunnel_down_and_up_three_times_in_four_minutes_is_a_flap_and_one_bounce_is_not()
        {
            string flapping = Status(410, "23:10:02", "DOWN") + Status(411, "23:10:09", "UP  ") + Status(412, "23:11:40", "DOWN") +
                              Status(413, "23:11:47", "UP  ") + Status(414, "23:13:55", "DOWN") + Status(415, "23:14:01", "UP  ");
            var f = Assert.Single(SpiDiagnosis.Diagnose(Parse(flapping, "show-logging.txt")));
            Assert.Equal(FindingCodes.IkeRekeyFlap, f.Code);
            Assert.Equal("172.17.3.2", f.Peer);
            Assert.Contains("6 phase-1 events for 172.17.3.2 within 239 s: TunnelDown at 23:10:02.120 (show-logging.txt:1)", f.Evidence);
            Assert.Null(f.NextStep); // no IKE SA table was given: no clear command to name

            Assert.Empty(SpiDiagnosis.Diagnose(Parse(Status(410, "23:10:02", "DOWN") + Status(411, "23:10:09", "UP  "), "show-logging.txt")));
        }
    }
}
