using System.Text.RegularExpressions;
using System.Diagnostics;
using System.Text.Json;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Get-SaTimeline in the real engine: the grouped view at 80 columns, piped text, -PeerOf, and the same rows as the CLI.</summary>
    public class SaTimelineTests : IClassFixture<PowerShellFixture>
    {
        private const string Seed = "examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt, examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt";
        private readonly PowerShellHost _ps;

        public SaTimelineTests(PowerShellFixture fixture) => _ps = fixture.Host;

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void The_view_groups_by_tunnel_and_puts_both_ends_side_by_side(int width)
        {
            var text = _ps.Render($"Get-SaTimeline {Seed}", width);
            Assert.All(text.Split('\n'), l => Assert.True(l.TrimEnd().Length <= width, $"{l.Length} columns: {l}"));
            // Headed by its date, its ends and its rekeys with their interval, as spitools timeline prints them.
            Assert.Contains("Tunnel: 172.17.3.1 - 172.17.3.2 on 2026-09-07\n   A: debug-crypto-isakmp.side-a\n   B: debug-crypto-isakmp.side-b\n   Rekeys: 2, interval 37 s", text);
            // Each rekey's start carries its number, on the end that started it: B started the first, A the second.
            Assert.Matches(@"23:11:13\s+3666410542 RekeyResponded #1", text);
            Assert.Matches(@"23:11:50\s+3247684825 RekeyInitiated #2\s+RekeyResponded #2\s+0", text);
            Assert.Matches(@"Time\s+MessageId\s+A\s+B\s+Offset", text);
            Assert.Matches(@"23:11:37\s+3832189246 SaDeleted 0x83877863", text);
            Assert.Matches(@"23:11:50\s+3247684825 SaInstalled 0x3C3C1CA4\s+SaInstalled 0x9EEF4211\s+0", text);
            Assert.DoesNotContain("…", text);
            // Under each rekey's start, the end that started it, by name (its Initiator; of these two file names, the part
            // after their shared "debug-crypto-isakmp."): side-b the first, which only A logged, side-a the second.
            Assert.Matches(@"23:11:13\s+3666410542 RekeyResponded #1\s*\n {24}started by side-b\n", text);
            Assert.Matches(@"23:11:50\s+3247684825 RekeyInitiated #2\s+RekeyResponded #2\s+0\n {24}started by side-a\n", text);
            Assert.Equal(2, Regex.Matches(text, "started by").Count);
        }

        [Fact]
        public void The_folder_alone_gives_the_same_two_ends_and_the_rows_filter_by_name()
        {
            var r = _ps.Run(@"
                $rows = @(Get-SaTimeline examples/iosxe-dmvpn-multi-spi)
                $rows.Count
                ($rows | Select-Object -ExpandProperty EndA -Unique) -join ','
                ($rows | Select-Object -ExpandProperty EndB -Unique) -join ','
                ($rows | Where-Object EventA -eq RekeyInitiated | ForEach-Object Initiator) -join ','
                ($rows | Where-Object EventA -eq RekeyResponded | ForEach-Object Initiator) -join ','
                ($rows | Where-Object { $null -ne $_.OffsetSeconds }).Count").ThrowOnError();
            var s = r.Strings();
            Assert.Equal(new[] { "8", "debug-crypto-isakmp.side-a", "debug-crypto-isakmp.side-b", "debug-crypto-isakmp.side-a", "debug-crypto-isakmp.side-b", "3" }, s);
        }

        [Fact]
        public void Piped_text_of_one_end_names_the_peer_as_initiator_and_text_without_events_warns()
        {
            var r = _ps.Run(@"
                $rows = @(Get-Content examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt | Get-SaTimeline -Device hub1)
                $rows.Count
                ($rows | Select-Object -ExpandProperty Device -Unique) -join ','
                ($rows | Where-Object MessageId -eq 3666410542 | Select-Object -First 1).Initiator
                @($rows | Where-Object { $null -ne $_.EventB }).Count").ThrowOnError();
            Assert.Equal(new[] { "8", "hub1", "peer", "0" }, r.Strings());
            // The view says that end B did not log, and whom A logged as its peer.
            var view = _ps.Render("Get-Content examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt | Get-SaTimeline -Device hub1", 80);
            Assert.Contains("   A: hub1\n   B: not logged (peer 172.17.3.2)", view);
            // With one end's log, a rekey the peer started says so; one A started names A.
            Assert.Matches(@"3666410542 RekeyResponded #1\s*\n {24}started by peer\n", view);
            Assert.Matches(@"3247684825 RekeyInitiated #2\s*\n {24}started by hub1\n", view);

            var none = _ps.Run("Get-Content examples/iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt | Get-SaTimeline");
            Assert.Empty(none.Output);
            Assert.Contains(none.Warnings, w => w.Contains("no SA event was read", StringComparison.Ordinal));
        }

        [Fact]
        public void PeerOf_pairs_two_NATed_ends_that_share_no_message_ID_and_a_pairing_that_names_no_device_is_refused()
        {
            // tests/SpiTools.Core.Tests/Fixtures/ends/timeline-nat: hub1 and spoke9 behind NAT, logs of different minutes.
            var nat = new Dictionary<string, object?>
            {
                ["p"] = new[] { "hub1", "spoke9" }.Select(d => PowerShellHost.RepoPath($"tests/SpiTools.Core.Tests/Fixtures/ends/timeline-nat/{d}")).ToArray(),
            };
            const string Summary = @"
                ($rows | Select-Object -ExpandProperty EndA -Unique) -join ','
                ($rows | Select-Object -ExpandProperty EndB -Unique) -join ','
                @($rows | Select-Object -ExpandProperty Tunnel -Unique).Count";

            var alone = _ps.Run("$rows = @(Get-SaTimeline -LiteralPath $p)" + Summary, nat).ThrowOnError();
            Assert.Equal(new[] { "hub1,spoke9", "", "2" }, alone.Strings());

            var paired = _ps.Run("$rows = @(Get-SaTimeline -LiteralPath $p -PeerOf @{ 'hub1' = 'spoke9' } -Verbose)" + Summary, nat).ThrowOnError();
            Assert.Equal(new[] { "hub1", "spoke9", "1" }, paired.Strings());
            Assert.Contains(paired.Verbose, v => v.Contains("paired by hand (hub1 and spoke9)", StringComparison.Ordinal));
            // A value may list several devices; the order of the pair does not matter.
            var listed = _ps.Run("$rows = @(Get-SaTimeline -LiteralPath $p -PeerOf @{ 'spoke9' = 'rtr-x', 'hub1' })" + Summary, nat).ThrowOnError();
            Assert.Equal(new[] { "hub1", "spoke9", "1" }, listed.Strings());

            var refused = _ps.Run("Get-SaTimeline -LiteralPath $p -PeerOf @{ 'hub1' = '' }", nat);
            var error = Assert.Single(refused.Errors);
            Assert.StartsWith("PeerOfInvalid,", error.FullyQualifiedErrorId);
            Assert.Contains("names no device on one side", error.Exception.Message);
            Assert.Empty(refused.Output);
            // The same engine, and the same call without it, still give the timeline.
            Assert.Equal(new[] { "hub1,spoke9", "", "2" }, _ps.Run("$rows = @(Get-SaTimeline -LiteralPath $p)" + Summary, nat).ThrowOnError().Strings());
        }

        [Fact]
        public void Compare_SpiContext_reads_the_debugs_with_the_captures_and_sets_the_measured_interval_against_the_projection()
        {
            var r = _ps.Run(@"
                $f = Compare-SpiContext examples/iosxe-dmvpn-multi-spi | Where-Object Code -eq RekeyTimeline
                @($f).Count
                $f.Device
                $f.MeasuredIntervalSeconds
                $f.Evidence -match 'within the 35-45 s that the volume arithmetic projects'").ThrowOnError();
            Assert.Equal(new[] { "1", "ASR1", "37", "True" }, r.Strings());
        }

        [Fact]
        public void ConvertTo_Json_and_the_cli_json_agree_on_every_row()
        {
            var ps = _ps.Run($"Get-SaTimeline {Seed} | ConvertTo-Json -Depth 1 -AsArray").ThrowOnError();
            using var fromPs = JsonDocument.Parse(string.Join("\n", ps.Strings()));
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(PowerShellHost.Metadata("CliAssembly"));
            foreach (var a in new[] { "timeline", "--format", "json", PowerShellHost.RepoPath("examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt"), PowerShellHost.RepoPath("examples/iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-b.txt") })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "spitools finished");
            using var fromCli = JsonDocument.Parse(stdout);
            var a1 = fromPs.RootElement.EnumerateArray().ToList();
            var b1 = fromCli.RootElement.EnumerateArray().ToList();
            Assert.Equal(8, a1.Count);
            Assert.Equal(a1.Count, b1.Count);
            for (int i = 0; i < a1.Count; i++)
                foreach (var prop in a1[i].EnumerateObject().Where(x => x.Name != "Source"))
                    Assert.True(JsonElement.DeepEquals(prop.Value, b1[i].GetProperty(prop.Name)), $"row {i} {prop.Name}: {prop.Value.GetRawText()} vs {b1[i].GetProperty(prop.Name).GetRawText()}");
        }
    }
}
