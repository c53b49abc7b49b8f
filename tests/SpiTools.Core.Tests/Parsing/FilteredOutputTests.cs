using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>Output filtered by the command's <c>| include</c>, <c>| begin</c>, <c>| count</c> … (fixtures in <c>forms/</c>).</summary>
    public class FilteredOutputTests
    {
        [Fact]
        public void Asa_include_spi_pkts_peer_gives_each_entry_its_peer_counters_and_spis()
        {
            var (records, stats) = Captures.Parse("forms/asa-ipsec-sa-include-spi-pkts-peer.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(new[] { "0xCF559E0D", "0xA19EC57E", "0x0BB3D2E1", "0x7C1E0B55" }, sas.Select(s => s.Spi));
            Assert.All(sas, s => Assert.True(s.Incomplete));
            Assert.All(sas, s => Assert.Equal("fw-edge1", s.Device));

            var stale = sas.Where(s => s.Peer == "203.0.113.10").ToList();
            Assert.Equal(2, stale.Count);
            Assert.All(stale, s => Assert.Equal(0, s.PacketsEncapsulated));
            Assert.All(stale, s => Assert.Equal(484, s.PacketsDecapsulated));
            Assert.All(stale, s => Assert.Equal("0xA19EC57E", s.CurrentOutboundSpi));
            // The filter removed the "inbound/outbound esp sas:" headers: the current SPIs name the directions.
            Assert.Equal(SaDirection.Inbound, stale[0].Direction);
            Assert.Equal(SaDirection.Outbound, stale[1].Direction);
            Assert.True(stale[1].IsCurrentOutbound);

            var healthy = sas.Where(s => s.Peer == "192.0.2.20").ToList();
            Assert.Equal(2, healthy.Count);
            Assert.All(healthy, s => Assert.Equal(1839214, s.PacketsEncapsulated));
            Assert.All(healthy, s => Assert.Equal("0x7C1E0B55", s.CurrentOutboundSpi));

            // What the filter removed is empty, not guessed.
            Assert.All(sas, s => Assert.Null(s.Transform));
            Assert.All(sas, s => Assert.Null(s.RemainingKilobytes));
            Assert.All(sas, s => Assert.Null(s.RemoteIdent));
            Assert.All(sas, s => Assert.Null(s.SendErrors));

            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.FilteredOutput, d.Code);
            Assert.Equal(1, d.Line);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("| include spi|pkts|peer", d.Message);
        }

        [Fact]
        public void Iosxe_abbreviated_include_keeps_six_spis_and_names_only_the_current_outbound_one()
        {
            var (records, stats) = Captures.Parse("forms/iosxe-ipsec-sa-peer-include-spi-pkts-peer.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(6, sas.Count);
            Assert.All(sas, s => Assert.Equal("172.17.3.2", s.Peer));
            Assert.All(sas, s => Assert.Equal(500, s.PeerPort));
            Assert.All(sas, s => Assert.Equal(430462233, s.PacketsEncapsulated));
            Assert.All(sas, s => Assert.True(s.Incomplete));
            var current = Assert.Single(sas, s => s.IsCurrentOutbound);
            Assert.Equal("0x290E38E9", current.Spi);
            Assert.Equal(SaDirection.Outbound, current.Direction);
            // No current inbound SPI is printed on IOS: the other directions stay unknown.
            Assert.All(sas.Where(s => s != current), s => Assert.Null(s.Direction));
            Assert.Equal(DiagnosticCodes.FilteredOutput, Assert.Single(records.Diagnostics()).Code);
        }

        [Fact]
        public void Unfiltered_capture_of_the_same_output_is_read_in_full()
        {
            // The refusal to guess under a filter must not touch the whole output: same device, no filter.
            var (records, _) = Captures.Parse("asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            Assert.Empty(records.Diagnostics());
            Assert.All(records.Of<IpsecSa>(), s => Assert.False(s.Incomplete));
            Assert.All(records.Of<IpsecSa>(), s => Assert.NotNull(s.Transform));
        }

        [Fact]
        public void Begin_excerpt_marks_only_the_entry_it_cut()
        {
            var (records, stats) = Captures.Parse("forms/asa-ipsec-sa-begin-peer.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            var cut = sas.Where(s => s.Peer == "203.0.113.10").ToList();
            Assert.Equal(2, cut.Count);
            Assert.All(cut, s => Assert.True(s.Incomplete));
            Assert.All(cut, s => Assert.Null(s.Interface));
            Assert.All(cut, s => Assert.Null(s.RemoteIdent));
            // What the excerpt did print is whole.
            Assert.All(cut, s => Assert.NotNull(s.Transform));
            Assert.Equal(4374000, cut.Single(s => s.Direction == SaDirection.Outbound).RemainingKilobytes);
            var whole = sas.Where(s => s.Peer == "192.0.2.20").ToList();
            Assert.Equal(2, whole.Count);
            Assert.All(whole, s => Assert.False(s.Incomplete));
            Assert.All(whole, s => Assert.Equal(50, s.CryptoMapSeq));
            Assert.All(whole, s => Assert.Equal("10.30.0.0/255.255.0.0/0/0", s.RemoteIdent));
            // "interface: outside" was printed once, above the excerpt: it is unknown, not guessed.
            Assert.All(whole, s => Assert.Null(s.Interface));

            var d = records.Diagnostics();
            Assert.Equal(2, d.Count);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.FilteredOutput && x.Line == 1 && x.Severity == DiagnosticSeverity.Info);
            Assert.Contains(d, x => x.Code == DiagnosticCodes.FilteredOutput && x.Line == 2 && x.Severity == DiagnosticSeverity.Warning);
        }

        [Fact]
        public void Count_gives_no_records_and_uses_its_line()
        {
            var (records, stats) = Captures.Parse("forms/iosxe-ipsec-sa-count.txt");
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            Assert.Empty(records.Of<IpsecSa>());
            var d = Assert.Single(records.Diagnostics());
            Assert.Equal(DiagnosticCodes.FilteredOutput, d.Code);
            Assert.Equal(2, d.Line);
            Assert.Contains("| count spi:", d.Message);
        }

        [Theory]
        [InlineData("| exclude bitmap|0x0")]
        [InlineData("| ex bitmap|0x0")]
        [InlineData("| grep -v bitmap|0x0")]
        [InlineData("| section current_peer")]
        public void Any_line_filter_marks_every_record_even_when_it_removed_nothing_the_record_needs(string filter)
        {
            var lines = File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            var kept = lines.Skip(1).Where(l => !l.Contains("bitmap") && !l.TrimStart().StartsWith("0x", StringComparison.Ordinal));
            var (records, stats) = Captures.ParseText(string.Join("\n", kept.Prepend("fw-edge1# show crypto ipsec sa " + filter)));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Equal(0, stats.ReportedLines);
            var sas = records.Of<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            Assert.All(sas, s => Assert.True(s.Incomplete));
            Assert.All(sas, s => Assert.NotNull(s.Transform));
            Assert.Equal(new[] { "outside" }, sas.Select(s => s.Interface).Distinct());
            Assert.Equal(DiagnosticCodes.FilteredOutput, Assert.Single(records.Diagnostics()).Code);
        }

        [Theory]
        [InlineData("| tee flash:sa.txt")]
        [InlineData("| redirect flash:sa.txt")]
        [InlineData("")]
        public void A_pipe_that_does_not_filter_lines_changes_nothing(string pipe)
        {
            var lines = File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            lines[0] = ("fw-edge1# show crypto ipsec sa " + pipe).TrimEnd();
            var (records, stats) = Captures.ParseText(string.Join("\n", lines));
            Assert.True(stats.IsBalanced, stats.ToString());
            Assert.Empty(records.Diagnostics());
            Assert.All(records.Of<IpsecSa>(), s => Assert.False(s.Incomplete));
        }

        [Fact]
        public void Counter_lines_alone_start_a_new_entry_when_the_first_counter_repeats()
        {
            const string text =
                "fw# show crypto ipsec sa | include pkts\n" +
                "      #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n" +
                "      #pkts decaps: 484, #pkts decrypt: 484, #pkts verify: 484\n" +
                "      #pkts encaps: 1839214, #pkts encrypt: 1839214, #pkts digest: 1839214\n" +
                "      #pkts decaps: 1720077, #pkts decrypt: 1720077, #pkts verify: 1720077\n";
            var (records, stats) = Captures.ParseText(text);
            Assert.True(stats.IsBalanced, stats.ToString());
            var entries = records.Of<IpsecSa>().ToList();
            Assert.Equal(new long?[] { 0, 1839214 }, entries.Select(e => e.PacketsEncapsulated));
            Assert.Equal(new long?[] { 484, 1720077 }, entries.Select(e => e.PacketsDecapsulated));
            Assert.All(entries, e => Assert.Null(e.Spi));
            Assert.All(entries, e => Assert.True(e.Incomplete));
            Assert.Equal(new[] { 2, 4 }, entries.Select(e => e.Line));
        }

        [Theory]
        [InlineData("show crypto ipsec sa | include spi", "Subset")]
        [InlineData("sh cry ips sa | i spi", "Subset")]
        [InlineData("show crypto ipsec sa |inc spi", "Subset")]
        [InlineData("show crypto ipsec sa | b current_peer", "Begin")]
        [InlineData("show crypto ipsec sa | sec Crypto", "Subset")]
        [InlineData("show crypto ipsec sa | grep spi", "Subset")]
        [InlineData("show crypto ipsec sa | count spi", "Count")]
        public void Filters_are_recognised_abbreviated(string command, string kind)
        {
            var f = OutputFilter.Parse(command);
            Assert.NotNull(f);
            Assert.Equal(kind, f!.Kind.ToString());
            Assert.StartsWith("|", f.Text);
        }

        [Theory]
        [InlineData("show crypto ipsec sa")]
        [InlineData("show crypto ipsec sa | tee flash:x")]
        [InlineData("show crypto ipsec sa | append disk0:x")]
        [InlineData("show crypto ipsec sa |")]
        public void Pipes_that_keep_every_line_are_no_filter(string command) => Assert.Null(OutputFilter.Parse(command));
    }
}
