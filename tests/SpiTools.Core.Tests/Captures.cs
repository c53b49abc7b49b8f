using System.IO;
using SpiTools.Parsing;

namespace SpiTools.Core.Tests
{
    /// <summary>Access to the fixture captures copied next to the test assembly.</summary>
    internal static class Captures
    {
        public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "captures");

        public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        public static (List<ICaptureRecord> Records, ParseStatistics Stats) Parse(string relative, string kind = "auto")
        {
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseFile(PathOf(relative), new CaptureParseOptions { Kind = kind, Statistics = stats }).ToList();
            return (records, stats);
        }

        public static (List<ICaptureRecord> Records, ParseStatistics Stats) ParseText(string text, string kind = "auto")
        {
            var stats = new ParseStatistics();
            var records = CaptureParser.ParseText(text, "test", new CaptureParseOptions { Kind = kind, Statistics = stats }).ToList();
            return (records, stats);
        }

        public static IEnumerable<string> AllFiles() =>
            Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".raw", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(f => f, StringComparer.Ordinal);

        public static IEnumerable<T> Of<T>(this IEnumerable<ICaptureRecord> records) => records.OfType<T>();

        public static List<ParseDiagnostic> Diagnostics(this IEnumerable<ICaptureRecord> records) => records.OfType<ParseDiagnostic>().ToList();
    }
}
