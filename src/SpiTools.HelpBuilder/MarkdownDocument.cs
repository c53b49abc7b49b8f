using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>
    /// The markdown shape platyPS writes (front matter, one <c>#</c> title, <c>##</c> sections, <c>###</c> parts),
    /// read line by line. Every line ends up in a block or is reported: text before the first section and an
    /// unclosed code fence are errors.
    /// </summary>
    public sealed class MarkdownDocument
    {
        private MarkdownDocument(string file, string title, int titleLine, int lastLine)
        {
            File = file; Title = title; TitleLine = titleLine; LastLine = lastLine;
        }

        public string File { get; }
        public string Title { get; }
        public int TitleLine { get; }
        public int LastLine { get; }
        public List<MarkdownSection> Sections { get; } = new List<MarkdownSection>();

        public MarkdownSection? Section(string title) =>
            Sections.FirstOrDefault(s => string.Equals(s.Title, title, StringComparison.OrdinalIgnoreCase));

        private static readonly Regex Fence = new Regex(@"^\s{0,3}(```+|~~~+)\s*([\w+-]*)\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex ListStart = new Regex(@"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$", RegexOptions.CultureInvariant);

        /// <summary>Reads a markdown text; problems are added to <paramref name="errors"/>.</summary>
        public static MarkdownDocument? Parse(string file, string text, List<HelpError> errors)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            int i = 0;
            // Front matter (platyPS writes it; its values are not needed for MAML).
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                int end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
                if (end < 0)
                {
                    errors.Add(new HelpError(file, 1, "front matter opened with --- is never closed"));
                    return null;
                }
                i = end + 1;
            }
            while (i < lines.Length && lines[i].Trim().Length == 0) i++;
            if (i >= lines.Length || !lines[i].StartsWith("# ", StringComparison.Ordinal))
            {
                errors.Add(new HelpError(file, Math.Min(i + 1, lines.Length), "the file must start with a '# Title' heading"));
                return null;
            }
            var doc = new MarkdownDocument(file, lines[i].Substring(2).Trim(), i + 1, lines.Length);
            i++;

            MarkdownSection? section = null;
            MarkdownPart? part = null;
            var pending = new List<SourceLine>();
            BlockKind pendingKind = BlockKind.Paragraph;

            void Flush()
            {
                if (pending.Count == 0) return;
                if (part == null)
                {
                    errors.Add(new HelpError(file, pending[0].Number, "text outside any '## SECTION'"));
                }
                else
                {
                    var joined = string.Join(" ", pending.Select(l => l.Text.Trim()));
                    part.Blocks.Add(new MarkdownBlock(pendingKind, pending[0].Number, joined));
                }
                pending.Clear();
            }

            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                int number = i + 1;
                var fence = Fence.Match(line);
                if (fence.Success)
                {
                    Flush();
                    string marker = fence.Groups[1].Value;
                    var code = new List<string>();
                    int start = number;
                    int j = i + 1;
                    while (j < lines.Length && !(lines[j].TrimStart().StartsWith(marker, StringComparison.Ordinal) && lines[j].Trim().Trim(marker[0]).Length == 0))
                        code.Add(lines[j++]);
                    if (j >= lines.Length)
                    {
                        errors.Add(new HelpError(file, start, "code fence is never closed"));
                        return null;
                    }
                    if (part == null) errors.Add(new HelpError(file, start, "code block outside any '## SECTION'"));
                    else part.Blocks.Add(new MarkdownBlock(BlockKind.Code, start, string.Join("\n", code), fence.Groups[2].Value));
                    i = j;
                    continue;
                }
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    Flush();
                    errors.Add(new HelpError(file, number, "a second '# Title' heading"));
                    continue;
                }
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush();
                    section = new MarkdownSection(line.Substring(3).Trim(), number);
                    doc.Sections.Add(section);
                    part = section.Body;
                    continue;
                }
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush();
                    if (section == null)
                    {
                        errors.Add(new HelpError(file, number, "'###' heading outside any '## SECTION'"));
                        continue;
                    }
                    part = new MarkdownPart(line.Substring(4).Trim(), number);
                    section.Parts.Add(part);
                    continue;
                }
                if (line.StartsWith("#", StringComparison.Ordinal) && Regex.IsMatch(line, "^#{4,} "))
                {
                    Flush();
                    errors.Add(new HelpError(file, number, "headings deeper than '###' are not used in help"));
                    continue;
                }
                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }
                if (line.TrimStart().StartsWith("|", StringComparison.Ordinal))
                {
                    Flush();
                    if (Regex.IsMatch(line, @"^\s*\|[\s:|-]+\|\s*$")) continue; // the header separator row
                    pendingKind = BlockKind.TableRow;
                    pending.Add(new SourceLine(number, line.Trim()));
                    Flush();
                    continue;
                }
                var item = ListStart.Match(line);
                if (item.Success)
                {
                    Flush();
                    pendingKind = BlockKind.ListItem;
                    pending.Add(new SourceLine(number, item.Groups[1].Value));
                    continue;
                }
                if (pending.Count == 0) pendingKind = BlockKind.Paragraph;
                pending.Add(new SourceLine(number, line));
            }
            Flush();
            return doc;
        }

        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\(([^)\s]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex Bold = new Regex(@"(\*\*|__)(.+?)\1", RegexOptions.CultureInvariant);
        private static readonly Regex Code = new Regex(@"`+([^`]+?)`+", RegexOptions.CultureInvariant);

        /// <summary>Inline markdown to plain text: code spans, bold, links (an absolute address is kept after the text).</summary>
        public static string Plain(string text)
        {
            text = Link.Replace(text, m => m.Groups[2].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
            text = Code.Replace(text, "$1");
            text = Bold.Replace(text, "$2");
            return text.Replace("\\|", "|").Replace("\\*", "*").Replace("\\_", "_").Replace("\\<", "<").Replace("\\>", ">");
        }

        /// <summary>A table row's cells, in plain text.</summary>
        public static string[] Cells(string row) =>
            Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => Plain(c.Trim())).ToArray();

        /// <summary>Word-wraps <paramref name="text"/> to <paramref name="width"/> columns after <paramref name="indent"/>, continuing at <paramref name="hanging"/>.</summary>
        public static IEnumerable<string> Wrap(string text, int width, string indent, string hanging)
        {
            var line = new StringBuilder(indent);
            bool empty = true;
            foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear().Append(hanging);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            if (!empty) yield return line.ToString();
        }
    }
}
