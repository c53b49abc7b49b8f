using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary><c>spitools timeline</c> on examples/iosxe-dmvpn-multi-spi's two debugs, which share one folder, and on two NATed ends paired by hand.</summary>
    public class TimelineCommandTests
    {
        private static string Ex(string rel) => Path.Combine(SpitoolsProcess.Examples, rel);

        private static readonly string[] Seed =
        {
            Ex("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt"), Ex("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt"),
        };

        [Fact]
        public void The_table_shows_both_ends_side_by_side_within_80_columns()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline" }.Concat(Seed).ToArray());
            Assert.True(exit == 0, stderr);
            Assert.All(stdout.Split('\n'), l => Assert.True(l.TrimEnd().Length <= 80, $"{l.Length} columns: {l}"));
            Assert.Contains("A: debug-crypto-isakmp.side-a (172.17.3.1)", stdout);
            Assert.Contains("B: debug-crypto-isakmp.side-b (172.17.3.2)", stdout);
            Assert.Contains("Paired: A's own address 172.17.3.1 is B's peer", stdout);
            Assert.Contains("Clock offset B - A: 0 s, from message ID(s) 3247684825", stdout);
            Assert.Contains("Rekeys: 2, interval 37 s (min 37, max 37)", stdout);
            Assert.Matches(@"23:11:13\s+3666410542 SaInstalled 0xF7A925DB\s*\n", stdout);
            Assert.Matches(@"23:11:37\s+3832189246 SaDeleted 0x83877863\s*\n", stdout);
            Assert.Matches(@"23:11:50\s+3247684825 RekeyInitiated\s+RekeyResponded\s+0\n", stdout);
            // Under each rekey's start, the end that started it, by name: B the first (only A logged it), A the second.
            Assert.Matches(@"23:11:13\s+3666410542 RekeyResponded\s*\n {13}\^ rekey #1 started by debug-crypto-isakmp\.side-b\n", stdout);
            Assert.Matches(@"23:11:50\s+3247684825 RekeyInitiated\s+RekeyResponded\s+0\n {13}\^ rekey #2 started by debug-crypto-isakmp\.side-a\n", stdout);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(stdout, "started by").Count);
            Assert.Matches(@"23:11:50\s+3247684825 SaInstalled 0x3C3C1CA4 SaInstalled 0x9EEF4211 0\n", stdout);
        }

        [Fact]
        public void Json_rows_carry_both_ends_the_offset_and_who_started_each_rekey()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline", "--format", "json" }.Concat(Seed).ToArray());
            Assert.True(exit == 0, stderr);
            var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.Equal(8, rows.Count);
            Assert.All(rows, r => Assert.Equal("SaTimelineEntry", r.GetProperty("RecordType").GetString()));
            Assert.All(rows, r => Assert.Equal("172.17.3.1 - 172.17.3.2", r.GetProperty("Tunnel").GetString()));
            var install = rows.Single(r => r.GetProperty("SpiA").GetString() == "0x3C3C1CA4");
            Assert.Equal("0x9EEF4211", install.GetProperty("SpiB").GetString());
            Assert.Equal(0, install.GetProperty("OffsetSeconds").GetDouble());
            Assert.Equal("debug-crypto-isakmp.side-a", install.GetProperty("Initiator").GetString());
            Assert.Equal(2, install.GetProperty("Rekey").GetInt32());
            var early = rows.First(r => r.GetProperty("MessageId").GetInt64() == 3666410542);
            Assert.Equal("debug-crypto-isakmp.side-b", early.GetProperty("Initiator").GetString());
            Assert.Equal(JsonValueKind.Null, early.GetProperty("EventB").ValueKind);
        }

        [Fact]
        public void Csv_has_one_line_per_row_and_a_capture_without_events_gives_a_warning_and_no_rows()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline", "--format", "csv" }.Concat(Seed).ToArray());
            Assert.True(exit == 0, stderr);
            var lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(9, lines.Length);
            Assert.StartsWith("RecordType,Device,Tunnel,EndA,EndB,Peer,Time,", lines[0]);

            var (_, none, warning) = SpitoolsProcess.Run("timeline", Ex("iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt"));
            Assert.Equal("", none.Trim());
            Assert.Contains("no SA event was read", warning);
        }

        private static readonly string[] Nat =
        {
            Path.Combine(System.AppContext.BaseDirectory, "ends", "timeline-nat", "hub1"), Path.Combine(System.AppContext.BaseDirectory, "ends", "timeline-nat", "spoke9"),
        };

        [Fact]
        public void Peer_of_pairs_two_NATed_ends_that_share_no_message_ID_and_a_malformed_pair_is_refused()
        {
            // Without it: two tunnels, each with one end logged (the addresses are NATed, the logs share no message ID).
            var (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline" }.Concat(Nat).ToArray());
            Assert.True(exit == 0, stderr);
            Assert.Contains("B: not logged (A's peer 198.51.100.7)", stdout);
            Assert.Contains("B: not logged (A's peer 203.0.113.9)", stdout);
            Assert.DoesNotContain("Paired:", stdout);

            (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline", "--peer-of", "hub1=spoke9" }.Concat(Nat).ToArray());
            Assert.True(exit == 0, stderr);
            Assert.Contains("A: hub1 (192.0.2.1)\nB: spoke9 (10.0.0.2)\nPaired: paired by hand (hub1 and spoke9)\nRekeys: 2, interval 40 s (min 40, max 40)\n", stdout);
            Assert.Matches(@"22:00:40\s+2222\s+RekeyInitiated\s*\n", stdout);
            Assert.DoesNotContain("not logged", stdout);

            (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline", "--format", "json", "--peer-of", "spoke9=hub1" }.Concat(Nat).ToArray());
            Assert.True(exit == 0, stderr);
            var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.Equal(6, rows.Count);
            Assert.All(rows, r => Assert.Equal("spoke9", r.GetProperty("EndB").GetString()));
            Assert.Equal(new[] { "hub1", "spoke9" }, rows.Where(r => r.GetProperty("Rekey").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("Initiator").GetString()).Distinct());

            (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { "timeline", "--peer-of", "hub1" }.Concat(Nat).ToArray());
            Assert.Equal(3, exit);
            Assert.Contains("spitools: --peer-of: 'hub1' is not DEVICE=PEERDEVICE; give the two ends as fw-a=rtr-b [PeerOfInvalid]", stderr);
            Assert.Equal("", stdout);
        }
    }
}
