using System;

namespace SpiTools.Parsing
{
    /// <summary>Damage found and repaired on one line.</summary>
    [Flags]
    internal enum LineDamage
    {
        None = 0,
        CarriageReturn = 1 << 0,
        PagerResidue = 1 << 1,
        ControlCharacters = 1 << 2,
        NonBreakingSpace = 1 << 3,
        TypographicCharacter = 1 << 4,
        MarkdownMarkup = 1 << 5,
        ListPrefix = 1 << 6,
        HtmlMarkup = 1 << 7,

        /// <summary>HTML line breaks or blocks between texts: the repaired line holds <c>\n</c> where the output's lines were.</summary>
        HtmlLineBreak = 1 << 8,

        /// <summary>A closing <c>&lt;/pre&gt;</c>: the preformatted block, and with it the output it held, ends on this line.</summary>
        HtmlBlockEnd = 1 << 9,
    }
}
