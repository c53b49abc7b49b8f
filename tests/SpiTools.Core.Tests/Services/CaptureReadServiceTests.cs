using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    public class CaptureReadServiceTests
    {
        private static readonly CaptureReadOptions SaOnly = new() { OutputTypes = new[] { typeof(IpsecSa) } };

        /// <summary>Text pushed as one piece, as a pipeline that gives it all at once would.</summary>
        private static void ReadText(IEnumerable<string?> lines, string? device, CaptureReadOptions options, ICommandSink sink)
        {
            using var reader = new PipedTextReader(options, sink);
            reader.Add(device, lines);
            reader.Complete();
        }

        [Fact]
        public void A_missing_file_is_a_non_terminating_error_and_the_other_files_are_read()
        {
            var sink = new FakeSink();
            var missing = Captures.PathOf("nope/show-crypto-ipsec-sa.txt");
            CaptureReadService.ReadFiles(new[] { missing, Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt") }, SaOnly, sink);
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.CaptureFileNotFound, error.Id);
            Assert.Equal(SpiErrorCategory.ObjectNotFound, error.Category);
            Assert.Equal(missing, error.Target);
            Assert.Equal(4, sink.Outputs.OfType<IpsecSa>().Count());
        }

        [Fact]
        public void A_directory_is_reported_with_its_own_error_id()
        {
            var sink = new FakeSink();
            CaptureReadService.ReadFiles(new[] { Captures.PathOf("asa-stale-spi") }, SaOnly, sink);
            Assert.Equal(ErrorIds.CaptureFileIsDirectory, Assert.Single(sink.Errors).Id);
            Assert.Empty(sink.Outputs);
        }

        [Fact]
        public void A_damaged_capture_gives_one_warning_or_diagnostic_objects_on_request()
        {
            var file = Captures.PathOf("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt");
            var sink = new FakeSink();
            CaptureReadService.ReadFiles(new[] { file }, SaOnly, sink);
            Assert.Equal(2, sink.Outputs.Count);
            var warning = Assert.Single(sink.Warnings);
            Assert.StartsWith("asa-stale-spi/show-crypto-ipsec-sa-peer.as-published.txt: ", warning);
            Assert.Contains("SpiDecimalMismatch at line 32", warning);
            Assert.Contains("-IncludeDiagnostic", warning);

            var detailed = new FakeSink();
            CaptureReadService.ReadFiles(new[] { file }, new CaptureReadOptions { OutputTypes = new[] { typeof(IpsecSa) }, IncludeDiagnostic = true }, detailed);
            Assert.Empty(detailed.Warnings);
            Assert.Contains(detailed.Outputs.OfType<ParseDiagnostic>(), d => d.Code == "SpiDecimalMismatch" && d.Line == 32);
            Assert.Equal(2, detailed.Outputs.OfType<IpsecSa>().Count());
        }

        [Fact]
        public void Posh_ssh_output_lines_are_one_capture_from_their_host()
        {
            // Invoke-SSHCommand's Output: the lines of the result, without the prompt.
            var lines = File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-asp-table-vpn-context-detail.txt")).Skip(1).ToArray();
            var sink = new FakeSink();
            ReadText(lines, "fw-lab9", new CaptureReadOptions { OutputTypes = new[] { typeof(VpnContext) } }, sink);
            var contexts = sink.Outputs.OfType<VpnContext>().ToList();
            Assert.Equal(5, contexts.Count);
            Assert.All(contexts, c => Assert.Equal("fw-lab9", c.Device));
            Assert.All(contexts, c => Assert.Equal("fw-lab9", c.Source));
            Assert.Empty(sink.Warnings);
        }

        [Fact]
        public void Empty_text_is_a_typed_error()
        {
            var sink = new FakeSink();
            ReadText(new[] { "", "  " }, "fw1", SaOnly, sink);
            Assert.Equal(ErrorIds.DeviceOutputEmpty, Assert.Single(sink.Errors).Id);
        }

        [Fact]
        public void Packet_trace_phases_can_be_expanded()
        {
            var sink = new FakeSink();
            CaptureReadService.ReadFiles(new[] { Captures.PathOf("asa-stale-spi/device/packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt") },
                new CaptureReadOptions { OutputTypes = new[] { typeof(PacketTrace) }, ExpandPhases = true }, sink);
            var phases = sink.Outputs.OfType<PacketTracePhase>().ToList();
            Assert.Equal(9, phases.Count);
            Assert.Equal("0x2D2EA0A4", phases.Single(p => p.Subtype == "encrypt").UserData);
            Assert.All(phases, p => Assert.Equal("fw-edge1", p.Device));
        }

        /// <summary>A terminal log holding all three outputs: each cmdlet's profile keeps only its own objects.</summary>
        private static string TerminalLog() => string.Concat(
            new[] { "show-crypto-ipsec-sa.txt", "show-asp-table-vpn-context-detail.txt", "packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt" }
                .Select(f => File.ReadAllText(Captures.PathOf("asa-stale-spi/device/" + f))));

        [Fact]
        public void Each_cmdlet_profile_forwards_only_its_own_objects()
        {
            var lines = new[] { TerminalLog() };
            var sa = new FakeSink();
            ReadText(lines, null, CaptureReadOptions.IpsecSas(false), sa);
            Assert.Equal(4, sa.Outputs.Count);
            Assert.All(sa.Outputs, o => Assert.IsType<IpsecSa>(o));

            var ctx = new FakeSink();
            ReadText(lines, null, CaptureReadOptions.VpnContexts(false), ctx);
            Assert.Equal(5, ctx.Outputs.Count);
            Assert.All(ctx.Outputs, o => Assert.IsType<VpnContext>(o));

            var trace = new FakeSink();
            ReadText(lines, null, CaptureReadOptions.PacketTraces(false, false), trace);
            Assert.IsType<PacketTrace>(Assert.Single(trace.Outputs));
            var phases = new FakeSink();
            ReadText(lines, null, CaptureReadOptions.PacketTraces(false, true), phases);
            Assert.Equal(9, phases.Outputs.Count);

            var withDiagnostics = new FakeSink();
            ReadText(new[] { File.ReadAllText(Captures.PathOf("asa-stale-spi/show-asp-table-vpn-context-detail.as-published.txt")) },
                "pasted", CaptureReadOptions.VpnContexts(true), withDiagnostics);
            Assert.Equal(2, withDiagnostics.Outputs.OfType<VpnContext>().Count());
            Assert.Contains(withDiagnostics.Outputs.OfType<ParseDiagnostic>(), d => d.Code == "JoinedLine");
        }

        [Fact]
        public void Compare_spi_context_forwarding_reads_files_text_and_an_earlier_snapshot()
        {
            var sink = new FakeSink();
            var files = Directory.EnumerateFiles(Captures.PathOf("asa-stale-spi/device")).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Diagnosed.Run(files, new List<(string?, IReadOnlyList<string?>)>(), files, new DiagnosisOptions(), sink);
            // The same snapshot twice: nothing moved, so the one-way verdict (judged on deltas) goes; the stale context stays.
            Assert.Equal(new[] { "StaleVpnContext" }, sink.Outputs.OfType<Finding>().Select(f => f.Code));

            var missing = new FakeSink();
            Diagnosed.Run(new[] { Captures.PathOf("nope.txt") }, new List<(string?, IReadOnlyList<string?>)> { ("fw-x", new[] { TerminalLog() }) }, null, new DiagnosisOptions(), missing);
            Assert.Equal("CaptureFileNotFound", Assert.Single(missing.Errors).Id);
            Assert.Contains(missing.Outputs.OfType<Finding>(), f => f.Code == "StaleVpnContext" && f.Device == "fw-edge1");
        }

        [Fact]
        public void Stopping_ends_the_output()
        {
            var sink = new FakeSink { IsStopping = true };
            CaptureReadService.ReadFiles(new[] { Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt") }, SaOnly, sink);
            Assert.Empty(sink.Outputs);
        }

        [Fact]
        public void Diagnosis_service_outputs_findings_and_warns_about_damage()
        {
            var sink = new FakeSink();
            Diagnosed.Run(CaptureFiles.InFolder(Captures.PathOf("asa-stale-spi")), new List<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), sink);
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic", "CaptureDamaged" }, sink.Outputs.OfType<Finding>().Select(f => f.Code));
            Assert.Single(sink.Warnings, w => w.StartsWith("asa-stale-spi: ", StringComparison.Ordinal));
        }
    }
}
