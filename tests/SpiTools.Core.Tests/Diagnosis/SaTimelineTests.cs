using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Timeline;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>The rekey timeline of examples/iosxe-dmvpn-multi-spi's two IKEv1 debugs, which share one folder (one device name).</summary>
    public class SaTimelineTests
    {
        private const string Folder = "iosxe-dmvpn-multi-spi";

        /// <summary>The folder's files as the diagnosis reads them: every file named by the folder's prompt (ASR1).</summary>
        private static List<ICaptureRecord> Read(params string[] files) =>
            files.SelectMany(f => CaptureParser.ParseFile(Captures.PathOf(Folder + "/" + f), new CaptureParseOptions { Device = "ASR1" })).ToList();

        private static SaTimeline SeedTimeline() =>
            Assert.Single(SaTimeline.Build(Read("debug-crypto-isakmp.side-a.txt", "debug-crypto-isakmp.side-b.txt").OfType<SaEvent>()));

        [Fact]
        public void The_two_debugs_of_one_folder_are_two_ends_named_by_their_files_and_paired()
        {
            var ends = TimelineEnds.Split(Read("debug-crypto-isakmp.side-a.txt", "debug-crypto-isakmp.side-b.txt").OfType<SaEvent>());
            Assert.Equal(new[] { "debug-crypto-isakmp.side-a", "debug-crypto-isakmp.side-b" }, ends.Select(e => e.Name));
            Assert.All(ends, e => Assert.Equal("ASR1", e.Device));
            Assert.Equal("172.17.3.1", ends[0].Local); // "(local 172.17.3.1 port 500, remote 172.17.3.2 port 500)"
            Assert.Null(ends[1].Local);                // B's debug never prints its own address

            var t = SeedTimeline();
            Assert.Equal("debug-crypto-isakmp.side-a", t.Tunnel.A.Name);
            Assert.Equal("debug-crypto-isakmp.side-b", t.Tunnel.B!.Name);
            Assert.Equal("172.17.3.2", t.Tunnel.Peer);
            Assert.Equal("172.17.3.1", t.Tunnel.BPeer);
            Assert.Equal("172.17.3.2", t.Tunnel.AddressB);
            Assert.Contains("own address", t.Tunnel.PairedBy);
        }

        [Fact]
        public void One_debug_alone_is_one_end_named_by_its_device()
        {
            var end = Assert.Single(TimelineEnds.Split(Read("debug-crypto-isakmp.side-a.txt").OfType<SaEvent>()));
            Assert.Equal("ASR1", end.Name);
            var t = Assert.Single(SaTimeline.Build(end.Events));
            Assert.Null(t.Tunnel.B);
            // From A's view alone the 23:11:13 rekey was the peer's, the 23:11:50 one A's own.
            Assert.Equal(new[] { "peer", "ASR1" }, t.Rekeys.Select(t.InitiatorName));
            Assert.Equal(new[] { 37.0 }, t.Intervals);
            Assert.Null(t.ClockSkewSeconds);
        }

        [Fact]
        public void Installs_at_23_11_13_and_23_11_50_are_two_rekeys_37_seconds_apart()
        {
            var t = SeedTimeline();
            Assert.Equal(new long[] { 3666410542, 3247684825 }, t.Rekeys.Select(x => x.MessageId));
            Assert.Equal(new TimeSpan(23, 11, 13), t.Rekeys[0].Installed.TimeOfDay);
            Assert.Equal(new TimeSpan(23, 11, 50), t.Rekeys[1].Installed.TimeOfDay);
            Assert.Equal(new[] { 37.0 }, t.Intervals);
            Assert.Equal(new[] { "0xF7A925DB" }, t.Rekeys[0].SpisA);
            Assert.Empty(t.Rekeys[0].EventsB); // B's debug starts later
            Assert.Equal(new[] { "0x3C3C1CA4" }, t.Rekeys[1].SpisA);
            Assert.Equal(new[] { "0x9EEF4211" }, t.Rekeys[1].SpisB);
            Assert.Empty(t.Collisions);
            Assert.Empty(t.DeletedInUse);
        }

        [Fact]
        public void A_starts_3247684825_B_answers_it_and_B_started_3666410542_that_A_answered()
        {
            var t = SeedTimeline();
            var late = t.Rekeys.Single(x => x.MessageId == 3247684825);
            Assert.True(late.StartedByA);
            Assert.Equal("debug-crypto-isakmp.side-a", t.InitiatorName(late));
            Assert.All(late.EventsA, e => Assert.Equal(IkeRole.Initiator, e.Role));
            Assert.All(late.EventsB, e => Assert.Equal(IkeRole.Responder, e.Role));
            var early = t.Rekeys.Single(x => x.MessageId == 3666410542);
            Assert.False(early.StartedByA);
            Assert.Equal("debug-crypto-isakmp.side-b", t.InitiatorName(early));
            Assert.All(early.EventsA, e => Assert.Equal(IkeRole.Responder, e.Role));
        }

        [Fact]
        public void The_clock_offset_is_measured_on_3247684825_which_both_ends_logged()
        {
            var t = SeedTimeline();
            Assert.Equal(0, t.ClockSkewSeconds);
            Assert.Equal(3247684825, Assert.Single(t.SkewFrom).MessageId);
        }

        [Fact]
        public void The_rows_put_both_ends_side_by_side_with_the_delete_of_0x83877863()
        {
            var rows = SeedTimeline().Rows;
            Assert.Equal(rows.OrderBy(r => r.Time).Select(r => r.Time), rows.Select(r => r.Time));
            var delete = Assert.Single(rows, r => r.EventA == SaEventKind.SaDeleted);
            Assert.Equal("0x83877863", delete.SpiA);
            Assert.Equal(new TimeSpan(23, 11, 37), delete.Time!.Value.TimeOfDay);
            Assert.Null(delete.EventB);
            Assert.Equal("debug-crypto-isakmp.side-a.txt:29", delete.SourceA);

            var start = Assert.Single(rows, r => r.MessageId == 3247684825 && r.EventA == SaEventKind.RekeyInitiated);
            Assert.Equal(SaEventKind.RekeyResponded, start.EventB);
            Assert.Equal(IkeRole.Initiator, start.RoleA);
            Assert.Equal(IkeRole.Responder, start.RoleB);
            Assert.Equal(0, start.OffsetSeconds);
            Assert.Equal(2, start.Rekey);
            var install = Assert.Single(rows, r => r.MessageId == 3247684825 && r.EventA == SaEventKind.SaInstalled);
            Assert.Equal(("0x3C3C1CA4", "0x9EEF4211"), (install.SpiA, install.SpiB));
            Assert.Equal("debug-crypto-isakmp.side-a.txt:59", install.SourceA);
            Assert.StartsWith("debug-crypto-isakmp.side-b.txt:", install.SourceB);
            // Every event of both logs is on exactly one row.
            int events = Read("debug-crypto-isakmp.side-a.txt", "debug-crypto-isakmp.side-b.txt").OfType<SaEvent>().Count();
            Assert.Equal(events, rows.Count(r => r.EventA != null) + rows.Count(r => r.EventB != null));
        }

        [Fact]
        public void Diagnosis_sets_the_measured_37_s_against_the_35_to_45_s_projection_of_the_sa_capture()
        {
            var records = Read("show-crypto-ipsec-sa-peer.txt", "show-crypto-ipsec-profile.txt", "debug-crypto-isakmp.side-a.txt", "debug-crypto-isakmp.side-b.txt");
            var findings = SpiDiagnosis.Diagnose(records).ToList();
            var f = Assert.Single(findings, x => x.Code == FindingCodes.RekeyTimeline);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Equal("ASR1", f.Device);
            Assert.Equal("172.17.3.2", f.Peer);
            Assert.Equal(37, f.MeasuredIntervalSeconds);
            Assert.InRange(f.RekeyIntervalSeconds!.Value, 35, 45);
            Assert.Contains("measured interval 37 s (min 37, median 37, max 37 over 1)", f.Evidence);
            Assert.Contains("23:11:13 M-ID 3666410542 started by debug-crypto-isakmp.side-b (debug-crypto-isakmp.side-a installed 0xF7A925DB);", f.Evidence);
            Assert.Contains("23:11:50 M-ID 3247684825 started by debug-crypto-isakmp.side-a (debug-crypto-isakmp.side-a installed 0x3C3C1CA4, debug-crypto-isakmp.side-b installed 0x9EEF4211)", f.Evidence);
            Assert.Contains("from message ID(s) 3247684825 that both ends logged", f.Evidence);
            Assert.Contains("deleted SPI 0x83877863 at 23:11:37 on the peer's DELETE (M-ID 3832189246)", f.Evidence);
            Assert.Contains("the measured 37 s is within the 35-45 s that the volume arithmetic projects from SA 0x290E38E9", f.Evidence);
            Assert.Contains("ENS_ipsec_profile", f.Assumptions);
            Assert.Contains("debug-crypto-isakmp.side-a.txt:", f.SourceLines);
            Assert.Contains("show-crypto-ipsec-sa-peer.txt:", f.SourceLines);
            Assert.DoesNotContain(findings, x => x.Code is "RekeyCollision" or "DeletedSpiInUse");
            // The SA capture's own findings are still there.
            Assert.Contains(findings, x => x.Code == FindingCodes.RekeyChurn);
            Assert.Contains(findings, x => x.Code == FindingCodes.OrphanSaPair);
        }

        [Fact]
        public void Without_an_sa_capture_the_timeline_says_there_is_nothing_to_project_from()
        {
            var f = Assert.Single(SpiDiagnosis.Diagnose(Read("debug-crypto-isakmp.side-a.txt", "debug-crypto-isakmp.side-b.txt")), x => x.Code == FindingCodes.RekeyTimeline);
            Assert.Null(f.RekeyIntervalSeconds);
            Assert.Contains("not set against a projection", f.Evidence);
        }

        [Fact]
        public void One_rekey_is_no_timeline()
        {
            Assert.DoesNotContain(SpiDiagnosis.Diagnose(Read("debug-crypto-isakmp.side-b.txt")), x => x.Code == FindingCodes.RekeyTimeline);
        }
    }
}
