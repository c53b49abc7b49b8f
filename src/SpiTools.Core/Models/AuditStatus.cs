using System;

namespace SpiTools
{
    /// <summary>How one device fared in an audit.</summary>
    public static class AuditStatus
    {
        /// <summary>Collected and diagnosed: nothing found.</summary>
        public const string Healthy = "Healthy";

        /// <summary>Collected and diagnosed: at least one finding.</summary>
        public const string Findings = "Findings";

        /// <summary>Could not be collected (see <see cref="DeviceAuditSummary.ErrorId"/>).</summary>
        public const string Failed = "Failed";
    }
}
