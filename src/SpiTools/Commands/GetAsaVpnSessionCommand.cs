using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>show vpn-sessiondb detail l2l</c> into one <see cref="VpnSessionTunnel"/> per IKE / IPsec tunnel section.</summary>
    [Cmdlet(VerbsCommon.Get, "AsaVpnSession", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(VpnSessionTunnel), typeof(ParseDiagnostic))]
    public sealed class GetAsaVpnSessionCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.VpnSessions(IncludeDiagnostic), CollectionExtras.None);

        protected override void EndProcessing() => CompleteRead();
    }
}
