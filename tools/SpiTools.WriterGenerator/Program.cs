using System;
using System.IO;

namespace SpiTools.WriterGenerator
{
    /// <summary>
    /// <c>dotnet run --project tools/SpiTools.WriterGenerator</c>: writes <see cref="RecordWriterGenerator.RelativePath"/>
    /// below the repository root (the folder holding <c>SpiTools.sln</c>, found upwards from the current folder, or
    /// the one given as the only argument). Exit code 0 when written or already current, 2 on a usage error.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length > 1 || (args.Length == 1 && (args[0] == "-h" || args[0] == "--help")))
            {
                Console.Error.WriteLine("usage: dotnet run --project tools/SpiTools.WriterGenerator [-- REPOSITORY-ROOT]");
                return args.Length > 1 ? 2 : 0;
            }
            string? root = args.Length == 1 ? Path.GetFullPath(args[0]) : FindRoot(Directory.GetCurrentDirectory());
            if (root == null || !File.Exists(Path.Combine(root, "SpiTools.sln")))
            {
                Console.Error.WriteLine($"SpiTools.sln not found {(args.Length == 1 ? "in " + root : "in or above " + Directory.GetCurrentDirectory())}: run from the repository or give its root");
                return 2;
            }
            string path = Path.Combine(root, RecordWriterGenerator.RelativePath);
            string text = RecordWriterGenerator.Generate();
            if (File.Exists(path) && File.ReadAllText(path).Replace("\r\n", "\n") == text)
            {
                Console.WriteLine($"{RecordWriterGenerator.RelativePath} is current");
                return 0;
            }
            File.WriteAllText(path, text);
            Console.WriteLine($"{RecordWriterGenerator.RelativePath} written ({RecordWriterGenerator.RecordTypes().Length} record types)");
            return 0;
        }

        private static string? FindRoot(string start)
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SpiTools.sln"))) return dir.FullName;
            return null;
        }
    }
}
