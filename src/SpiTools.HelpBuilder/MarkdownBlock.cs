using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A block of a section body: a paragraph, a list item, a table row, or a fenced code block.</summary>
    public sealed record MarkdownBlock(BlockKind Kind, int Line, string Text, string? Language = null);
}
