using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>
    /// Reads IKE SA tables (ASA <c>show crypto ikev1|ikev2|isakmp sa [detail]</c>, IOS / IOS-XE <c>show crypto isakmp sa
    /// [detail]</c>, <c>show crypto ikev2 sa [detail]</c>, <c>show crypto session [detail]</c>) into <see cref="IkeSa"/> objects.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IkeSa", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IkeSa), typeof(ParseDiagnostic))]
    public sealed class GetIkeSaCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }
        // From a live device, the IKE SA tables are collected with the rest.
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.IkeSas(IncludeDiagnostic), CollectionExtras.IkeSas);

        protected override void EndProcessing() => CompleteRead();
    }
}
