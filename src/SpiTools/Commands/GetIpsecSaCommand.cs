using System.Collections.Generic;
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
        /// <summary>
        /// The quick-mode SAs of an Azure VPN gateway's IKE SA: the objects <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c>
        /// returns, piped in and bound by their <c>quickModeSa</c> property.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureIkeSaObjects.ParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("QuickModeSAs")]
        [AllowEmptyCollection]
        public object? QuickModeSa { get; set; }

        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.IpsecSas(IncludeDiagnostic);

        /// <inheritdoc />
        protected override List<string>? PipedObjectText(out string? device)
        {
            device = null;
            return ParameterSetName == AzureIkeSaObjects.ParameterSet ? AzureIkeSaObjects.ToText(QuickModeSa, out device) : null;
        }
    }
}
