namespace SpiTools.Parsing
{
    /// <summary>How the reader accounted for one line (<see cref="ParseStatistics"/> counts them).</summary>
    internal enum LineUse
    {
        /// <summary>Nothing but white space after repair.</summary>
        Blank,

        /// <summary>An echoed prompt or command.</summary>
        Echo,

        /// <summary>Taken by a section parser: part of a record, or a header whose fields the records after it carry.</summary>
        Used,

        /// <summary>Reported by a diagnostic.</summary>
        Reported,
    }
}
