using System;
using System.Management.Automation;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>
    /// A cmdlet that reads captures and outputs their records as they are parsed: each file in the
    /// <c>ProcessRecord</c> that names it, piped text through a <see cref="PipedTextReader"/> so records come out
    /// while lines still arrive.
    /// </summary>
    public abstract class CaptureReadCommand : CaptureInputCommand, IDisposable
    {
        private PipedTextReader? _piped;

        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        /// <summary>What this cmdlet outputs (a read profile of the core).</summary>
        protected abstract CaptureReadOptions ReadOptions();

        protected override void ProcessRecord()
        {
            var sink = new CmdletSink(this);
            if (ParameterSetName == TextSet)
            {
                _piped ??= new PipedTextReader(ReadOptions(), sink);
                _piped.Add(Device, InputText ?? new string[0]);
                return;
            }
            CaptureReadService.ReadFiles(InputFiles(), ReadOptions(), sink);
        }

        protected override void EndProcessing() => _piped?.Complete();

        protected override void StopProcessing() => _piped?.Cancel();

        /// <inheritdoc />
        public void Dispose()
        {
            _piped?.Dispose();
            _piped = null;
        }
    }
}
