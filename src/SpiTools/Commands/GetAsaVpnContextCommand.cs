using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>show asp table vpn-context detail</c> into <see cref="VpnContext"/> objects.</summary>
    [Cmdlet(VerbsCommon.Get, "AsaVpnContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(VpnContext), typeof(ParseDiagnostic))]
    public sealed class GetAsaVpnContextCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.VpnContexts(IncludeDiagnostic), CollectionExtras.None);

        protected override void EndProcessing() => CompleteRead();
    }
}
