using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;
using SpiTools.Services.Pipelines;

namespace SpiTools.Commands
{
    /// <summary>
    /// Puts the SA events of a tunnel's two ends side by side (<see cref="SaTimelineEntry"/> rows, one time-ordered table
    /// per tunnel, on end A's clock): the rekeys grouped by message ID, who started each, the clock offset between the
    /// ends, collisions and SPIs used after their delete. Reads logs (debug crypto isakmp|ikev2|ipsec, ASA and IOS syslog)
    /// from files, folders or text. It reads every log before it pairs the ends, so rows come out at the end of the input.
    /// Ends whose addresses are NATed or redacted and that logged no exchange in common are paired by hand with -PeerOf.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SaTimeline", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SaTimelineEntry))]
    public sealed class GetSaTimelineCommand : CaptureInputCommand
    {
        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when NAT or redacted addresses and logs without a
        /// message ID in common keep them from pairing: <c>@{ 'hub1' = 'spoke9' }</c> (a value may list several devices).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable? PeerOf { get; set; }

        private TimelinePipeline? _pipeline;

        protected override void BeginProcessing()
        {
            var options = new DiagnosisOptions();
            PeerOfParameter.AddTo(options, PeerOf, this);
            _pipeline = TimelinePipeline.Begin(new TimelinePipelineOptions { Diagnosis = options, Cancellation = StopToken }, new CmdletSink(this));
        }

        protected override void ProcessRecord()
        {
            if (IsDeviceInput)
            {
                // Each device is collected with its log's SA messages; the ends are paired once every device's log is in.
                foreach (var target in DeviceTargets(CollectionExtras.Log, null)) // with the log: it is what a timeline reads
                {
                    if (StopToken.IsCancellationRequested) return;
                    _pipeline!.Add(PipelineInput.Live(target, target.Connect == null ? null : DeviceAccess.Connector(this)));
                }
            }
            else if (ParameterSetName == TextSet)
            {
                _pipeline!.Add(PipelineInput.Text(Device, InputText ?? new string?[0]));
            }
            else
            {
                foreach (var file in InputFiles()) _pipeline!.Add(PipelineInput.File(file));
            }
        }

        protected override void EndProcessing() => _pipeline!.End();
    }
}
