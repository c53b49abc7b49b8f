using System;

namespace SpiTools.Parsing
{
    /// <summary>What an output filter typed after a command (<c>| include …</c>) does to the output.</summary>
    internal enum OutputFilterKind
    {
        /// <summary><c>| include</c>, <c>| exclude</c>, <c>| section</c>, <c>| grep</c>: some lines were removed anywhere in the output.</summary>
        Subset,

        /// <summary><c>| begin</c>: the output starts at the first matching line; everything after it is whole.</summary>
        Begin,

        /// <summary><c>| count</c>: only the number of matching lines is printed.</summary>
        Count,
    }
}
