using System;
using System.Management.Automation;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>
    /// A cmdlet that reads captures and outputs their records as they are parsed (a <see cref="CaptureReadSession"/>):
    /// each file in the <c>ProcessRecord</c> that names it, piped text while its lines still arrive, and each live device
    /// (<c>-ComputerName</c>, <c>-SSHSession</c>) collected and read in turn.
    /// </summary>
    public abstract class CaptureReadCommand : CaptureInputCommand
    {
        private CaptureReadSession? _session;

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
            if (IsDeviceInput)
            {
                var sink = new CmdletSink(this);
                foreach (var target in DeviceTargets())
                {
                    if (StopToken.IsCancellationRequested) return;
                    CollectionService.Read(target, target.Connect == null ? null : DeviceAccess.Connector(this), ReadOptions(), sink, StopToken);
                }
                return;
            }
            _session ??= new CaptureReadSession(ReadOptions(), new CmdletSink(this));
            var objects = PipedObjectText(out var objectDevice);
            if (objects != null) _session.AddText(objectDevice, objects);
            else if (ParameterSetName == TextSet) _session.AddText(Device, InputText ?? new string[0]);
            else _session.ReadFiles(InputFiles());
        }

        protected override void EndProcessing() => _session?.Complete();

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _session?.Cancel();
        }

        /// <inheritdoc />
        protected override void DisposeCore()
        {
            _session?.Dispose();
            _session = null;
        }
    }
}
