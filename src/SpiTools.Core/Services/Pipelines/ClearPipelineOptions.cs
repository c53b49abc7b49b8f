using System.Threading;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How a <see cref="ClearPipeline"/> runs (<c>Invoke-InactiveSaClear</c>, <c>spitools clear-inactive</c>).</summary>
    public sealed class ClearPipelineOptions
    {
        /// <summary>Force, the settle delay, the devices piped findings name, what-if.</summary>
        public SaClearOptions Clear { get; set; } = new SaClearOptions();

        /// <summary>Ctrl+C: the device at work is left within a second; the ones not reached are <c>NotAttempted</c>.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
