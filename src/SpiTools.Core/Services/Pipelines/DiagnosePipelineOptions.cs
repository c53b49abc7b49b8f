using System.Collections.Generic;
using System.Threading;
using SpiTools.Diagnosis;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How a <see cref="DiagnosePipeline"/> runs (<c>Compare-SpiContext</c>, <c>spitools diagnose</c>).</summary>
    public sealed class DiagnosePipelineOptions
    {
        /// <summary>The thresholds and pairing of the diagnosis.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();

        /// <summary>An earlier snapshot of the same devices (capture files, already resolved): counters are judged on their growth.</summary>
        public IReadOnlyList<string>? Before { get; set; }

        /// <summary>Ctrl+C: a device being collected is left within a second.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
