using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>
    /// Reads IPsec SA lifetimes from IOS-XE <c>show crypto ipsec profile</c> and <c>show crypto ipsec
    /// security-association lifetime</c>, and ASA <c>show running-config crypto ipsec</c>, into <see cref="IpsecLifetime"/> objects.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IpsecLifetime", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecLifetime), typeof(ParseDiagnostic))]
    public sealed class GetIpsecLifetimeCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.IpsecLifetimes(IncludeDiagnostic), CollectionExtras.None);

        protected override void EndProcessing() => CompleteRead();
    }
}
