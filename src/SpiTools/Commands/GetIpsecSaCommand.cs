using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads <c>show crypto ipsec sa</c> (ASA, FTD, IOS, IOS-XE) into one <see cref="IpsecSa"/> per SA.</summary>
    [Cmdlet(VerbsCommon.Get, "IpsecSa", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecSa), typeof(ParseDiagnostic))]
    public sealed class GetIpsecSaCommand : CaptureReadCommand
    {
        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.IpsecSas(IncludeDiagnostic);
    }
}
