namespace SpiTools
{
    /// <summary>How urgent a finding is.</summary>
    public enum FindingSeverity
    {
        /// <summary>Worth knowing; not a fault (rekey churn, an orphan SA pair, old error counts).</summary>
        Info,
        /// <summary>Something is wrong or the evidence is weakened (damaged capture, error counters growing).</summary>
        Warning,
        /// <summary>Traffic is being lost now.</summary>
        Critical,
    }
}
