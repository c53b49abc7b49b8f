using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace SpiTools.HelpBuilder
{
    /// <summary>
    /// <c>SpiTools.HelpBuilder DOCS_DIR OUT_DIR [MODULE_DLL_NAME]</c>: every <c>Verb-Noun.md</c> of DOCS_DIR into one
    /// <c>OUT_DIR/SpiTools.dll-Help.xml</c>, every <c>about_*.md</c> into <c>OUT_DIR/about_*.help.txt</c>.
    /// Exit code 0, or 1 with one <c>file(line): error SPIHELP: …</c> line per problem on standard error (nothing is written then).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 2 || args.Length > 3)
            {
                Console.Error.WriteLine("usage: SpiTools.HelpBuilder DOCS_DIR OUT_DIR [MODULE_DLL_NAME]");
                return 2;
            }
            var errors = new List<HelpError>();
            var outputs = HelpSet.Build(args[0], args.Length == 3 ? args[2] : "SpiTools.dll", errors);
            if (errors.Count > 0)
            {
                foreach (var e in errors) Console.Error.WriteLine(e);
                return 1;
            }
            Directory.CreateDirectory(args[1]);
            foreach (var (name, content) in outputs) File.WriteAllText(Path.Combine(args[1], name), content, new UTF8Encoding(false));
            Console.WriteLine($"help: {string.Join(", ", outputs.Select(o => o.Name))} -> {args[1]}");
            return 0;
        }
    }

    /// <summary>Builds every help file of a docs folder in memory.</summary>
    public static class HelpSet
    {
        /// <summary>The output files (name, content); empty, with <paramref name="errors"/> filled, when any source is wrong.</summary>
        public static List<(string Name, string Content)> Build(string docsDir, string moduleDll, List<HelpError> errors)
        {
            var result = new List<(string, string)>();
            if (!Directory.Exists(docsDir))
            {
                errors.Add(new HelpError(docsDir, 0, "help source folder not found"));
                return result;
            }
            var commands = new List<CommandHelp>();
            foreach (var file in Directory.GetFiles(docsDir, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                string text = File.ReadAllText(file);
                if (name.StartsWith("about_", StringComparison.Ordinal))
                {
                    var about = AboutTopicWriter.Write(file, text, errors);
                    if (about != null) result.Add((name + ".help.txt", about));
                    continue;
                }
                var help = CommandHelpReader.Read(file, text, errors);
                if (help == null) continue;
                if (!string.Equals(help.Name, name, StringComparison.Ordinal))
                    errors.Add(new HelpError(file, 1, $"the file is named {name}.md but documents '{help.Name}'"));
                commands.Add(help);
            }
            if (commands.Count == 0 && errors.Count == 0)
                errors.Add(new HelpError(docsDir, 0, "no Verb-Noun.md cmdlet help found"));
            if (errors.Count > 0) return new List<(string, string)>();
            result.Insert(0, (moduleDll + "-Help.xml", ToText(MamlWriter.Write(commands))));
            return result;
        }

        private static string ToText(System.Xml.Linq.XDocument doc)
        {
            var sb = new StringBuilder();
            using (var w = XmlWriter.Create(new StringWriterUtf8(sb), new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n" }))
                doc.Save(w);
            return sb.Append('\n').ToString();
        }

        private sealed class StringWriterUtf8 : StringWriter
        {
            public StringWriterUtf8(StringBuilder sb) : base(sb, System.Globalization.CultureInfo.InvariantCulture) { }
            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
