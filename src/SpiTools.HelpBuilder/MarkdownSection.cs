using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A <c>##</c> section: its own text and its <c>###</c> subsections.</summary>
    public sealed class MarkdownSection
    {
        public MarkdownSection(string title, int line) { Title = title; Line = line; Body = new MarkdownPart(title, line); }
        public string Title { get; }
        public int Line { get; }
        public MarkdownPart Body { get; }
        public List<MarkdownPart> Parts { get; } = new List<MarkdownPart>();
    }
}
