namespace SpiTools
{
    /// <summary>
    /// How urgent a finding is. The values are strings, so <c>Severity -eq Critical</c> behaves the same on live,
    /// deserialised (remoting, jobs, <c>Import-Clixml</c>) and CSV-imported objects, and JSON says the word.
    /// </summary>
    public static class FindingSeverity
    {
        /// <summary>Worth knowing; not a fault (rekey churn, an orphan SA pair, old error counts).</summary>
        public const string Info = "Info";
        /// <summary>Something is wrong or the evidence is weakened (damaged capture, error counters growing).</summary>
        public const string Warning = "Warning";
        /// <summary>Traffic is being lost now.</summary>
        public const string Critical = "Critical";

        /// <summary>Orders severities for sorting: Critical 2, Warning 1, Info 0, anything else -1.</summary>
        public static int Rank(string? severity) => severity switch
        {
            Critical => 2,
            Warning => 1,
            Info => 0,
            _ => -1,
        };
    }
}
