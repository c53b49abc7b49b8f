using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.Services.Pipelines;
using SpiTools.Services.Targets;

namespace SpiTools.Internal
{
    /// <summary>
    /// The input parameters every capture-reading cmdlet shares: <c>-Path</c> (wildcards, escapes and folders, as
    /// <c>Get-Content</c> resolves them), <c>-LiteralPath</c> (<c>Get-ChildItem</c> output binds by <c>PSPath</c>), and
    /// text: <c>Get-Content</c> lines or whole strings from the pipeline, or Posh-SSH <c>Invoke-SSHCommand</c> results
    /// (<c>Output</c> and <c>Host</c> by property name). A folder is one device's captures. A cmdlet that outputs
    /// records as they are parsed reads its input with <see cref="ReadInput"/> (a <see cref="ReadPipeline"/>); the others
    /// add each input to their verb's pipeline (<see cref="InputFiles"/>). Live devices: <see cref="DeviceInputCommand"/>.
    /// </summary>
    public abstract class CaptureInputCommand : DeviceInputCommand
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        protected const string TextSet = "InputText";

        /// <summary>Capture files or folders; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Capture files or folders, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Device output as text: lines or whole strings from the pipeline, or Posh-SSH's <c>Output</c>.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Output", "Text")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? InputText { get; set; }

        /// <summary>The device the text came from (Posh-SSH's <c>Host</c>); a prompt echoed in the text takes precedence.</summary>
        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "HostName")]
        public string? Device { get; set; }

        private ReadPipeline? _pipeline;

        /// <summary>The capture files named by this record's <c>-Path</c> or <c>-LiteralPath</c>; missing paths are reported as errors by the reader.</summary>
        protected IReadOnlyList<string> InputFiles() =>
            ParameterSetName == LiteralPathSet ? ResolvePaths(LiteralPath!, literal: true) : ResolvePaths(Path!, literal: false);

        /// <summary>
        /// Resolves paths as the file-system cmdlets do (see <see cref="CapturePaths.Resolve"/>): wildcards expand, a
        /// folder gives the files directly in it, and a path that does not exist is passed on for the reader to report.
        /// </summary>
        protected IReadOnlyList<string> ResolvePaths(IEnumerable<string> paths, bool literal) => CapturePaths.Resolve(this, paths, literal);

        /// <summary>
        /// Reads this record's input and outputs its records as they are parsed (a <see cref="ReadPipeline"/>):
        /// each file in the <c>ProcessRecord</c> that names it, piped text while its lines still arrive, and each live
        /// device (<c>-ComputerName</c>, <c>-SSHSession</c>) collected, with <paramref name="extras"/> and
        /// <paramref name="flow"/>, and read in turn. <see cref="CompleteRead"/> ends it.
        /// </summary>
        protected void ReadInput(CaptureReadOptions options, CollectionExtras extras, DeviceFlow? flow = null)
        {
            var pipeline = Pipeline(options);
            if (IsDeviceInput)
            {
                foreach (var target in DeviceTargets(extras, flow))
                {
                    if (StopToken.IsCancellationRequested) return;
                    pipeline.Add(PipelineInput.Live(target, target.Connect == null ? null : DeviceAccess.Connector(this)));
                }
                return;
            }
            if (ParameterSetName == TextSet) pipeline.Add(PipelineInput.Text(Device, InputText ?? new string?[0]));
            else foreach (var file in InputFiles()) pipeline.Add(PipelineInput.File(file));
        }

        /// <summary>Reads text made from objects piped in and bound by property name (see <see cref="AzureIkeSaObjects"/>), as <see cref="ReadInput"/> reads text.</summary>
        protected void ReadText(CaptureReadOptions options, string? device, IReadOnlyList<string> lines) =>
            Pipeline(options).Add(PipelineInput.Text(device, lines));

        /// <summary>Ends what <see cref="ReadInput"/> read: the last records and the warnings of damaged captures.</summary>
        protected void CompleteRead() => _pipeline?.End();

        private ReadPipeline Pipeline(CaptureReadOptions options) =>
            _pipeline ??= ReadPipeline.Begin(new ReadPipelineOptions { Read = options, Cancellation = StopToken }, new CmdletSink(this));

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _pipeline?.Cancel();
        }

        /// <inheritdoc />
        protected override void DisposeCore()
        {
            _pipeline?.Dispose();
            _pipeline = null;
        }
    }
}
