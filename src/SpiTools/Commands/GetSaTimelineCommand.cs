using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

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
        private readonly List<string> _files = new List<string>();
        private readonly List<DeviceTarget> _targets = new List<DeviceTarget>();

        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when NAT or redacted addresses and logs without a
        /// message ID in common keep them from pairing: <c>@{ 'hub1' = 'spoke9' }</c> (a value may list several devices).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable? PeerOf { get; set; }

        private readonly DiagnosisOptions _options = new DiagnosisOptions();

        protected override void BeginProcessing() => PeerOfParameter.AddTo(_options, PeerOf, this);

        protected override void ProcessRecord()
        {
            if (IsDeviceInput) _targets.AddRange(DeviceTargets(CollectionExtras.Log, null)); // with the log: it is what a timeline reads
            else if (ParameterSetName != TextSet) _files.AddRange(InputFiles());
            else BufferInputText();
        }

        protected override void EndProcessing()
        {
            var sink = new CmdletSink(this);
            if (IsDeviceInput)
            {
                // Every device is collected (with its log's SA messages) before the ends can be paired.
                var connector = _targets.Exists(t => t.Connect != null) ? DeviceAccess.Connector(this) : null;
                TimelineService.Write(TimelineService.Build(_targets, connector, _options, sink, StopToken), sink);
                return;
            }
            TimelineService.Run(_files, BufferedTexts(), _options, sink);
        }
    }
}
