using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>
    /// Reads IPsec SA lifetimes from IOS-XE <c>show crypto ipsec profile</c> and <c>show crypto ipsec
    /// security-association lifetime</c>, and ASA <c>show running-config crypto ipsec</c>, into <see cref="IpsecLifetime"/> objects.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IpsecLifetime", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecLifetime), typeof(ParseDiagnostic))]
    public sealed class GetIpsecLifetimeCommand : CaptureReadCommand
    {
        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.IpsecLifetimes(IncludeDiagnostic);
    }
}
