using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using SpiTools.Parsing;

namespace SpiTools.Benchmarks
{
    /// <summary>In-process parse of 10,000 ASA entries (~22 MB), 10,000 IOS-XE entries and 20,000 vpn-contexts.</summary>
    [MemoryDiagnoser]
    [SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
    public class ParserBenchmarks
    {
        private byte[] _asa = null!;
        private byte[] _ios = null!;
        private byte[] _ctx = null!;

        [GlobalSetup]
        public void Setup()
        {
            _asa = Generate(w => CaptureGenerator.WriteAsaIpsecSa(w, 10_000, 42));
            _ios = Generate(w => CaptureGenerator.WriteIosIpsecSa(w, 10_000, 42));
            _ctx = Generate(w => CaptureGenerator.WriteVpnContexts(w, 20_000, 42));
        }

        private static byte[] Generate(System.Action<TextWriter> write)
        {
            var sw = new StringWriter();
            write(sw);
            return Encoding.UTF8.GetBytes(sw.ToString());
        }

        public static long Parse(byte[] data)
        {
            long n = 0;
            foreach (var _ in CaptureParser.Parse(new MemoryStream(data, false), "bench")) n++;
            return n;
        }

        [Benchmark(Description = "ASA show crypto ipsec sa, 10,000 entries")]
        public long AsaIpsecSa() => Parse(_asa);

        [Benchmark(Description = "IOS-XE show crypto ipsec sa, 10,000 entries")]
        public long IosIpsecSa() => Parse(_ios);

        [Benchmark(Description = "ASA show asp table vpn-context detail, 20,000 contexts")]
        public long VpnContexts() => Parse(_ctx);

        public long AsaBytes => _asa.Length;
        public byte[] AsaData => _asa;
        public long IosBytes => _ios.Length;
        public long ContextBytes => _ctx.Length;
    }
}
