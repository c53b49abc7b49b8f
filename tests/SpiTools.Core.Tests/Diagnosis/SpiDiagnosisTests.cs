using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    public class SpiDiagnosisTests
    {
        private static List<ICaptureRecord> Read(params string[] files) =>
            files.SelectMany(f => Captures.Parse(f).Records).ToList();

        /// <summary>A folder read as the diagnosis reads it: a prompt echoed in one file names the folder's other files.</summary>
        private static List<ICaptureRecord> Folder(string folder, string device)
        {
            var records = Directory.EnumerateFiles(Captures.PathOf(folder)).OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => CaptureParser.ParseFile(f, new CaptureParseOptions { Device = device })).ToList();
            var prompted = records.Select(r => r.Device).FirstOrDefault(d => d != null && d != device);
            if (prompted != null)
                foreach (var r in records.Where(r => r.Device == device).OfType<IStampableRecord>()) r.Device = prompted;
            return records;
        }

        [Fact]
        public void Seed_000_device_is_a_stale_outbound_context_with_one_way_traffic()
        {
            var findings = SpiDiagnosis.Diagnose(Folder("asa-stale-spi/device", "x")).ToList();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, findings.Select(f => f.Code));
            var stale = findings[0];
            Assert.Equal(FindingSeverity.Critical, stale.Severity);
            Assert.Equal("fw-edge1", stale.Device);
            Assert.Equal("203.0.113.10", stale.Peer);
            Assert.Equal("0x2D2EA0A4", stale.Context);
            Assert.Equal("0x25A3076D", stale.Spi);
            Assert.Equal("10.220.100.0/255.255.255.0/0/0", stale.RemoteIdent);
            Assert.Contains("uses VPN context 0x2D2EA0A4 (SPI 0x25A3076D, 41006 packets)", stale.Evidence);
            Assert.Contains("current outbound SPI is 0xA19EC57E, whose context 0x2D80E6FC carried 0 packets", stale.Evidence);
            Assert.Contains("2 ENCR contexts exist for remote network 10.220.100.0", stale.Evidence);
            Assert.Contains("encaps 0 while decaps 484", stale.Evidence);
            Assert.Equal("clear crypto ipsec sa inactive", stale.Remediation);
            Assert.Contains("live tunnels stay up", stale.BlastRadius);
            Assert.StartsWith("clear crypto ipsec sa peer 203.0.113.10", stale.NextStep);
            Assert.Contains("reload", stale.NextStep);
            Assert.Contains("show-asp-table-vpn-context-detail.txt:3", stale.SourceLines);
            Assert.Contains("show-crypto-ipsec-sa.txt:36", stale.SourceLines);
            Assert.False(stale.BasedOnDamagedCapture);
            Assert.Equal(FindingSeverity.Critical, findings[1].Severity);
            Assert.DoesNotContain(findings, f => f.Peer == "192.0.2.20");
        }

        [Fact]
        public void Without_a_trace_the_remote_networks_contexts_still_give_the_verdict()
        {
            var records = Read("asa-stale-spi/device/show-crypto-ipsec-sa.txt", "asa-stale-spi/device/show-asp-table-vpn-context-detail.txt");
            var stale = Assert.Single(SpiDiagnosis.Diagnose(records), f => f.Code == "StaleVpnContext");
            Assert.Equal("0x2D2EA0A4", stale.Context);
            Assert.Contains("0x2D80E6FC carried 0 packets", stale.Evidence);
        }

        [Fact]
        public void After_the_clear_nothing_is_reported()
        {
            var records = Folder("asa-stale-spi/device-after-clear", "x");
            // Quiet because the device is healthy, not because nothing was read.
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            var outbound = Assert.Single(sas, s => s.IsCurrentOutbound && s.Peer == "203.0.113.10");
            Assert.Equal("0xA19EC57E", outbound.Spi);
            Assert.Equal(152, outbound.PacketsEncapsulated);
            Assert.Contains(records.Of<VpnContext>(), c => c.Context == "0x2D80E6FC" && c.Spi == "0xA19EC57E");
            Assert.DoesNotContain(records.Of<VpnContext>(), c => c.Context == "0x2D2EA0A4");
            var trace = Assert.Single(records.Of<PacketTrace>());
            Assert.Equal("0x2D80E6FC", trace.EncryptVpnContext);
            Assert.Empty(SpiDiagnosis.Diagnose(records));
        }

        [Fact]
        public void Each_finding_names_its_first_source_line_as_its_source_and_line()
        {
            var findings = SpiDiagnosis.Diagnose(Folder("asa-stale-spi/device", "x"))
                .Concat(SpiDiagnosis.Diagnose(Read("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt", "asa-stale-spi/show-asp-table-vpn-context-detail.as-published.txt")))
                .ToList();
            Assert.Contains(findings, f => f.Code == FindingCodes.CaptureDamaged);
            foreach (var f in findings)
            {
                var lines = f.SourceLines!.Split(new[] { "; " }, StringSplitOptions.None);
                Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
                Assert.Equal($"{f.Source}:{f.Line}", lines[0]);
                Assert.Equal(f.Line, f.LastLine);
                Assert.True(f.Line > 0, f.ToString());
                Assert.DoesNotContain("/", f.Source);
            }
        }

        [Fact]
        public void Finding_codes_are_their_own_names()
        {
            var codes = typeof(FindingCodes).GetFields().Where(x => x.IsLiteral).ToList();
            Assert.Equal(new HashSet<string>
            {
                "StaleVpnContext", "OneWayTraffic", "VolumeLifetimeExhausted", "RekeyChurn", "OrphanSaPair", "InvalidSpi", "ProxyMismatch", "ReplayOrAuthErrors", "CaptureDamaged",
                "SpiDesync", "PathLoss", "LifetimeMismatch", "EndsAgree",
                "RekeyTimeline", "RekeyCollision", "DeletedSpiInUse", "StuckInactiveSa", "IkeUpNoChildSa", "IkeRekeyFlap",
            }, codes.Select(c => c.Name).ToHashSet());
            Assert.All(codes, c => Assert.Equal(c.Name, (string)c.GetRawConstantValue()!));
        }

        [Fact]
        public void As_published_text_gives_the_same_verdict_plus_capture_damage()
        {
            var findings = SpiDiagnosis.Diagnose(Folder("asa-stale-spi", "asa-stale-spi")).ToList();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic", "CaptureDamaged" }, findings.Select(f => f.Code));
            Assert.All(findings, f => Assert.True(f.BasedOnDamagedCapture));
            Assert.Equal("0x2D2EA0A4", findings[0].Context);
            Assert.Contains("0xA19EC57E", findings[0].Evidence);
            var damage = findings[2];
            Assert.Equal(FindingSeverity.Warning, damage.Severity);
            Assert.Contains("SpiDecimalMismatch at line 32", damage.Evidence);
            Assert.Contains("RedactedValue at lines 3, 4, 9, 19", damage.Evidence);
            Assert.Contains("JoinedLine", damage.Evidence);
        }

        [Fact]
        public void Seed_001_is_rekey_churn_with_an_orphan_pair_and_nothing_critical()
        {
            var findings = SpiDiagnosis.Diagnose(Folder("iosxe-dmvpn-multi-spi", "x")).ToList();
            Assert.DoesNotContain(findings, f => f.Severity != FindingSeverity.Info);
            Assert.All(findings, f => Assert.Equal("ASR1", f.Device));
            var churn = Assert.Single(findings, f => f.Code == "RekeyChurn");
            Assert.Equal("0x290E38E9", churn.Spi);
            Assert.InRange(churn.ThroughputMbps!.Value, 825, 828);
            Assert.InRange(churn.RekeyIntervalSeconds!.Value, 35, 45);
            Assert.Contains("4608000 - 1302222 = 3305778 kB in 3600 - 3568 = 32 s", churn.Evidence);
            Assert.Contains("not load balancing", churn.Evidence);
            Assert.Contains("lifetime kilobytes disable", churn.Remediation);
            Assert.Contains("ENS_ipsec_profile", churn.Assumptions);
            var orphan = Assert.Single(findings, f => f.Code == "OrphanSaPair");
            Assert.Equal("0x050304C8", orphan.Spi);
            Assert.Contains("0xCDD2533F (in) / 0x050304C8 (out)", orphan.Evidence);
            Assert.Contains("expires by itself in 656 s", orphan.Evidence);
            Assert.StartsWith("clear crypto sa entry 172.17.3.2 esp 0x050304C8", orphan.NextStep);
            Assert.Contains(findings, f => f.Code == "ReplayOrAuthErrors" && f.Evidence.Contains("#recv errors = 1560"));
        }

        [Fact]
        public void Default_lifetimes_are_stated_as_assumptions()
        {
            var findings = SpiDiagnosis.Diagnose(Read("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt")).ToList();
            var churn = Assert.Single(findings, f => f.Code == "RekeyChurn");
            Assert.Contains("IOS-XE defaults 4608000 kB / 3600 s are assumed", churn.Assumptions);
        }

        [Fact]
        public void A_healthy_tunnelsup_trace_context_and_sa_chain_is_not_stale()
        {
            var findings = SpiDiagnosis.Diagnose(Read(
                "peers/docs-tunnelsup/cisco_asa/packet-tracer-detail/tunnelsup_asp-tables-spi_pkt-tracer.raw",
                "peers/docs-tunnelsup/cisco_asa/show-asp-table-vpn-context-detail/tunnelsup_asp-tables-spi_vpn-context.raw",
                "peers/docs-tunnelsup/cisco_asa/show-crypto-ipsec-sa-peer/tunnelsup_asp-tables-spi_ipsec-sa-peer.raw")).ToList();
            Assert.DoesNotContain(findings, f => f.Code == "StaleVpnContext");
            Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Critical);
        }

        [Theory]
        [MemberData(nameof(PeerIpsecFiles))]
        public void Peer_fixtures_never_show_a_stale_context_churn_or_orphan(string file)
        {
            // The peers' outputs come from working tunnels, some with rekeys in progress (several SAs per entry).
            var findings = SpiDiagnosis.Diagnose(Read(file)).ToList();
            Assert.DoesNotContain(findings, f => f.Code is "StaleVpnContext" or "OrphanSaPair" or "RekeyChurn");
        }

        [Fact]
        public void A_current_outbound_sa_printed_with_no_volume_left_is_reported()
        {
            // genieparser's detail fixture 1 prints "(0/92)" on the current outbound SA: the F3 signature itself.
            var findings = SpiDiagnosis.Diagnose(Read("peers/genieparser/cisco_xe/show-crypto-ipsec-sa-detail/ShowCryptoIpsecSaDetail__golden_output_1.raw")).ToList();
            var f = Assert.Single(findings, x => x.Code == "VolumeLifetimeExhausted");
            Assert.Equal("0xBFD0E7BA", f.Spi);
            Assert.Contains("0 kB of volume lifetime left with 92 s remaining", f.Evidence);
        }

        public static IEnumerable<object[]> PeerIpsecFiles() =>
            Captures.AllFiles().Where(f => f.StartsWith("peers/") && f.Contains("ipsec-sa") && f.EndsWith(".raw")).Select(f => new object[] { f });

        [Fact]
        public void With_an_earlier_snapshot_counters_are_judged_on_their_growth()
        {
            var now = Read("asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            var before = Read("asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            // Nothing moved between the snapshots: no one-way verdict on deltas of zero.
            Assert.DoesNotContain(SpiDiagnosis.Diagnose(now, before), f => f.Code == "OneWayTraffic");
            foreach (var sa in before.OfType<IpsecSa>().Where(s => s.Peer == "203.0.113.10")) sa.PacketsDecapsulated = 400;
            var oneWay = Assert.Single(SpiDiagnosis.Diagnose(now, before), f => f.Code == "OneWayTraffic");
            Assert.Contains("encaps 0 while decaps 84 between the two snapshots", oneWay.Evidence);
        }

        [Fact]
        public void Exhausted_volume_and_growing_error_counters_are_reported()
        {
            var records = Read("asa-stale-spi/device/show-crypto-ipsec-sa.txt", "asa-stale-spi/device/show-asp-table-vpn-context-detail.txt");
            var before = Read("asa-stale-spi/device/show-crypto-ipsec-sa.txt", "asa-stale-spi/device/show-asp-table-vpn-context-detail.txt");
            var healthy = records.OfType<IpsecSa>().Single(s => s.Spi == "0x7C1E0B55");
            healthy.RemainingKilobytes = 0;
            records.OfType<VpnContext>().Single(c => c.Context == "0x2E1035D8").BadSpi = 12;
            var findings = SpiDiagnosis.Diagnose(records, before).ToList();
            var exhausted = Assert.Single(findings, f => f.Code == "VolumeLifetimeExhausted");
            Assert.Equal(FindingSeverity.Critical, exhausted.Severity);
            Assert.Equal("clear crypto ipsec sa peer 192.0.2.20", exhausted.Remediation);
            var invalid = Assert.Single(findings, f => f.Code == "InvalidSpi");
            Assert.Equal(FindingSeverity.Warning, invalid.Severity);
            Assert.Contains("Bad SPI = 12, up 12 since the earlier snapshot", invalid.Evidence);
        }
    }
}
