using System.Collections.Generic;

namespace SpiTools.Diagnosis
{
    /// <summary>Options of a diagnosis.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>A projected volume-rekey interval below this many seconds is reported as churn.</summary>
        public double RekeyChurnThresholdSeconds { get; set; } = 300;

        /// <summary>Also report what was checked and found healthy (tunnels whose two ends agree), to prove a tunnel clean end to end.</summary>
        public bool IncludeHealthy { get; set; }

        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when the endpoints cannot pair them (NAT,
        /// redacted addresses): each (A, B) says B is A's peer. Empty: devices are paired from their endpoints.
        /// </summary>
        public IList<(string Device, string PeerDevice)> PeerOf { get; } = new List<(string, string)>();
    }
}
