using System.Threading;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How an <see cref="AuditPipeline"/> runs (<c>Invoke-SpiAudit</c>, <c>spitools audit</c>).</summary>
    public sealed class AuditPipelineOptions
    {
        /// <summary>The throttle, the diagnosis thresholds, where the evidence goes.</summary>
        public AuditOptions Audit { get; set; } = new AuditOptions();

        /// <summary>Ctrl+C: the sweep stops within a second.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
