using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>show asp table vpn-context detail</c> into <see cref="VpnContext"/> objects.</summary>
    [Cmdlet(VerbsCommon.Get, "AsaVpnContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(VpnContext), typeof(ParseDiagnostic))]
    public sealed class GetAsaVpnContextCommand : CaptureReadCommand
    {
        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.VpnContexts(IncludeDiagnostic);
    }
}
