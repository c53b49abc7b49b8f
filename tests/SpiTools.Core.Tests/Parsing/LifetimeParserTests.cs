using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class LifetimeParserTests
    {
        [Fact]
        public void Iosxe_profiles_give_their_lifetimes()
        {
            var (records, stats) = Captures.Parse("iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt");
            Assert.True(stats.IsBalanced);
            Assert.Equal(0, stats.ReportedLines);
            var lifetimes = records.Of<IpsecLifetime>().ToList();
            Assert.Equal(new[] { "ENS_ipsec_profile", "NB-Swansea-backup_profile", "NON-ENS_ipsec_profile", "default", "generic_ipsec_protection" }, lifetimes.Select(l => l.Scope));
            Assert.All(lifetimes, l => Assert.Equal(4608000, l.Kilobytes));
            Assert.All(lifetimes, l => Assert.Equal(3600, l.Seconds));
            Assert.All(lifetimes, l => Assert.Equal("ASR1", l.Device));
        }

        [Fact]
        public void Asa_global_lifetime_commands_and_a_disabled_volume_lifetime()
        {
            var (records, stats) = Captures.ParseText(
                "fw# show running-config crypto ipsec\ncrypto ipsec ikev1 transform-set T esp-aes esp-sha-hmac\n" +
                "crypto ipsec security-association lifetime seconds 3600\ncrypto ipsec security-association lifetime kilobytes unlimited\n");
            Assert.Equal(0, stats.ReportedLines);
            var l = Assert.Single(records.Of<IpsecLifetime>());
            Assert.Equal("global", l.Scope);
            Assert.Equal(3600, l.Seconds);
            Assert.True(l.KilobytesDisabled);
            Assert.Null(l.Kilobytes);
        }

        [Fact]
        public void Vpn_sessiondb_detail_l2l_gives_every_tunnel_with_its_negotiated_lifetimes()
        {
            var (records, stats) = Captures.Parse("peers/ntc-templates/cisco_asa/show-vpn-sessiondb-detail-l2l/cisco_asa_show_vpn-sessiondb_detail_l2l4.raw");
            Assert.True(stats.IsBalanced);
            Assert.Equal(0, stats.ReportedLines);
            var tunnels = records.Of<VpnSessionTunnel>().ToList();
            Assert.Equal(5, tunnels.Count);
            var ipsec = tunnels[1];
            Assert.Equal("DefaultL2LGroup", ipsec.Connection);
            Assert.Equal(26386, ipsec.Index);
            Assert.Equal("169.254.107.100", ipsec.Peer);
            Assert.Equal("IPsecOverNatT", ipsec.TunnelType);
            Assert.Equal("26386.2", ipsec.TunnelId);
            Assert.Equal("0.0.0.0/0.0.0.0/0/0", ipsec.LocalIdent);
            Assert.Equal(28800, ipsec.RekeyIntervalSeconds);
            Assert.Equal(27490, ipsec.RekeyLeftSeconds);
            Assert.Equal(4608000, ipsec.RekeyIntervalKilobytes);
            Assert.Equal(0, ipsec.RekeyLeftKilobytes); // F12: seen on a healthy 52-day tunnel; not alarming alone
            Assert.Equal(1280775975169, ipsec.BytesTx);
            Assert.Equal("Tunnel", ipsec.Encapsulation);
            Assert.Contains("Duration=52d 6h:35m:23s", ipsec.SessionFields);
            Assert.Contains("Encryption=IKEv2: (1)AES-GCM-256  IPsecOverNatT: (1)AES-GCM-256", ipsec.SessionFields);
            Assert.Equal("IKEv2", tunnels[0].TunnelType);
            Assert.Contains("PRF=SHA512", tunnels[0].OtherFields);
        }

        [Fact]
        public void The_diagnosis_takes_asa_lifetimes_from_the_session_table()
        {
            var records = Captures.Parse("asa-stale-spi/device/show-crypto-ipsec-sa.txt").Records;
            records.AddRange(Captures.ParseText(
                "fw-edge1# show vpn-sessiondb detail l2l\nConnection   : 192.0.2.20\nIndex        : 7                      IP Addr      : 192.0.2.20\n" +
                "IPsec:\n  Tunnel ID    : 7.2\n  Local Addr   : 10.255.204.0/255.255.255.0/0/0\n  Remote Addr  : 10.30.0.0/255.255.0.0/0/0\n" +
                "  Rekey Int (T): 21600 Seconds          Rekey Left(T): 19817 Seconds\n  Rekey Int (D): 3915000 K-Bytes        Rekey Left(D): 3871022 K-Bytes\n").Records);
            var context = new DiagnosisContext("fw-edge1", records, null, new DiagnosisOptions());
            var entry = context.Entries.Single(e => e.Peer == "192.0.2.20");
            var (kb, sec, disabled, assumption) = context.LifetimeFor(entry);
            Assert.Equal(3915000, kb);
            Assert.Equal(21600, sec);
            Assert.False(disabled);
            Assert.Contains("show vpn-sessiondb detail l2l", assumption);
            var other = context.LifetimeFor(context.Entries.Single(e => e.Peer == "203.0.113.10"));
            Assert.Equal(28800, other.Seconds);
            Assert.Contains("ASA defaults", other.Assumption);
        }
    }
}
