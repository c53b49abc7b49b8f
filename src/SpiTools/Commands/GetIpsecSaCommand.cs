using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads <c>show crypto ipsec sa</c> (ASA, FTD, IOS, IOS-XE) into one <see cref="IpsecSa"/> per SA, and <c>show crypto ipsec sa inactive</c> into <see cref="InactiveIpsecSa"/> objects.</summary>
    [Cmdlet(VerbsCommon.Get, "IpsecSa", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecSa), typeof(InactiveIpsecSa), typeof(ParseDiagnostic))]
    public sealed class GetIpsecSaCommand : CaptureReadCommand
    {
        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.IpsecSas(IncludeDiagnostic);
    }
}
