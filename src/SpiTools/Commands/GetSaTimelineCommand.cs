using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;

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
    public sealed class GetSaTimelineCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string TextSet = "InputText";

        private readonly List<string> _files = new List<string>();
        private readonly List<(string? Device, List<string?> Lines)> _texts = new List<(string?, List<string?>)>();

        /// <summary>Log files or folders; wildcards allowed. A folder is one device, unless its files log opposite ends of a tunnel.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Log files or folders, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Log text: lines or whole strings from the pipeline, or Posh-SSH's <c>Output</c>.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Output", "Text")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? InputText { get; set; }

        /// <summary>The device the text came from (Posh-SSH's <c>Host</c>); a host name in the log lines takes precedence.</summary>
        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "HostName")]
        public string? Device { get; set; }

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
            if (ParameterSetName == PathSet) _files.AddRange(CapturePaths.Resolve(this, Path!, literal: false));
            else if (ParameterSetName == LiteralPathSet) _files.AddRange(CapturePaths.Resolve(this, LiteralPath!, literal: true));
            else
            {
                int i = _texts.FindIndex(t => t.Device == Device);
                if (i < 0)
                {
                    _texts.Add((Device, new List<string?>()));
                    i = _texts.Count - 1;
                }
                if (InputText != null) _texts[i].Lines.AddRange(InputText);
            }
        }

        protected override void EndProcessing()
        {
            var texts = _texts.ConvertAll(t => (t.Device, (IReadOnlyList<string?>)t.Lines));
            TimelineService.Run(_files, texts, _options, new CmdletSink(this));
        }
    }
}
