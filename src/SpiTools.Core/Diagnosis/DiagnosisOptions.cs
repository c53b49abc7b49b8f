namespace SpiTools.Diagnosis
{
    /// <summary>Options of a diagnosis.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>A projected volume-rekey interval below this many seconds is reported as churn.</summary>
        public double RekeyChurnThresholdSeconds { get; set; } = 300;
    }
}
