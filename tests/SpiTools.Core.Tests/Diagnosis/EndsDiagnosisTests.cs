using SpiTools.Core.Tests.Services;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// Both ends of a tunnel diagnosed together, on the hand-made pairs in Fixtures/ends (see its README): each
    /// both-ends finding, its negative, and the single-device findings left as they were.
    /// </summary>
    public class EndsDiagnosisTests
    {
        private static string Ends(string folder) => Captures.PathOf("../ends/" + folder);

        /// <summary>The folders read and diagnosed as both front ends do (one device per folder).</summary>
        private static List<Finding> Diagnose(DiagnosisOptions? options, string[]? before, params string[] folders)
        {
            var sink = new FakeSink();
            var devices = Diagnosed.Run(folders.SelectMany(f => CaptureFiles.Expand(Ends(f))), Array.Empty<(string?, IReadOnlyList<string?>)>(),
                before?.SelectMany(f => CaptureFiles.Expand(Ends(f))).ToList(), options ?? new DiagnosisOptions(), sink);
            Assert.Empty(sink.Errors);
            return devices.SelectMany(d => d.Findings).ToList();
        }

        private static List<Finding> Diagnose(params string[] folders) => Diagnose(null, null, folders);

        private static readonly string[] BothEndsCodes = { "SpiDesync", "PathLoss", "LifetimeMismatch", "EndsAgree" };

        [Fact]
        public void The_seed_stale_context_seen_from_both_ends_is_a_desync_the_far_end_drops()
        {
            var findings = Diagnose("asa-stale/fw-edge1", "asa-stale/fw-branch");
            // The single-device verdicts stay as they were.
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, findings.Where(f => f.Device == "fw-edge1" && f.PeerDevice == null).Select(f => f.Code));
            var desync = Assert.Single(findings, f => f.Code == "SpiDesync");
            Assert.Equal(FindingSeverity.Critical, desync.Severity);
            Assert.Equal(("fw-edge1", "fw-branch"), (desync.Device, desync.PeerDevice));
            Assert.Equal("0x25A3076D", desync.Spi);
            Assert.Equal("0x2D2EA0A4", desync.Context);
            Assert.Contains("not the current outbound SPI 0xA19EC57E", desync.Evidence);
            Assert.Contains("fw-branch has no inbound SA with SPI 0x25A3076D and logged 4 invalid-SPI drop(s) for it from Sep 07 2024 23:14:02 to Sep 07 2024 23:14:09 (fw-branch show-logging.txt:5)", desync.Evidence);
            Assert.Equal("clear crypto ipsec sa inactive on fw-edge1", desync.Remediation);
            Assert.Contains("fw-edge1 show-asp-table-vpn-context-detail.txt:3", desync.SourceLines);
            Assert.Contains("fw-branch show-logging.txt:5", desync.SourceLines);
            // The SA tables agree (0xA19EC57E and 0xCF559E0D are on both ends), so nothing else is said and no "agree" either.
            var healthy = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "asa-stale/fw-edge1", "asa-stale/fw-branch");
            Assert.DoesNotContain(healthy, f => f.Code == "EndsAgree" && f.Peer == "203.0.113.10");
        }

        [Fact]
        public void Without_the_far_ends_logs_an_old_context_is_not_called_a_desync()
        {
            var sink = new FakeSink();
            var files = CaptureFiles.Expand(Ends("asa-stale/fw-edge1")).Concat(new[] { Path.Combine(Ends("asa-stale/fw-branch"), "show-crypto-ipsec-sa.txt") });
            var findings = Diagnosed.Run(files, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink).SelectMany(d => d.Findings).ToList();
            Assert.DoesNotContain(findings, f => f.Code == "SpiDesync");
            // Still paired and still diagnosed on each end.
            Assert.Contains(findings, f => f.Code == "StaleVpnContext" && f.Device == "fw-edge1");
            Assert.Contains(findings, f => f.Code == "OneWayTraffic" && f.Device == "fw-branch");
            // The SPIs agree in the SA tables, but fw-edge1's own stale context is no clean tunnel.
            var healthy = Diagnosed.Run(files, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions { IncludeHealthy = true }, sink).SelectMany(d => d.Findings);
            Assert.DoesNotContain(healthy, f => f.Code == "EndsAgree");
        }

        [Fact]
        public void Both_ends_holding_SAs_the_other_lost_are_two_desyncs_each_with_its_clear()
        {
            var findings = Diagnose("asa-desync/fw-edge1", "asa-desync/fw-branch").Where(f => f.PeerDevice != null).ToList();
            Assert.Equal(new[] { "SpiDesync", "SpiDesync" }, findings.Select(f => f.Code));
            var edge = Assert.Single(findings, f => f.Device == "fw-edge1");
            Assert.Equal("0xA19EC57E", edge.Spi);
            Assert.Equal(FindingSeverity.Critical, edge.Severity);
            Assert.Contains("fw-edge1 encrypts to fw-branch (peer 203.0.113.10)", edge.Evidence);
            Assert.Contains("with SPI 0xA19EC57E (current outbound spi, fw-edge1 show-crypto-ipsec-sa.txt:36)", edge.Evidence);
            Assert.Contains("its inbound SPIs there are 0x6A3F1C92 (fw-branch show-crypto-ipsec-sa.txt:26)", edge.Evidence);
            Assert.Contains("fw-branch logged 3 invalid-SPI drop(s) for 0xA19EC57E", edge.Evidence);
            Assert.Contains("the other direction is out of step too: fw-branch encrypts with 0x3B8E4D17", edge.Evidence);
            Assert.StartsWith("clear crypto ipsec sa entry 203.0.113.10 esp 0xA19EC57E on fw-edge1, and clear crypto ipsec sa entry 198.51.100.1 esp 0x3B8E4D17 on fw-branch", edge.Remediation);
            Assert.Contains("clear crypto ipsec sa peer 203.0.113.10 on fw-edge1", edge.NextStep);
            Assert.Contains("clear crypto ikev1 sa 203.0.113.10", edge.NextStep);
            var branch = Assert.Single(findings, f => f.Device == "fw-branch");
            Assert.Equal(("0x3B8E4D17", "fw-edge1"), (branch.Spi, branch.PeerDevice));
            Assert.DoesNotContain("invalid-SPI", branch.Evidence);
        }

        [Fact]
        public void A_spoke_that_lost_the_hubs_newest_sa_is_a_desync_on_the_hub_marked_young()
        {
            var findings = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "iosxe-dmvpn/ASR1", "iosxe-desync/SPOKE3");
            var desync = Assert.Single(findings, f => f.PeerDevice != null);
            Assert.Equal(("SpiDesync", "ASR1", "SPOKE3", "0x290E38E9"), (desync.Code, desync.Device, desync.PeerDevice, desync.Spi));
            Assert.Contains("its inbound SPIs there are 0x050304C8 (SPOKE3 show-crypto-ipsec-sa-peer-detail.txt:33), 0x50919C87 (SPOKE3 show-crypto-ipsec-sa-peer-detail.txt:41)", desync.Evidence);
            Assert.Contains("the other direction agrees: SPOKE3 encrypts with 0x4F73B083, which ASR1 has inbound", desync.Evidence);
            Assert.Contains("SPOKE3 counts #pkts invalid sa (rcv) = 1290", desync.Evidence);
            // The hub's SA is 32 s old: the spoke's capture may predate it.
            Assert.Equal(FindingSeverity.Warning, desync.Severity);
            Assert.Contains("only 32 s old, so the two captures may straddle a rekey", desync.Evidence);
            Assert.Contains("'ENS_ipsec_profile'", desync.Assumptions);
            // One direction only: the clear runs on the hub, for that SA pair; IOS-XE commands.
            Assert.Equal("clear crypto sa entry 172.17.3.2 esp 0x290E38E9 on ASR1", desync.Remediation);
            Assert.Contains("then clear crypto session remote 172.17.3.2 on ASR1", desync.NextStep);
            // The spoke's own InvalidSpi verdict stays.
            Assert.Contains(findings, f => f.Code == "InvalidSpi" && f.Device == "SPOKE3" && f.PeerDevice == null);
        }

        [Fact]
        public void A_far_end_that_lost_every_sa_to_this_end_is_a_desync_cleared_on_this_end()
        {
            var findings = Diagnose("asa-clean/fw-edge1", "asa-lost/fw-branch");
            var desync = Assert.Single(findings);
            Assert.Equal(("SpiDesync", FindingSeverity.Critical, "fw-edge1", "fw-branch", "0xA19EC57E"), (desync.Code, desync.Severity, desync.Device, desync.PeerDevice, desync.Spi));
            Assert.Contains("but fw-branch holds no SA entry to fw-edge1 at all (its capture lists SAs to 192.0.2.99)", desync.Evidence);
            Assert.Contains("fw-branch logged 2 invalid-SPI drop(s) for 0xA19EC57E", desync.Evidence);
            Assert.Equal("clear crypto ipsec sa entry 203.0.113.10 esp 0xA19EC57E on fw-edge1", desync.Remediation);
            Assert.DoesNotContain("on fw-branch", desync.NextStep);
            Assert.Equal("fw-edge1 show-crypto-ipsec-sa.txt:36; fw-branch show-logging.txt:5", desync.SourceLines);
        }

        [Fact]
        public void A_clean_tunnel_gives_nothing_and_with_include_healthy_proves_both_directions()
        {
            var quiet = Diagnose("asa-clean/fw-edge1", "asa-clean/fw-branch");
            Assert.Empty(quiet);
            var healthy = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "asa-clean/fw-edge1", "asa-clean/fw-branch");
            var agree = Assert.Single(healthy);
            Assert.Equal(("EndsAgree", FindingSeverity.Info, "fw-edge1", "fw-branch"), (agree.Code, agree.Severity, agree.Device, agree.PeerDevice));
            Assert.Equal("0xA19EC57E", agree.Spi);
            Assert.Contains("fw-edge1 encrypts with 0xA19EC57E (fw-edge1 show-crypto-ipsec-sa.txt:36), which fw-branch has inbound (fw-branch show-crypto-ipsec-sa.txt:26)", agree.Evidence);
            Assert.Contains("fw-branch encrypts with 0xCF559E0D (fw-branch show-crypto-ipsec-sa.txt:36), which fw-edge1 has inbound (fw-edge1 show-crypto-ipsec-sa.txt:26)", agree.Evidence);
            Assert.Contains("fw-edge1: inbound 0xCF559E0D, outbound 0xA19EC57E; fw-branch: inbound 0xA19EC57E, outbound 0xCF559E0D", agree.Evidence);
        }

        [Fact]
        public void A_hub_pairs_with_each_of_its_peers_and_a_longer_lifetime_on_one_end_is_named()
        {
            var findings = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "asa-clean/fw-edge1", "asa-clean/fw-branch", "asa-clean/fw-dc2");
            Assert.Equal(2, findings.Count(f => f.Code == "EndsAgree"));
            Assert.Contains(findings, f => f.Code == "EndsAgree" && f.PeerDevice == "fw-dc2" && f.Spi == "0x7C1E0B55");
            var life = Assert.Single(findings, f => f.Code == "LifetimeMismatch");
            Assert.Equal((FindingSeverity.Info, "fw-edge1", "fw-dc2", "192.0.2.20"), (life.Severity, life.Device, life.PeerDevice, life.Peer));
            Assert.Contains("fw-edge1 shows 4608000 kB / 28800 s", life.Evidence);
            Assert.Contains("fw-dc2 shows 4608000 kB / 86400 s (lifetime setting 'global', fw-dc2 show-running-config-crypto-ipsec.txt:5)", life.Evidence);
            Assert.Contains("fw-edge1 reaches its time lifetime (28800 s against 86400 s) first and always starts the time-based rekey", life.Evidence);
            Assert.Contains("IKEv2, where each end keeps its own lifetime", life.Evidence);
            Assert.StartsWith("none needed", life.Remediation);
            // fw-edge1 and fw-branch show the same lifetime: nothing about them.
            Assert.DoesNotContain(findings, f => f.Code == "LifetimeMismatch" && f.PeerDevice == "fw-branch");
        }

        [Fact]
        public void A_dmvpn_hub_and_its_mirrored_spoke_agree_on_all_three_spi_pairs()
        {
            var findings = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "iosxe-dmvpn/ASR1", "iosxe-dmvpn/SPOKE3");
            // The hub's own verdicts (rekey churn, the orphan pair, receive errors) are untouched.
            Assert.Equal(new[] { "RekeyChurn", "OrphanSaPair", "ReplayOrAuthErrors" }, findings.Where(f => f.PeerDevice == null).Select(f => f.Code));
            var agree = Assert.Single(findings, f => f.PeerDevice != null);
            Assert.Equal(("EndsAgree", "ASR1", "SPOKE3", "0x290E38E9"), (agree.Code, agree.Device, agree.PeerDevice, agree.Spi));
            Assert.Contains("SPOKE3 encrypts with 0x4F73B083", agree.Evidence);
            Assert.Contains("ASR1: inbound 0xCDD2533F, 0xC14574C6, 0x4F73B083, outbound 0x050304C8, 0x50919C87, 0x290E38E9", agree.Evidence);
            Assert.DoesNotContain(findings, f => f.Code == "LifetimeMismatch");
        }

        [Fact]
        public void A_lifetime_mismatch_beside_a_rekey_collision_is_a_warning()
        {
            var findings = Diagnose("iosxe-dmvpn/ASR1", "iosxe-dmvpn-lifetime/SPOKE3");
            var life = Assert.Single(findings, f => f.Code == "LifetimeMismatch");
            Assert.Equal((FindingSeverity.Warning, "ASR1", "SPOKE3"), (life.Severity, life.Device, life.PeerDevice));
            Assert.Contains("ASR1 shows 4608000 kB / 3600 s", life.Evidence);
            Assert.Contains("SPOKE3 shows 4608000 kB / 7200 s", life.Evidence);
            Assert.Contains("ASR1 holds an SA pair that never carried traffic (0x050304C8)", life.Evidence);
            Assert.Equal("ASR1 show-crypto-ipsec-profile.txt:3; SPOKE3 show-crypto-ipsec-profile.txt:3", life.SourceLines);
            Assert.DoesNotContain(findings, f => f.Code == "SpiDesync");
        }

        [Fact]
        public void Proxies_that_are_not_mirror_images_are_a_proxy_mismatch_naming_both_ends()
        {
            var findings = Diagnose("asa-proxy/fw-edge1", "asa-proxy/fw-branch").Where(f => f.PeerDevice != null).ToList();
            Assert.Equal(new[] { "ProxyMismatch", "ProxyMismatch" }, findings.Select(f => f.Code));
            var edge = Assert.Single(findings, f => f.Device == "fw-edge1");
            Assert.Equal((FindingSeverity.Warning, "fw-branch", "10.255.203.0/255.255.255.0/0/0"), (edge.Severity, edge.PeerDevice, edge.LocalIdent));
            Assert.Contains("fw-branch has no entry with the mirror image (10.220.100.0/255.255.255.0/0/0 -> 10.255.203.0/255.255.255.0/0/0)", edge.Evidence);
            Assert.Contains("fw-branch's entries to 198.51.100.1 are for 10.220.100.0/255.255.255.0/0/0 -> 10.255.0.0/255.255.0.0/0/0 (fw-branch show-crypto-ipsec-sa.txt:26)", edge.Evidence);
            Assert.Contains("fw-branch: TO-HQ extended permit ip 10.220.100.0 255.255.255.0 10.255.0.0 255.255.0.0", edge.Remediation);
            // A proxy mismatch is not also called an SPI desync.
            Assert.DoesNotContain(findings, f => f.Code == "SpiDesync");
        }

        [Fact]
        public void Path_loss_compares_one_ends_encaps_growth_with_the_others_decaps_growth()
        {
            var before = new[] { "asa-clean/fw-edge1", "asa-clean/fw-branch" };
            var findings = Diagnose(null, before, "asa-pathloss/fw-edge1", "asa-pathloss/fw-branch");
            var loss = Assert.Single(findings, f => f.PeerDevice != null);
            Assert.Equal(("PathLoss", FindingSeverity.Warning, "fw-edge1", "fw-branch"), (loss.Code, loss.Severity, loss.Device, loss.PeerDevice));
            Assert.Contains("fw-edge1 encapsulated 5000 packets to fw-branch", loss.Evidence);
            Assert.Contains("fw-branch decapsulated 4000 from 198.51.100.1", loss.Evidence);
            Assert.Contains("1000 packets (20 %) did not arrive, beyond the tolerance of 5 %", loss.Evidence);
            Assert.Contains("not taken at the same instant", loss.Evidence);
            // The other direction (1000 sent, 995 received) is within the tolerance: not reported.
            Assert.DoesNotContain(findings, f => f.Code == "PathLoss" && f.Device == "fw-branch");
            // A wider tolerance accepts the 20 %; without the earlier snapshots there is nothing to compare.
            Assert.DoesNotContain(Diagnose(new DiagnosisOptions { PathLossTolerancePercent = 25 }, before, "asa-pathloss/fw-edge1", "asa-pathloss/fw-branch"), f => f.Code == "PathLoss");
            Assert.DoesNotContain(Diagnose("asa-pathloss/fw-edge1", "asa-pathloss/fw-branch"), f => f.Code == "PathLoss");
        }

        [Fact]
        public void Hand_made_pairing_matches_redacted_ends_by_their_mirrored_proxies()
        {
            // fw-branch's capture with its addresses redacted: nothing pairs it from the endpoints.
            var redacted = File.ReadAllText(Path.Combine(Ends("asa-desync/fw-branch"), "show-crypto-ipsec-sa.txt"))
                .Replace("203.0.113.10", "X.X.X.X").Replace("198.51.100.1", "Y.Y.Y.Y");
            var records = CaptureFiles.Expand(Ends("asa-desync/fw-edge1")).SelectMany(f => SpiTools.Parsing.CaptureParser.ParseFile(f)).ToList();
            records.AddRange(SpiTools.Parsing.CaptureParser.ParseText(redacted, "branch.txt"));
            Assert.Empty(EndsDiagnosis.Diagnose(records));

            var options = new DiagnosisOptions();
            options.PeerOf.Add(("fw-branch", "fw-edge1"));
            var findings = EndsDiagnosis.Diagnose(records, null, options);
            Assert.Equal(new[] { ("fw-branch", "0x3B8E4D17"), ("fw-edge1", "0xA19EC57E") }, findings.Select(f => (f.Device!, f.Spi!)).OrderBy(x => x.Item1));
            Assert.All(findings, f => Assert.Equal("SpiDesync", f.Code));
            Assert.Contains(findings, f => f.Remediation!.StartsWith("clear crypto ipsec sa entry Y.Y.Y.Y esp 0x3B8E4D17 on fw-branch", StringComparison.Ordinal));

            // A device named in a hand-made pairing is paired only as given.
            var other = new DiagnosisOptions();
            other.PeerOf.Add(("fw-branch", "rtr-elsewhere"));
            Assert.Empty(EndsDiagnosis.Diagnose(records, null, other));
        }

        [Fact]
        public void A_device_given_twice_takes_part_once_with_its_first_snapshot()
        {
            var sink = new FakeSink();
            var files = new[] { "asa-clean/fw-edge1", "asa-proxy/fw-edge1", "asa-clean/fw-branch" }.SelectMany(f => CaptureFiles.Expand(Ends(f)));
            var devices = Diagnosed.Run(files, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions { IncludeHealthy = true }, sink);
            Assert.Contains(sink.Warnings, w => w.Contains("captures of this device come from 2 folders"));
            Assert.Equal(new[] { "fw-edge1", "fw-edge1", "fw-branch" }, devices.Select(d => d.Device));
            var agree = Assert.Single(devices.SelectMany(d => d.Findings));
            Assert.Equal(("EndsAgree", "fw-edge1", "fw-branch"), (agree.Code, agree.Device, agree.PeerDevice));
            Assert.Same(agree, devices[0].Findings.Single());
        }

        [Fact]
        public void Devices_that_share_no_tunnel_are_not_paired()
        {
            var findings = Diagnose(new DiagnosisOptions { IncludeHealthy = true }, null, "asa-clean/fw-branch", "iosxe-dmvpn/SPOKE3");
            Assert.DoesNotContain(findings, f => f.PeerDevice != null);
            var devices = new[] { "asa-clean/fw-branch", "iosxe-dmvpn/SPOKE3" }
                .Select(f => CaptureFiles.Expand(Ends(f)).SelectMany(p => SpiTools.Parsing.CaptureParser.ParseFile(p)).ToList()).ToList();
            Assert.Empty(EndsDiagnosis.Diagnose(devices.SelectMany(d => d), null, new DiagnosisOptions { IncludeHealthy = true }));
            Assert.All(BothEndsCodes, c => Assert.DoesNotContain(findings, f => f.Code == c));
        }
    }
}
