using System;

namespace SpiTools.Parsing
{
    /// <summary>What an editor, viewer or terminal logger put in front of every line of a block.</summary>
    internal enum LinePrefixKind
    {
        None,

        /// <summary>Line numbers: <c>  1. </c>, <c>12: </c>, <c>12:</c> (grep -n), <c>0012 </c>, <c>12 | </c>, <c>    12\t</c> (cat -n).</summary>
        Number,

        /// <summary>Quote or gutter markers: <c>&gt; </c>, <c>&gt;&gt; </c>, <c>&gt; &gt; </c>, <c>| </c>.</summary>
        Marker,

        /// <summary>A terminal logger's time: <c>[2024-05-01 10:11:12] </c>, <c>2024-05-01 10:11:12.123 </c>, <c>[10:11:12] </c>, <c>10:11:12.123 </c>.</summary>
        Timestamp,
    }
}
