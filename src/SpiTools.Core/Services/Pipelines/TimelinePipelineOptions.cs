using System.Threading;
using SpiTools.Diagnosis;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How a <see cref="TimelinePipeline"/> runs (<c>Get-SaTimeline</c>, <c>spitools timeline</c>).</summary>
    public sealed class TimelinePipelineOptions
    {
        /// <summary>The pairing of the ends (<see cref="DiagnosisOptions.PeerOf"/>) and the timeline's thresholds.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();

        /// <summary>Ctrl+C: a device being collected is left within a second.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
