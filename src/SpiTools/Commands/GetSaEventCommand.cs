using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>
    /// Reads SA events from logs (IOS / IOS-XE <c>debug crypto isakmp|ikev2|ipsec</c>, ASA and IOS syslog from
    /// <c>show logging</c> or a syslog server's file) into <see cref="SaEvent"/> objects. From a live device it always
    /// collects the SA-relevant lines of the log buffer (<c>show logging | include …</c>): the log is what it reads.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SaEvent", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SaEvent), typeof(ParseDiagnostic))]
    public sealed class GetSaEventCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }
        // From a live device, the log's SA lines are always collected: the log is what it reads.
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.SaEvents(IncludeDiagnostic), CollectionExtras.Log);

        protected override void EndProcessing() => CompleteRead();
    }
}
