using System.Threading;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How a <see cref="CollectPipeline"/> runs (<c>spitools collect</c>).</summary>
    public sealed class CollectPipelineOptions
    {
        /// <summary>Ctrl+C: a device being collected is left within a second.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
