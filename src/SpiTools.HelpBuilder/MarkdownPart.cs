using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A <c>###</c> subsection (or the part of a section before its first one).</summary>
    public sealed class MarkdownPart
    {
        public MarkdownPart(string title, int line) { Title = title; Line = line; }
        public string Title { get; }
        public int Line { get; }
        public List<MarkdownBlock> Blocks { get; } = new List<MarkdownBlock>();
    }
}
