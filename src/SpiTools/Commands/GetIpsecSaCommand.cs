using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>Reads <c>show crypto ipsec sa</c> (ASA, FTD, IOS, IOS-XE) into one <see cref="IpsecSa"/> per SA, and <c>show crypto ipsec sa inactive</c> into <see cref="InactiveIpsecSa"/> objects.</summary>
    [Cmdlet(VerbsCommon.Get, "IpsecSa", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecSa), typeof(InactiveIpsecSa), typeof(ParseDiagnostic))]
    public sealed class GetIpsecSaCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        /// <summary>
        /// The quick-mode SAs of an Azure VPN gateway's IKE SA: the objects <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c>
        /// returns, piped in and bound by their <c>quickModeSa</c> property.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureIkeSaObjects.ParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("QuickModeSAs")]
        [AllowEmptyCollection]
        public object? QuickModeSa { get; set; }

        protected override void ProcessRecord()
        {
            var options = CaptureReadOptions.IpsecSas(IncludeDiagnostic);
            if (ParameterSetName != AzureIkeSaObjects.ParameterSet) ReadInput(options, CollectionExtras.None);
            else { var lines = AzureIkeSaObjects.ToText(QuickModeSa, out var device); ReadText(options, device, lines); }
        }

        protected override void EndProcessing() => CompleteRead();
    }
}
