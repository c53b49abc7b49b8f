using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>show vpn-sessiondb detail l2l</c> into one <see cref="VpnSessionTunnel"/> per IKE / IPsec tunnel section.</summary>
    [Cmdlet(VerbsCommon.Get, "AsaVpnSession", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(VpnSessionTunnel), typeof(ParseDiagnostic))]
    public sealed class GetAsaVpnSessionCommand : CaptureReadCommand
    {
        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.VpnSessions(IncludeDiagnostic);
    }
}
