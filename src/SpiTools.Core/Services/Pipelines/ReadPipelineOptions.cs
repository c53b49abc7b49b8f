using System.Threading;

namespace SpiTools.Services.Pipelines
{
    /// <summary>How a <see cref="ReadPipeline"/> runs (the <c>Get-*</c> cmdlets, <c>spitools parse</c>).</summary>
    public sealed class ReadPipelineOptions
    {
        /// <summary>What is read and output (a read profile: <see cref="CaptureReadOptions.IpsecSas"/>, …).</summary>
        public CaptureReadOptions Read { get; set; } = new CaptureReadOptions();

        /// <summary>Ctrl+C: a device being collected is left within a second.</summary>
        public CancellationToken Cancellation { get; set; }
    }
}
