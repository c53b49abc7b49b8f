using System.Threading;
using System.Threading.Tasks;
using SpiTools.Abstractions;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>Piped text is read while it arrives: records come out before the end of the input, in order, one capture per device.</summary>
    public class PipedTextReaderTests
    {
        private static string[] SeedLines() => File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));

        [Fact]
        public void Records_come_out_while_lines_still_arrive()
        {
            var lines = SeedLines();
            var sink = new FakeSink();
            using var reader = new PipedTextReader(CaptureReadOptions.IpsecSas(false), sink);
            int firstSeenAt = -1;
            // Many copies, pushed one line at a time as Get-Content does.
            var input = Enumerable.Range(0, 300).SelectMany(_ => lines.Skip(1)).Prepend(lines[0]).ToList();
            for (int i = 0; i < input.Count; i++)
            {
                reader.Add(null, new[] { input[i] });
                if (firstSeenAt < 0 && sink.Outputs.Count > 0) firstSeenAt = i;
                if (i % 512 == 0) Thread.Sleep(1); // let the worker run on a busy machine
            }
            Assert.True(firstSeenAt >= 0 && firstSeenAt < input.Count - 1, $"first record after line {firstSeenAt} of {input.Count}");
            reader.Complete();
            Assert.Equal(1200, sink.Outputs.OfType<IpsecSa>().Count());
            Assert.All(sink.Outputs.OfType<IpsecSa>(), s => Assert.Equal("fw-edge1", s.Device));
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void The_same_records_as_reading_the_file_in_the_same_order()
        {
            var file = Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt");
            var fromFile = new FakeSink();
            CaptureReadService.ReadFiles(new[] { file }, CaptureReadOptions.IpsecSas(true), fromFile);
            var piped = new FakeSink();
            using (var reader = new PipedTextReader(CaptureReadOptions.IpsecSas(true), piped))
            {
                foreach (var line in File.ReadLines(file)) reader.Add(null, new[] { line });
                reader.Complete();
            }
            Assert.Equal(fromFile.Outputs.OfType<IpsecSa>().Select(s => (s.Spi, s.Direction, s.Line, s.PacketsEncapsulated)),
                piped.Outputs.OfType<IpsecSa>().Select(s => (s.Spi, s.Direction, s.Line, s.PacketsEncapsulated)));
            Assert.Equal(fromFile.Outputs.OfType<ParseDiagnostic>().Select(d => (d.Code, d.Line)), piped.Outputs.OfType<ParseDiagnostic>().Select(d => (d.Code, d.Line)));
        }

        [Fact]
        public void Each_device_is_a_capture_of_its_own()
        {
            var body = SeedLines().Skip(1).ToArray(); // Posh-SSH output: no echoed prompt
            var sink = new FakeSink();
            using var reader = new PipedTextReader(CaptureReadOptions.IpsecSas(false), sink);
            reader.Add("fw-a", body);
            reader.Add("fw-b", body);
            reader.Complete();
            Assert.Equal(new[] { "fw-a", "fw-a", "fw-a", "fw-a", "fw-b", "fw-b", "fw-b", "fw-b" }, sink.Outputs.OfType<IpsecSa>().Select(s => s.Device));
        }

        [Fact]
        public void Blank_text_is_a_typed_error_and_a_later_device_is_still_read()
        {
            var sink = new FakeSink();
            using var reader = new PipedTextReader(CaptureReadOptions.IpsecSas(false), sink);
            reader.Add("fw-empty", new[] { "", "   " });
            reader.Add("fw-b", SeedLines().Skip(1));
            reader.Complete();
            var error = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.DeviceOutputEmpty, error.Id);
            Assert.Equal("fw-empty", error.Target);
            Assert.Equal(4, sink.Outputs.OfType<IpsecSa>().Count());
        }

        [Fact]
        public void Text_without_the_wanted_output_is_a_warning_naming_the_device()
        {
            var sink = new FakeSink();
            using var reader = new PipedTextReader(CaptureReadOptions.VpnContexts(false), sink);
            reader.Add("fw-a", SeedLines());
            reader.Complete();
            Assert.Equal("show asp table vpn-context detail: no such output in fw-a (it holds show crypto ipsec sa)", Assert.Single(sink.Warnings));
            Assert.Empty(sink.Outputs);
        }

        [Fact]
        public async Task Cancel_ends_a_reader_whose_input_never_completes_and_writes_nothing_more()
        {
            var sink = new FakeSink();
            var reader = new PipedTextReader(CaptureReadOptions.IpsecSas(false), sink);
            reader.Add(null, SeedLines());
            reader.Cancel();
            sink.IsStopping = true;
            var done = Task.Run(reader.Complete);
            Assert.Same(done, await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(5))));
            reader.Dispose();
            Assert.Empty(sink.Errors);
        }
    }
}
