using System.Text;
using System.Threading.Tasks;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Robustness
{
    /// <summary>
    /// Inputs built to hurt: each must give a clear error or a bounded result. The 60 s bound in
    /// <see cref="WithinBound"/> only guards against a hang; it is not a timing goal (those live in the benchmarks).
    /// </summary>
    public class HostileInputTests
    {
        private static T WithinBound<T>(Func<T> work)
        {
            var task = Task.Run(work);
            Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "parsing did not finish: it hangs");
            return task.Result;
        }

        /// <summary>Parses without keeping the records; returns counts and the largest string held by a record.</summary>
        private static (ParseStatistics Stats, long Records, long Diagnostics, Dictionary<string, int> Codes) Drain(Stream input, CaptureParseOptions? options = null)
        {
            var stats = new ParseStatistics();
            options ??= new CaptureParseOptions();
            options.Statistics = stats;
            long records = 0, diags = 0;
            var codes = new Dictionary<string, int>();
            foreach (var r in CaptureParser.Parse(input, "hostile", options))
            {
                if (r is ParseDiagnostic d)
                {
                    diags++;
                    codes[d.Code] = codes.TryGetValue(d.Code, out var n) ? n + 1 : 1;
                }
                else records++;
            }
            return (stats, records, diags, codes);
        }

        [Fact]
        public void A_50_MB_single_line_is_cut_and_reported_in_bounded_memory()
        {
            var result = WithinBound(() => Drain(new RepeatingStream(Encoding.ASCII.GetBytes("interface: outside "), 50_000_000)));
            Assert.Equal(1, result.Stats.Lines);
            Assert.Equal(1, result.Codes[DiagnosticCodes.LineTooLong]);
            Assert.True(result.Stats.IsBalanced);
        }

        [Fact]
        public void The_50_MB_line_costs_little_memory_whatever_its_length()
        {
            long Allocated(long size)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Drain(new RepeatingStream(Encoding.ASCII.GetBytes("VPN CTX = 0x1 "), size));
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Allocated(1_000_000);
            long small = Allocated(5_000_000), large = Allocated(50_000_000);
            // Reading is streamed: ten times the line does not cost ten times the memory.
            Assert.True(large < small * 2 + 1_000_000, $"5 MB line: {small} bytes allocated; 50 MB line: {large}");
        }

        [Fact]
        public void A_million_one_line_entries_stream_through()
        {
            var result = WithinBound(() => Drain(new RepeatingStream(Encoding.ASCII.GetBytes("interface: outside\n"), 19L * 1_000_000)));
            Assert.Equal(1_000_000, result.Stats.Lines);
            Assert.True(result.Stats.IsBalanced);
            Assert.Equal(0, result.Records); // interface headers alone hold no entry
        }

        [Fact]
        public void A_header_repeated_100000_times_gives_a_bounded_linear_result()
        {
            var line = Encoding.ASCII.GetBytes("    Crypto map tag: M, seq num: 1, local addr: 1.1.1.1\n      current_peer: 2.2.2.2\n");
            var result = WithinBound(() => Drain(new RepeatingStream(line, line.Length * 100_000L)));
            Assert.Equal(200_000, result.Stats.Lines);
            Assert.Equal(100_000, result.Records);
            Assert.Equal(100_000, result.Codes[DiagnosticCodes.TruncatedRecord]);
            Assert.True(result.Stats.IsBalanced);
        }

        [Fact]
        public void Never_ending_records_do_not_grow_without_bound()
        {
            var head = "fw# show crypto ipsec sa\ninterface: o\n Crypto map tag: M, seq num: 1, local addr: 1.1.1.1\n current_peer: 2.2.2.2\n" +
                       " outbound esp sas:\n  spi: 0x11111111 (286331153)\n  transform: esp-aes\n  sa timing: remaining key lifetime (kB/sec): (1/2)\n  Anti replay bitmap:\n";
            var bitmap = Concat(Encoding.ASCII.GetBytes(head), new RepeatingStream(Encoding.ASCII.GetBytes("   0xFFFFFFFF 0xFFFFFFFF\n"), 25L * 200_000));
            var result = WithinBound(() => Drain(bitmap));
            Assert.True(result.Stats.IsBalanced);
            Assert.Equal(1, result.Records);
            Assert.True(result.Codes[DiagnosticCodes.UnrecognizedLine] > 190_000, "lines past the field limit are reported, not stored");

            var counters = Concat(Encoding.ASCII.GetBytes("interface: o\n Crypto map tag: M, seq num: 1, local addr: 1.1.1.1\n"),
                new RepeatingStream(Encoding.ASCII.GetBytes("  #pkts strange: 1, #pkts odd: 2\n"), 33L * 100_000));
            var r2 = WithinBound(() => Drain(counters));
            Assert.True(r2.Stats.IsBalanced);

            var phases = Concat(Encoding.ASCII.GetBytes("Phase: 1\nType: VPN\nSubtype: encrypt\nResult: ALLOW\nConfig:\n"),
                new RepeatingStream(Encoding.ASCII.GetBytes("access-list x extended permit ip any any\n"), 41L * 100_000));
            var r3 = WithinBound(() => Drain(phases));
            Assert.True(r3.Stats.IsBalanced);
            Assert.Equal(1, r3.Records);
        }

        [Fact]
        public void Binary_files_are_read_as_damaged_text()
        {
            var bytes = new byte[2_000_000];
            new Random(5).NextBytes(bytes);
            var result = WithinBound(() => Drain(new MemoryStream(bytes)));
            Assert.True(result.Stats.IsBalanced);
            Assert.True(result.Diagnostics > 0);
            Assert.Equal(0, result.Codes.GetValueOrDefault(DiagnosticCodes.ParserFault));
        }

        [Fact]
        public void An_empty_file_gives_nothing_and_a_directory_is_a_typed_error()
        {
            var empty = Path.GetTempFileName();
            try
            {
                Assert.Empty(CaptureParser.ParseFile(empty).ToList());
            }
            finally
            {
                File.Delete(empty);
            }
            var ex = Assert.Throws<CaptureInputException>(() => CaptureParser.ParseFile(Path.GetTempPath()));
            Assert.Equal(CaptureInputError.IsDirectory, ex.Code);
        }

        [Fact]
        public void Allocation_grows_linearly_with_the_input()
        {
            var capture = File.ReadAllBytes(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt"));
            long Allocated(int copies)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Drain(new RepeatingStream(capture, (long)capture.Length * copies));
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Allocated(50);
            double one = Allocated(200), eight = Allocated(1600);
            Assert.InRange(eight / one, 6.0, 10.0);
        }

        [Fact]
        public void The_core_uses_no_regular_expressions()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SpiTools.sln"))) dir = dir.Parent;
            Assert.NotNull(dir);
            var offenders = Directory.EnumerateFiles(Path.Combine(dir!.FullName, "src", "SpiTools.Core"), "*.cs", SearchOption.AllDirectories)
                .Where(f => File.ReadAllText(f).Contains("System.Text.RegularExpressions") || File.ReadAllText(f).Contains("Regex"))
                .ToList();
            Assert.Empty(offenders);
        }

        private static Stream Concat(byte[] head, Stream tail) => new ConcatStream(new MemoryStream(head), tail);

        /// <summary>A stream of <paramref name="length"/> bytes repeating a pattern, produced on demand (never held in memory).</summary>
        private sealed class RepeatingStream : Stream
        {
            private readonly byte[] _pattern;
            private readonly long _length;
            private long _pos;

            public RepeatingStream(byte[] pattern, long length)
            {
                _pattern = pattern;
                _length = length;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, _length - _pos);
                for (int i = 0; i < n; i++) buffer[offset + i] = _pattern[(_pos + i) % _pattern.Length];
                _pos += n;
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => _length;
            public override long Position { get => _pos; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        private sealed class ConcatStream : Stream
        {
            private readonly Stream _a, _b;

            public ConcatStream(Stream a, Stream b)
            {
                _a = a;
                _b = b;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _a.Read(buffer, offset, count);
                return n > 0 ? n : _b.Read(buffer, offset, count);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
