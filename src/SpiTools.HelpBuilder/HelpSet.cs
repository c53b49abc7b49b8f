using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace SpiTools.HelpBuilder
{
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
