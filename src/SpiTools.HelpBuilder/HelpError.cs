using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>A help source problem, with the file and 1-based line it is about.</summary>
    public sealed record HelpError(string File, int Line, string Message)
    {
        /// <summary>MSBuild's canonical error format, so a build shows it as an error on that line.</summary>
        public override string ToString() => $"{File}({Line}): error SPIHELP: {Message}";
    }
}
