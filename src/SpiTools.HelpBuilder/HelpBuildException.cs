using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    /// <summary>Thrown when a help source cannot be converted; carries every problem found.</summary>
    public sealed class HelpBuildException : Exception
    {
        public HelpBuildException(IReadOnlyList<HelpError> errors)
            : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

        public IReadOnlyList<HelpError> Errors { get; }
    }
}
