using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.HelpBuilder
{
    /// <summary>
    /// Turns an <c>about_*.md</c> into the plain text <c>Get-Help about_*</c> prints: headings in capitals at the left
    /// margin, text indented four spaces and wrapped at 80 columns, code kept as written (indented), tables as
    /// aligned columns. Markdown markup is removed. A line that cannot fit 80 columns is an error.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Indent = "    ";

        public static string? Write(string file, string markdown, List<HelpError> errors)
        {
            int before = errors.Count;
            var doc = MarkdownDocument.Parse(file, markdown, errors);
            if (doc == null) return null;
            if (!doc.Title.StartsWith("about_", StringComparison.Ordinal))
                errors.Add(new HelpError(file, doc.TitleLine, $"an about topic's title starts with about_ ('# {doc.Title}')"));
            foreach (var required in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
                if (doc.Section(required) == null)
                    errors.Add(new HelpError(file, doc.TitleLine, $"required section '## {required}' is missing"));

            var output = new List<string> { "TOPIC", Indent + doc.Title };
            foreach (var section in doc.Sections)
            {
                output.Add("");
                output.Add(section.Title.ToUpperInvariant());
                Blocks(section.Body.Blocks, output, file, errors);
                foreach (var part in section.Parts)
                {
                    output.Add("");
                    output.Add("  " + MarkdownDocument.Plain(part.Title));
                    Blocks(part.Blocks, output, file, errors);
                }
            }
            output.Add("");
            return errors.Count == before ? string.Join("\n", output) : null;
        }

        private static void Blocks(List<MarkdownBlock> blocks, List<string> output, string file, List<HelpError> errors)
        {
            for (int k = 0; k < blocks.Count; k++)
            {
                var b = blocks[k];
                // A list, or a table, is one block of lines; everything else is set off by a blank line.
                bool continues = k > 0 && blocks[k - 1].Kind == b.Kind && (b.Kind == BlockKind.ListItem || b.Kind == BlockKind.TableRow);
                if (!continues) output.Add("");
                switch (b.Kind)
                {
                    case BlockKind.Paragraph:
                        output.AddRange(MarkdownDocument.Wrap(MarkdownDocument.Plain(b.Text), Width, Indent, Indent));
                        break;
                    case BlockKind.ListItem:
                        output.AddRange(MarkdownDocument.Wrap(MarkdownDocument.Plain(b.Text), Width, Indent + "- ", Indent + "  "));
                        break;
                    case BlockKind.Code:
                        var lines = b.Text.Split('\n');
                        for (int n = 0; n < lines.Length; n++)
                        {
                            string line = Indent + Indent + lines[n].TrimEnd();
                            if (line.Length > Width)
                                errors.Add(new HelpError(file, b.Line + 1 + n, $"code line is {line.Length} columns once indented; the topic must read at {Width} columns"));
                            output.Add(line.TrimEnd());
                        }
                        break;
                    case BlockKind.TableRow:
                        int end = k;
                        while (end + 1 < blocks.Count && blocks[end + 1].Kind == BlockKind.TableRow) end++;
                        var rows = blocks.Skip(k).Take(end - k + 1).Select(r => MarkdownDocument.Cells(r.Text)).ToList();
                        int columns = rows.Max(r => r.Length);
                        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
                        for (int r = 0; r < rows.Count; r++)
                        {
                            string line = (Indent + string.Join("  ", rows[r].Select((cell, c) => cell.PadRight(widths[c])))).TrimEnd();
                            if (line.Length > Width)
                                errors.Add(new HelpError(file, blocks[k + r].Line, $"table row is {line.Length} columns; the topic must read at {Width} columns"));
                            output.Add(line);
                            if (r == 0) output.Add((Indent + string.Join("  ", widths.Select(w => new string('-', w)))).TrimEnd());
                        }
                        k = end;
                        break;
                }
            }
        }
    }
}
