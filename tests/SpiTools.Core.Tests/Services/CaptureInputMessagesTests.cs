using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>What a reader is told besides the records: empty captures, captures without the wanted output, progress, verbose, two snapshots.</summary>
    public class CaptureInputMessagesTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-msg").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Seed(string name) => Captures.PathOf("asa-stale-spi/device/" + name);

        [Fact]
        public void An_empty_capture_is_a_warning_naming_it_and_the_next_file_is_still_read()
        {
            var empty = Path.Combine(_dir, "empty.txt");
            File.WriteAllText(empty, "\n\n");
            var sink = new FakeSink();
            CaptureReadService.ReadFiles(new[] { empty, Seed("show-crypto-ipsec-sa.txt") }, CaptureReadOptions.IpsecSas(false), sink);
            Assert.Equal(Path.GetFileName(_dir) + "/empty.txt: the capture is empty", Assert.Single(sink.Warnings));
            Assert.Equal(4, sink.Outputs.OfType<IpsecSa>().Count());
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void A_command_that_finds_none_of_its_output_warns_once_naming_the_captures_and_what_they_hold()
        {
            var none = new FakeSink();
            using (var session = new CaptureReadSession(CaptureReadOptions.VpnContexts(false), none))
            {
                session.ReadFiles(new[] { Seed("show-crypto-ipsec-sa.txt") });
                session.AddText("fw-b", File.ReadAllLines(Seed("show-crypto-ipsec-sa.txt")).Skip(1));
                session.Complete();
            }
            Assert.Equal("No show asp table vpn-context detail output in device/show-crypto-ipsec-sa.txt (it holds show crypto ipsec sa); fw-b (it holds show crypto ipsec sa)",
                Assert.Single(none.Warnings));
            Assert.Empty(none.Outputs);

            // A folder of one device's outputs: the file without contexts is normal there, and nothing is said.
            var folder = new FakeSink();
            using (var session = new CaptureReadSession(CaptureReadOptions.VpnContexts(false), folder))
            {
                session.ReadFiles(CaptureFiles.InFolder(Captures.PathOf("asa-stale-spi/device")));
                session.Complete();
            }
            Assert.Empty(folder.Warnings);
            Assert.Equal(5, folder.Outputs.OfType<VpnContext>().Count());
        }

        [Fact]
        public void A_file_holding_nothing_spitools_reads_is_named_when_nothing_else_was_found()
        {
            var notes = Path.Combine(_dir, "notes.txt");
            File.WriteAllText(notes, "called the ISP, ticket 4711\nwill retry tomorrow\n");
            var alone = new FakeSink();
            using (var session = new CaptureReadSession(CaptureReadOptions.IpsecSas(false), alone))
            {
                session.ReadFiles(new[] { notes });
                session.Complete();
            }
            Assert.Equal($"No show crypto ipsec sa output in {Path.GetFileName(_dir)}/notes.txt (it holds nothing SpiTools reads)", Assert.Single(alone.Warnings));

            // Beside a capture that holds SAs it is only said with -Verbose: a device folder holds notes and configs too.
            var beside = new FakeSink();
            using (var session = new CaptureReadSession(CaptureReadOptions.IpsecSas(false), beside))
            {
                session.ReadFiles(new[] { notes, Seed("show-crypto-ipsec-sa.txt") });
                session.Complete();
            }
            Assert.Empty(beside.Warnings);
            Assert.Contains(beside.VerboseMessages, m => m.StartsWith(Path.GetFileName(_dir) + "/notes.txt: ") && m.Contains("recognised: nothing"));
            Assert.Equal(4, beside.Outputs.Count);
        }

        [Fact]
        public void Verbose_names_the_file_and_what_was_recognised()
        {
            var sink = new FakeSink();
            CaptureReadService.ReadFiles(new[] { Seed("show-crypto-ipsec-sa.txt") }, CaptureReadOptions.IpsecSas(false), sink);
            Assert.Contains(sink.VerboseMessages, m => m == "Reading " + Seed("show-crypto-ipsec-sa.txt"));
            Assert.Contains(sink.VerboseMessages, m => m.StartsWith("device/show-crypto-ipsec-sa.txt: ", StringComparison.Ordinal) && m.EndsWith("recognised: show crypto ipsec sa (4 IpsecSa)", StringComparison.Ordinal));
        }

        [Fact]
        public void Large_files_report_progress_by_bytes_read_and_small_ones_do_not()
        {
            var big = Path.Combine(_dir, "big.txt");
            var text = File.ReadAllText(Seed("show-crypto-ipsec-sa.txt"));
            File.WriteAllText(big, string.Concat(Enumerable.Repeat(text, 400))); // ~1.5 MB, many 64 KB reads
            var sink = new FakeSink();
            var options = CaptureReadOptions.IpsecSas(false);
            options.ProgressThresholdBytes = 1024 * 1024;
            CaptureReadService.ReadFiles(new[] { big }, options, sink);
            Assert.Equal(1600, sink.Outputs.Count);
            var percents = sink.ProgressRecords.Where(p => !p.Completed).Select(p => p.Percent).ToList();
            Assert.True(percents.Count >= 10, $"{percents.Count} progress records");
            Assert.Equal(percents.OrderBy(p => p), percents);
            Assert.Equal(100, percents[^1]);
            Assert.True(sink.ProgressRecords[^1].Completed);

            var small = new FakeSink();
            CaptureReadService.ReadFiles(new[] { Seed("show-crypto-ipsec-sa.txt") }, options, small);
            Assert.Empty(small.ProgressRecords);
            Assert.Equal(4, small.Outputs.Count);
        }

        [Fact]
        public void One_device_in_two_folders_is_two_snapshots_with_a_warning_not_one_merged_device()
        {
            var sink = new FakeSink();
            var files = CaptureFiles.InFolder(Captures.PathOf("asa-stale-spi/device")).Concat(CaptureFiles.InFolder(Captures.PathOf("asa-stale-spi/device-after-clear"))).ToList();
            Diagnosed.Run(files, new List<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink);
            var warning = Assert.Single(sink.Warnings);
            Assert.StartsWith("fw-edge1: captures of this device come from 2 folders", warning);
            Assert.Contains("-Before", warning);
            // Diagnosed apart: the stale context of the first snapshot is found, with the counts of that snapshot alone.
            var findings = sink.Outputs.OfType<Finding>().ToList();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, findings.Select(f => f.Code));
            Assert.All(findings, f => Assert.True(f.Source != null && !f.Source.Contains("after-clear"), f.Source + " | " + f.SourceLines));

            var merged = new FakeSink();
            Diagnosed.Run(CaptureFiles.InFolder(Captures.PathOf("asa-stale-spi/device")), new List<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), merged);
            Assert.Empty(merged.Warnings);
            Assert.Equal(findings.Select(f => f.Evidence), merged.Outputs.OfType<Finding>().Select(f => f.Evidence));
        }

        [Fact]
        public void A_folder_expands_to_its_files_in_name_order()
        {
            File.WriteAllText(Path.Combine(_dir, "b.txt"), "x");
            File.WriteAllText(Path.Combine(_dir, "a.txt"), "x");
            File.WriteAllText(Path.Combine(_dir, ".hidden"), "x");
            Directory.CreateDirectory(Path.Combine(_dir, "sub"));
            Assert.Equal(new[] { "a.txt", "b.txt" }, CaptureFiles.Expand(_dir).Select(Path.GetFileName));
            var file = Path.Combine(_dir, "a.txt");
            Assert.Equal(new[] { file }, CaptureFiles.Expand(file));
        }
    }
}
