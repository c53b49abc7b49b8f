using System.Text;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Timeline;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// RekeyCollision and DeletedSpiInUse on hand-made logs in the layout of real ones: IOS-XE IKEv1 debugs line for line
    /// as examples/iosxe-dmvpn-multi-spi prints them, ASA and IOS syslog as Cisco's guides word them. Each with the clean log that gives nothing.
    /// </summary>
    public class TimelineFindingTests
    {
        private const string Seed = "iosxe-dmvpn-multi-spi";

        private static List<ICaptureRecord> Text(string source, string text, string device = "ASR1") =>
            CaptureParser.ParseText(text, source, new CaptureParseOptions { Device = device }).ToList();

        private static List<ICaptureRecord> SeedFile(string file) =>
            CaptureParser.ParseFile(Captures.PathOf(Seed + "/" + file), new CaptureParseOptions { Device = "ASR1" }).ToList();

        // ---- IOS-XE IKEv1 debug lines, as examples/iosxe-dmvpn-multi-spi prints them.

        private static string Line(DateTime t, int conn, string text) =>
            $"{t.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture)} {t.Day,2} {t:HH:mm:ss.fff}: ISAKMP: ({conn}):{text}\n";

        private static string Pak(DateTime t, int conn, string text) =>
            $"{t.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture)} {t.Day,2} {t:HH:mm:ss.fff}: ISAKMP-PAK: ({conn}):{text}\n";

        /// <summary>This end starts Quick Mode <paramref name="mid"/>.</summary>
        private static string Initiate(DateTime t, int conn, long mid, string local, string peer) =>
            Line(t, conn, "set new node 0 to QM_IDLE") +
            Line(t, conn, $"SA has outstanding requests  (local {local} port 500, remote {peer} port 500)") +
            Line(t, conn, "sitting IDLE. Starting QM immediately (QM_IDLE      )") +
            Line(t, conn, $"beginning Quick Mode exchange, M-ID of {mid}") +
            Line(t, conn, "QM Initiator gets spi") +
            Pak(t, conn, $"sending packet to {peer} my_port 500 peer_port 500 (R) QM_IDLE") +
            Line(t, conn, "Sending an IKE IPv4 Packet.") +
            Line(t, conn, $"Node {mid}, Input = IKE_MESG_INTERNAL, IKE_INIT_QM") +
            Line(t, conn, "Old State = IKE_QM_READY  New State = IKE_QM_I_QM1");

        /// <summary>The initiator gets the answer to <paramref name="mid"/> and installs <paramref name="spi"/>.</summary>
        private static string InitiatorInstalls(DateTime t, int conn, long mid, string peer, string spi) =>
            Pak(t, conn, $"received packet from {peer} dport 500 sport 500 Global (R) QM_IDLE") +
            Line(t, conn, $"processing HASH payload. message ID = {mid}") +
            Line(t, conn, $"processing SA payload. message ID = {mid}") +
            Line(t, conn, $"Node {mid}, Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH") +
            Line(t, conn, "Old State = IKE_QM_I_QM1  New State = IKE_QM_IPSEC_INSTALL_AWAIT") +
            Line(t, conn, $"Successfully installed IPSEC SA (SPI:{spi}) on Tunnel0") +
            Line(t, conn, $"Node {mid}, Input = IKE_MESG_FROM_IPSEC, IPSEC_INSTALL_DONE") +
            Line(t, conn, "Old State = IKE_QM_IPSEC_INSTALL_AWAIT  New State = IKE_QM_PHASE2_COMPLETE");

        /// <summary>This end answers the peer's Quick Mode <paramref name="mid"/> and installs <paramref name="spi"/>.</summary>
        private static string Respond(DateTime t, int conn, long mid, string peer, string spi) =>
            Pak(t, conn, $"received packet from {peer} dport 500 sport 500 Global (R) QM_IDLE") +
            Line(t, conn, $"set new node {mid} to QM_IDLE") +
            Line(t, conn, $"processing HASH payload. message ID = {mid}") +
            Line(t, conn, $"processing SA payload. message ID = {mid}") +
            Line(t, conn, "QM Responder gets spi") +
            Line(t, conn, $"Node {mid}, Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH") +
            Line(t, conn, "Old State = IKE_QM_READY  New State = IKE_QM_SPI_STARVE") +
            Line(t, conn, $"Successfully installed IPSEC SA (SPI:{spi}) on Tunnel0") +
            Line(t, conn, $"Node {mid}, Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH") +
            Line(t, conn, "Old State = IKE_QM_R_QM2  New State = IKE_QM_PHASE2_COMPLETE");

        private const string Hub = "172.17.3.1", Spoke = "172.17.3.2";

        /// <summary>
        /// Both ends of examples/iosxe-dmvpn-multi-spi start Quick Mode <paramref name="apart"/> seconds apart: the hub M-ID 1405873911, the
        /// spoke M-ID 2970012264. The hub installs 0x4F8C2B10 (its own exchange) and 0xCDD2533F (the spoke's); the spoke
        /// 0x050304C8 and 0x7D11A3E5.
        /// </summary>
        private static (List<ICaptureRecord> Hub, List<ICaptureRecord> Spoke) BothStart(double apart) =>
            (Text("debug-crypto-isakmp.hub.txt", HubText(apart)), Text("debug-crypto-isakmp.spoke.txt", SpokeText(apart)));

        private static string Sorted(StringBuilder log) =>
            string.Concat(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((l, i) => (l, i)).OrderBy(x => x.l.Substring(0, 19), StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.l + "\n"));

        [Fact]
        public void Both_ends_starting_quick_mode_within_a_second_is_a_collision_tied_to_the_orphan_pair_of_the_sa_capture()
        {
            var (hub, spoke) = BothStart(0.3);
            var records = SeedFile("show-crypto-ipsec-sa-peer.txt").Concat(SeedFile("show-crypto-ipsec-profile.txt")).Concat(hub).Concat(spoke).ToList();
            var findings = SpiDiagnosis.Diagnose(records).ToList();
            var f = Assert.Single(findings, x => x.Code == FindingCodes.RekeyCollision);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Equal("ASR1", f.Device);
            Assert.Equal(Spoke, f.Peer);
            Assert.Contains("debug-crypto-isakmp.hub started Quick Mode M-ID 1405873911 at 22:22:46.120 and debug-crypto-isakmp.spoke started M-ID 2970012264 at 22:22:46.420, 0.3 s apart", f.Evidence);
            Assert.Contains("M-ID 1405873911: debug-crypto-isakmp.hub installed 0x4F8C2B10 and debug-crypto-isakmp.spoke installed 0x050304C8;", f.Evidence);
            Assert.Contains("IKEv1 has no rule to drop one", f.Evidence);
            // The SA capture still lists the hub's SA of the spoke's exchange with all of its volume left: the orphan, shown, not inferred.
            Assert.Contains("SA 0xCDD2533F from this collision is still installed with its whole volume lifetime left (4608000 kB, show-crypto-ipsec-sa-peer.txt:", f.Evidence);
            Assert.Equal("0xCDD2533F", f.Spi);
            Assert.StartsWith("none needed", f.Remediation);
            Assert.Contains("clear crypto sa entry 172.17.3.2 esp 0xCDD2533F", f.NextStep);
            Assert.Contains("debug-crypto-isakmp.hub.txt:", f.SourceLines);
            Assert.Contains("debug-crypto-isakmp.spoke.txt:", f.SourceLines);

            // The side-by-side rows name the collision on both starts.
            var t = Assert.Single(SaTimeline.Build(hub.Concat(spoke).OfType<SaEvent>()));
            var starts = t.Rows.Where(r => r.Note?.StartsWith("collision", StringComparison.Ordinal) == true).ToList();
            Assert.Equal(2, starts.Count);
            Assert.Contains("debug-crypto-isakmp.spoke started M-ID 2970012264 0.3 s later", starts[0].Note);
            Assert.Empty(t.Intervals); // one rekey, counted once
        }

        [Fact]
        public void The_same_two_rekeys_30_seconds_apart_are_no_collision_but_a_timeline()
        {
            var (hub, spoke) = BothStart(30);
            var findings = SpiDiagnosis.Diagnose(hub.Concat(spoke)).ToList();
            Assert.DoesNotContain(findings, x => x.Code == FindingCodes.RekeyCollision);
            var f = Assert.Single(findings, x => x.Code == FindingCodes.RekeyTimeline);
            Assert.Equal(30.001, f.MeasuredIntervalSeconds); // the first installs of each: 22:22:46.124 (spoke, answering) and 22:23:16.125 (hub, answering)
            Assert.Contains("started by debug-crypto-isakmp.hub 1 time(s), by debug-crypto-isakmp.spoke 1 time(s)", f.Evidence);
        }

        [Fact]
        public void One_end_alone_sees_the_collision_as_its_own_start_and_the_peers_within_the_window()
        {
            var (hub, _) = BothStart(0.3);
            var f = Assert.Single(SpiDiagnosis.Diagnose(hub), x => x.Code == FindingCodes.RekeyCollision);
            Assert.Contains("ASR1 started Quick Mode M-ID 1405873911 at 22:22:46.120 and peer started M-ID 2970012264", f.Evidence);
        }

        [Fact]
        public void Two_devices_logs_pair_by_address_and_share_their_exchanges()
        {
            var (hub, _) = BothStart(0.3);
            var spoke = Text("debug.txt", SpokeText(0.3), device: "spoke9");
            var t = Assert.Single(SaTimeline.Build(hub.Concat(spoke).OfType<SaEvent>()));
            Assert.Equal("ASR1", t.Tunnel.A.Name);
            Assert.Equal("spoke9", t.Tunnel.B!.Name);
            Assert.Equal(2, t.SkewFrom.Count);
            Assert.Single(t.Collisions);
        }

        [Fact]
        public void Two_devices_logs_read_in_one_diagnosis_give_the_collision_once_under_the_first_device()
        {
            var (hub, _) = BothStart(0.3);
            var spoke = Text("debug.txt", SpokeText(0.3), device: "spoke9");
            var findings = SpiDiagnosis.Diagnose(hub.Concat(spoke)).Where(x => x.Code == FindingCodes.RekeyCollision).ToList();
            var f = Assert.Single(findings);
            Assert.Equal("ASR1", f.Device);
            Assert.Contains("ASR1 started Quick Mode M-ID 1405873911 at 22:22:46.120 and spoke9 started M-ID 2970012264", f.Evidence);
            Assert.Contains("debug.txt:", f.SourceLines);
        }

        [Fact]
        public void Two_folders_diagnosed_by_the_service_pair_their_logs_and_report_the_collision_once()
        {
            var dir = Directory.CreateTempSubdirectory("spitools-timeline").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(dir, "hub1"));
                Directory.CreateDirectory(Path.Combine(dir, "spoke9"));
                File.WriteAllText(Path.Combine(dir, "hub1", "debug.txt"), HubText(0.3));
                File.WriteAllText(Path.Combine(dir, "spoke9", "debug.txt"), SpokeText(0.3));
                var sink = new SpiTools.Core.Tests.Services.FakeSink();
                var devices = Diagnosed.Run(
                    new[] { Path.Combine(dir, "hub1", "debug.txt"), Path.Combine(dir, "spoke9", "debug.txt") }, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink);
                Assert.Equal(new[] { "hub1", "spoke9" }, devices.Select(d => d.Device));
                var f = Assert.Single(devices.SelectMany(d => d.Findings), x => x.Code == FindingCodes.RekeyCollision);
                Assert.Equal("hub1", f.Device);
                Assert.Contains("hub1 started Quick Mode M-ID 1405873911", f.Evidence);
                Assert.Contains("spoke9 started M-ID 2970012264", f.Evidence);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void Logs_that_share_no_address_and_no_exchange_pair_only_by_hand()
        {
            // Fixtures/ends/timeline-nat (the front ends' tests read it too): NAT on both sides, the hub (192.0.2.1) logs
            // the spoke as 198.51.100.7, the spoke (10.0.0.2) logs the hub as 203.0.113.9; their logs cover different
            // minutes, so no message ID is shared either.
            var t0 = new DateTime(2026, 9, 7, 22, 0, 0, 0);
            string hubLog = Sorted(new StringBuilder(Initiate(t0, 101, 1111, "192.0.2.1", "198.51.100.7") + InitiatorInstalls(t0.AddMilliseconds(20), 101, 1111, "198.51.100.7", "0x11110001")));
            string spokeLog = Sorted(new StringBuilder(Initiate(t0.AddSeconds(40), 202, 2222, "10.0.0.2", "203.0.113.9") + InitiatorInstalls(t0.AddSeconds(40).AddMilliseconds(20), 202, 2222, "203.0.113.9", "0x22220001")));
            string NatLog(string device) => File.ReadAllText(Captures.PathOf($"../ends/timeline-nat/{device}/debug-crypto-isakmp.txt"));
            Assert.Equal(hubLog, NatLog("hub1"));
            Assert.Equal(spokeLog, NatLog("spoke9"));
            var records = Text("hub.txt", hubLog, device: "hub1").Concat(Text("spoke.txt", spokeLog, device: "spoke9")).ToList();

            Assert.DoesNotContain(SpiDiagnosis.Diagnose(records), x => x.Code == FindingCodes.RekeyTimeline);

            var options = new DiagnosisOptions();
            options.PeerOf.Add(("hub1", "spoke9"));
            var f = Assert.Single(SpiDiagnosis.Diagnose(records, null, options), x => x.Code == FindingCodes.RekeyTimeline);
            Assert.Equal("hub1", f.Device);
            Assert.Equal(40, f.MeasuredIntervalSeconds);
            Assert.Contains("started by hub1 1 time(s), by spoke9 1 time(s)", f.Evidence);
            Assert.Contains("22:00:40.020 M-ID 2222 started by spoke9 (spoke9 installed 0x22220001)", f.Evidence);
            Assert.DoesNotContain("clock offset", f.Evidence); // no exchange both logged: no offset to measure

            // Device names in a hand-made pairing ignore case, as PowerShell's hashtable keys do (and as the both-ends pairing does).
            var anyCase = new DiagnosisOptions();
            anyCase.PeerOf.Add(("HUB1", "Spoke9"));
            Assert.Equal(f.Evidence, Assert.Single(SpiDiagnosis.Diagnose(records, null, anyCase), x => x.Code == FindingCodes.RekeyTimeline).Evidence);
        }

        [Fact]
        public void Two_long_debugs_of_1000_rekeys_taking_turns_give_every_rekey_every_interval_and_no_collision()
        {
            var t0 = new DateTime(2026, 9, 7, 0, 0, 0, 0);
            var hub = new StringBuilder();
            var spoke = new StringBuilder();
            for (int i = 0; i < 1000; i++)
            {
                var t = t0.AddSeconds(40 * i);
                long mid = 1000000000L + i;
                string spiHub = "0x" + (0x10000000 + i).ToString("X8"), spiSpoke = "0x" + (0x20000000 + i).ToString("X8");
                bool hubStarts = i % 2 == 0;
                // The clocks differ by 2 s: the spoke's log reads 2 s later for the same moment.
                var ts = t.AddSeconds(2);
                if (hubStarts)
                {
                    hub.Append(Initiate(t, 79859, mid, Hub, Spoke)).Append(InitiatorInstalls(t.AddMilliseconds(9), 79859, mid, Spoke, spiHub));
                    spoke.Append(Respond(ts.AddMilliseconds(4), 75895, mid, Hub, spiSpoke));
                }
                else
                {
                    spoke.Append(Initiate(ts, 75895, mid, Spoke, Hub)).Append(InitiatorInstalls(ts.AddMilliseconds(9), 75895, mid, Hub, spiSpoke));
                    hub.Append(Respond(t.AddMilliseconds(4), 79859, mid, Spoke, spiHub));
                }
            }
            var events = Text("hub.txt", hub.ToString()).Concat(Text("spoke.txt", spoke.ToString())).OfType<SaEvent>().ToList();
            var t1 = Assert.Single(SaTimeline.Build(events));
            Assert.Equal(1000, t1.Rekeys.Count);
            Assert.Equal(500, t1.Rekeys.Count(x => x.StartedByA));
            Assert.Equal(1000, t1.SkewFrom.Count);
            Assert.InRange(t1.ClockSkewSeconds!.Value, 1.99, 2.01);
            Assert.Equal(999, t1.Intervals.Count);
            Assert.All(t1.Intervals, v => Assert.InRange(v, 39.98, 40.02));
            Assert.Empty(t1.Collisions);
            Assert.Empty(t1.DeletedInUse);
        }

        /// <summary>The hub's debug of <see cref="BothStart"/>.</summary>
        internal static string HubText(double apart)
        {
            var t0 = new DateTime(2026, 9, 7, 22, 22, 46, 120);
            var t1 = t0.AddSeconds(apart);
            var hub = new StringBuilder();
            hub.Append(Initiate(t0, 79859, 1405873911, Hub, Spoke));
            hub.Append(Respond(t1.AddMilliseconds(5), 79859, 2970012264, Spoke, "0xCDD2533F"));
            hub.Append(InitiatorInstalls(t0.AddMilliseconds(9), 79859, 1405873911, Spoke, "0x4F8C2B10"));
            return Sorted(hub);
        }

        /// <summary>The spoke's debug of <see cref="BothStart"/>.</summary>
        internal static string SpokeText(double apart)
        {
            var t0 = new DateTime(2026, 9, 7, 22, 22, 46, 120);
            var t1 = t0.AddSeconds(apart);
            var spoke = new StringBuilder();
            spoke.Append(Initiate(t1, 75895, 2970012264, Spoke, Hub));
            spoke.Append(Respond(t0.AddMilliseconds(4), 75895, 1405873911, Hub, "0x050304C8"));
            spoke.Append(InitiatorInstalls(t1.AddMilliseconds(10), 75895, 2970012264, Hub, "0x7D11A3E5"));
            return Sorted(spoke);
        }

        // ---- invalid SPI after a delete

        private const string AsaRekey =
            "fw-edge1# show logging\n" +
            "Syslog logging: enabled\n" +
            "Sep 07 2024 23:40:00: %ASA-6-602303: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x5D1F8E34) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
            "Sep 07 2024 23:40:00: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
            "Sep 07 2024 23:40:24: %ASA-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x25A3076D) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n" +
            "Sep 07 2024 23:40:24: %ASA-6-602304: IPSEC: An outbound LAN-to-LAN SA (SPI= 0x2D2EA0A4) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n";

        private static string Invalid(string time, int seq) =>
            $"Sep 07 2024 {time}: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x{seq:X}) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n";

        [Fact]
        public void Asa_invalid_spi_for_a_minute_after_the_delete_is_a_warning_that_the_peer_keeps_the_dead_sa()
        {
            string log = AsaRekey + Invalid("23:40:25", 0x1F) + Invalid("23:40:31", 0x20) + Invalid("23:40:52", 0x21) + Invalid("23:41:30", 0x22);
            var findings = SpiDiagnosis.Diagnose(Text("show-logging.txt", log, device: "x")).ToList();
            var f = Assert.Single(findings, x => x.Code == FindingCodes.DeletedSpiInUse);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal("fw-edge1", f.Device);
            Assert.Equal("203.0.113.10", f.Peer);
            Assert.Equal("0x25A3076D", f.Spi);
            Assert.Contains("fw-edge1 deleted SPI 0x25A3076D at 23:40:24; 4 invalid-SPI event(s) for it followed on fw-edge1 (%ASA-4-402114) from 23:40:25 to 23:41:30, the last 66 s after the delete", f.Evidence);
            Assert.Contains("the peer 203.0.113.10 keeps sending on an SPI that is gone", f.Evidence);
            Assert.Contains("clear crypto ipsec sa peer 198.51.100.1 (ASA/FTD)", f.Remediation);
            Assert.Contains("invalid-spi-recovery", f.NextStep);
            Assert.Equal("show-logging.txt:5; show-logging.txt:7; show-logging.txt:10", f.SourceLines);
        }

        [Fact]
        public void A_short_burst_right_after_the_delete_is_informational_and_a_clean_log_gives_nothing()
        {
            var transient = SpiDiagnosis.Diagnose(Text("l.txt", AsaRekey + Invalid("23:40:24", 0x1F) + Invalid("23:40:26", 0x20), device: "x")).ToList();
            var f = Assert.Single(transient, x => x.Code == FindingCodes.DeletedSpiInUse);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Contains("packets in flight while the rekey settled", f.Evidence);
            Assert.Empty(SpiDiagnosis.Diagnose(Text("l.txt", AsaRekey, device: "x")));
            // An invalid SPI that was never deleted in the log is not this finding.
            Assert.DoesNotContain(SpiDiagnosis.Diagnose(Text("l.txt", AsaRekey.Replace("0x25A3076D", "0x11111111", StringComparison.Ordinal) + Invalid("23:40:40", 1), device: "x")),
                x => x.Code == FindingCodes.DeletedSpiInUse);
        }

        [Fact]
        public void Ios_invalid_spi_syslog_after_the_dmvpn_hubs_delete_of_0x83877863()
        {
            string ios =
                "000412: *Sep  7 23:11:40.120: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/2\n" +
                "000413: *Sep  7 23:12:41.007: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=172.17.3.1, prot=50, spi=0x83877863(2206693475), srcaddr=172.17.3.2, input interface=GigabitEthernet0/0/2\n";
            var sideA = File.ReadAllText(Captures.PathOf(Seed + "/debug-crypto-isakmp.side-a.txt"));
            var f = Assert.Single(SpiDiagnosis.Diagnose(Text("debug-crypto-isakmp.side-a.txt", sideA + ios)), x => x.Code == FindingCodes.DeletedSpiInUse);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Contains("ASR1 deleted SPI 0x83877863 at 23:11:37; 2 invalid-SPI event(s) for it followed on ASR1 (%CRYPTO-4-RECVD_PKT_INV_SPI)", f.Evidence);
            Assert.Contains("the last 64.007 s after the delete", f.Evidence);
            // Without the syslog lines the same debug gives no such finding.
            Assert.DoesNotContain(SpiDiagnosis.Diagnose(Text("debug-crypto-isakmp.side-a.txt", sideA)), x => x.Code == FindingCodes.DeletedSpiInUse);
        }
    }
}
