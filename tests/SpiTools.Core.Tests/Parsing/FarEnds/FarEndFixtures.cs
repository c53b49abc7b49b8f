using System.IO;
using SpiTools.Parsing;

namespace SpiTools.Core.Tests.Parsing.FarEnds
{
    /// <summary>Real outputs of non-Cisco far ends found beyond the shared set (<c>Fixtures/far-ends</c>, with their README).</summary>
    internal static class FarEndFixtures
    {
        public static string PathOf(string relative) =>
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "far-ends", relative.Replace('/', Path.DirectorySeparatorChar));

        public static string VendorPath(string relative) =>
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendors", relative.Replace('/', Path.DirectorySeparatorChar));

        public static (List<ICaptureRecord> Records, ParseStatistics Stats) Parse(string path, string kind = "auto")
        {
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseFile(path, new CaptureParseOptions { Kind = kind, Statistics = stats }).ToList();
            return (records, stats);
        }
    }
}
