namespace SpiTools
{
    /// <summary>
    /// How a finding stands against the device's previous run (an audit with <c>-SaveCapture</c>, or a saved root with an
    /// earlier run): new since it, still there, gone, or not judged in this run (no traffic since it). Strings, like <see cref="FindingSeverity"/>, so they filter and
    /// export the same everywhere. A finding with no previous run to compare with has no change (null).
    /// </summary>
    public static class FindingChange
    {
        /// <summary>Found in this run, not in the previous one.</summary>
        public const string New = "New";
        /// <summary>Found in this run and in the previous one.</summary>
        public const string Persisting = "Persisting";
        /// <summary>Found in the previous run, not in this one: the earlier finding, output again.</summary>
        public const string Resolved = "Resolved";
        /// <summary>
        /// Found in the previous run and judged on the growth of packet counters (OneWayTraffic, InvalidSpi, ProxyMismatch,
        /// ReplayOrAuthErrors), which did not grow since: with no traffic, this run cannot say whether it is still there. The
        /// earlier finding, output again, its evidence saying so; not resolved.
        /// </summary>
        public const string NotJudged = "NotJudged";
    }
}
