using System;
using System.Management.Automation;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Internal
{
    /// <summary>
    /// A cmdlet that reads captures and outputs their records as they are parsed (a <see cref="ReadPipeline"/>):
    /// each file in the <c>ProcessRecord</c> that names it, piped text while its lines still arrive, and each live device
    /// (<c>-ComputerName</c>, <c>-SSHSession</c>) collected and read in turn.
    /// </summary>
    public abstract class CaptureReadCommand : CaptureInputCommand
    {
        private ReadPipeline? _pipeline;

        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        /// <summary>What this cmdlet outputs (a read profile of the core).</summary>
        protected abstract CaptureReadOptions ReadOptions();

        /// <summary>Objects piped in and bound by property name, as the text the core reads (null: none; see <see cref="AzureIkeSaObjects"/>).</summary>
        protected virtual System.Collections.Generic.List<string>? PipedObjectText(out string? device)
        {
            device = null;
            return null;
        }

        protected override void ProcessRecord()
        {
            _pipeline ??= ReadPipeline.Begin(new ReadPipelineOptions { Read = ReadOptions(), Cancellation = StopToken }, new CmdletSink(this));
            if (IsDeviceInput)
            {
                foreach (var target in DeviceTargets())
                {
                    if (StopToken.IsCancellationRequested) return;
                    _pipeline.Add(PipelineInput.Live(target, target.Connect == null ? null : DeviceAccess.Connector(this)));
                }
                return;
            }
            var objects = PipedObjectText(out var objectDevice);
            if (objects != null) _pipeline.Add(PipelineInput.Text(objectDevice, objects));
            else if (ParameterSetName == TextSet) _pipeline.Add(PipelineInput.Text(Device, InputText ?? new string?[0]));
            else foreach (var file in InputFiles()) _pipeline.Add(PipelineInput.File(file));
        }

        protected override void EndProcessing() => _pipeline?.End();

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
