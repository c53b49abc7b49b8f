using System.Text.Json;
using SpiTools.Parsing;
using Xunit;
using Xunit.Abstractions;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// ntc-templates' IOS <c>show crypto ipsec sa detail</c> fixtures against ntc's expected rows (one row per SA,
    /// as here): every value agrees. (The fixtures' sanitised SPI decimals disagree with their hex; both sides keep
    /// what was printed, and SpiTools reports the disagreement: docs/peer-fixtures.md.)
    /// </summary>
    public class NtcIosIpsecSaTests
    {
        private readonly ITestOutputHelper _output;

        public NtcIosIpsecSaTests(ITestOutputHelper output) => _output = output;

        private const string Folder = "peers/ntc-templates/cisco_ios/show-crypto-ipsec-sa-detail";

        public static IEnumerable<object[]> Fixtures() =>
            Directory.EnumerateFiles(Captures.PathOf(Folder), "*.expected.json")
                .Select(f => Folder + "/" + Path.GetFileName(f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { f });

        private static readonly (string Key, Func<IpsecSa, long?> Ours)[] Counters =
        {
            ("pkts_encaps", s => s.PacketsEncapsulated), ("pkts_encrypt", s => s.PacketsEncrypted), ("pkts_digest", s => s.PacketsDigested),
            ("pkts_decaps", s => s.PacketsDecapsulated), ("pkts_decrypt", s => s.PacketsDecrypted), ("pkts_verify", s => s.PacketsVerified),
            ("pkts_compressed", s => s.PacketsCompressed), ("pkts_decompressed", s => s.PacketsDecompressed),
            ("pkts_not_compressed", s => s.PacketsNotCompressed), ("pkts_compress_failed", s => s.PacketsCompressionFailed),
            ("pkts_not_decompressed", s => s.PacketsNotDecompressed), ("pkts_decompress_failed", s => s.PacketsDecompressionFailed),
            ("pkts_no_sa", s => s.PacketsNoSaSend), ("pkts_invalid_sa", s => s.PacketsInvalidSaReceived),
            ("pkts_replay_failed", s => s.PacketsReplayFailedReceived),
        };

        private static PeerChecker Compare(string expectedFile)
        {
            var raw = expectedFile.Replace(".expected.json", ".raw", StringComparison.Ordinal);
            var (records, stats) = Captures.Parse(raw);
            Assert.True(stats.IsBalanced, stats.ToString());
            var sas = records.Of<IpsecSa>().Where(s => s.Spi != null).ToList();
            var rows = JsonDocument.Parse(File.ReadAllText(Captures.PathOf(expectedFile))).RootElement.GetProperty("parsed_sample").EnumerateArray().ToList();
            var check = new PeerChecker(Path.GetFileName(raw));
            check.Same("all", "number of SAs", rows.Count.ToString(), sas.Count.ToString());

            foreach (var row in rows)
            {
                string? S(string key) => PeerChecker.Str(row, key);
                string where = $"{S("interface")} {S("sa_orientation")} {S("sa_type")} {S("sa_spi_hex")}";
                var direction = S("sa_orientation") == "inbound" ? SaDirection.Inbound : SaDirection.Outbound;
                var match = sas.Where(s => s.Interface == S("interface") && s.Spi == Hex32.Normalize(S("sa_spi_hex").AsSpan())
                                           && s.Direction == direction && s.Protocol == S("sa_type")).ToList();
                if (!check.Found(where, "sa", match.Count == 1)) continue;
                var sa = match[0];

                check.Same(where, "crypto_map_tag", S("crypto_map_tag"), sa.CryptoMap);
                check.Same(where, "local_addr", S("local_addr"), sa.LocalAddress);
                check.Same(where, "protected_vrf", S("protected_vrf"), sa.ProtectedVrf);
                check.Same(where, "local_ident", $"{S("local_ident_addr")}/{S("local_ident_mask")}/{S("local_ident_prot")}/{S("local_ident_port")}", sa.LocalIdent);
                check.Same(where, "remote_ident", $"{S("remote_ident_addr")}/{S("remote_ident_mask")}/{S("remote_ident_prot")}/{S("remote_ident_port")}", sa.RemoteIdent);
                check.Same(where, "current_peer", S("current_peer"), sa.Peer);
                check.Same(where, "port", S("port"), sa.PeerPort?.ToString());
                check.Same(where, "flags", S("flags")?.TrimEnd(','), sa.Flags);
                foreach (var (key, ours) in Counters) check.Same(where, key, S(key), ours(sa)?.ToString());
                foreach (var p in row.EnumerateObject().Where(p => p.Name.StartsWith("pkts_", StringComparison.Ordinal) && Counters.All(c => c.Key != p.Name)))
                {
                    // ntc drops the "(send)"/"(rcv)" of some names and spells "rcv" "recv": any kept counter whose
                    // letters start like ntc's name.
                    string letters = Rcv(PeerChecker.Letters(p.Name));
                    var kept = (sa.OtherCounters ?? "").Split(';').Select(kv => kv.Split('='))
                        .Where(kv => kv.Length == 2 && Rcv(PeerChecker.Letters(kv[0])).StartsWith(letters, StringComparison.Ordinal)).Select(kv => kv[1]).ToList();
                    check.Found(where, p.Name, kept.Contains(p.Value.GetString()!));
                }
                check.Same(where, "local_crypto_endpt", S("local_crypto_endpt"), sa.LocalEndpoint);
                check.Same(where, "remote_crypto_endpt", S("remote_crypto_endpt"), sa.RemoteEndpoint);
                check.Same(where, "plaintext_mtu", S("plaintext_mtu"), sa.PlaintextMtu?.ToString());
                check.Same(where, "path_mtu", S("path_mtu"), sa.PathMtu?.ToString());
                check.Same(where, "ip_mtu", S("ip_mtu"), sa.IpMtu?.ToString());
                check.Same(where, "ip_mtu_idb", S("ip_mtu_idb"), sa.IpMtuInterface);
                check.Same(where, "current_outbound_spi_hex", Hex32.Normalize(S("current_outbound_spi_hex").AsSpan()), sa.CurrentOutboundSpi);
                check.Same(where, "pfs", S("pfs"), sa.Pfs == null ? null : sa.Pfs.Value ? "Y" : "N");
                check.Same(where, "dh_group", S("dh_group"), sa.DhGroup);
                // "0x4321DCBA(0987612345)": ntc keeps the digits as printed, SpiTools the number.
                check.Same(where, "sa_spi_dec", long.Parse(S("sa_spi_dec")!).ToString(), sa.SpiPrintedDecimal?.ToString());
                check.Same(where, "sa_transform", S("sa_transform"), sa.Transform);
                check.Same(where, "sa_in_use_settings", S("sa_in_use_settings"), sa.Settings);
                check.Same(where, "sa_conn_id", S("sa_conn_id"), sa.ConnectionId?.ToString());
                check.Same(where, "sa_flow_id", S("sa_flow_id"), sa.FlowId);
                check.Same(where, "sa_sibling_flags", S("sa_sibling_flags"), sa.SiblingFlags);
                check.Same(where, "sa_crypto_map", S("sa_crypto_map"), sa.SaCryptoMap);
                check.Same(where, "sa_lifetime_kbytes", S("sa_lifetime_kbytes"), sa.RemainingKilobytes?.ToString());
                check.Same(where, "sa_lifetime_sec", S("sa_lifetime_sec"), sa.RemainingSeconds?.ToString());
                check.Same(where, "sa_iv_size", S("sa_iv_size"), sa.IvSizeBytes?.ToString());
                check.Same(where, "sa_replay_detection_support", S("sa_replay_detection_support"), sa.ReplayDetection == null ? null : sa.ReplayDetection.Value ? "Y" : "N");
                check.Same(where, "sa_replay_window_size", S("sa_replay_window_size"), sa.ReplayWindowSize?.ToString());
                check.Same(where, "sa_status", S("sa_status"), sa.Status);
            }
            return check;
        }

        private static string Rcv(string letters) => letters.Replace("recv", "rcv", StringComparison.Ordinal);

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Every_value_ntc_read_comes_out_the_same(string expectedFile)
        {
            Compare(expectedFile).AssertAgrees(_output, Array.Empty<(string, string, string)>(), atLeast: 50);
        }
    }
}
