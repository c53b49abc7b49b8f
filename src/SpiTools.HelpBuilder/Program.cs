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

}
