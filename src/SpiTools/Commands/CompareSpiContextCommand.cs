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
    /// Diagnoses SPI and security-association faults from device outputs (files, folders, text, Posh-SSH results, or
    /// live devices over SSH: with a flow, the packet-tracer, VPN-context and SA procedure of the stale-SPI case) and
    /// outputs one <see cref="Finding"/> per fault, with evidence, remedy and blast radius. It reads every capture of
    /// a device before it diagnoses, so findings come out at the end of the input. Devices that are the two ends of
    /// a tunnel (from their endpoints, or as -PeerOf says) are also compared with each other.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "SpiContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Finding))]
    public sealed class CompareSpiContextCommand : CaptureInputCommand, ITraceFlowParameters
    {
        /// <summary>An earlier snapshot of the same devices (files or folders; wildcards allowed): counters are judged on their growth.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Before { get; set; }

        /// <summary>Report rekey churn below this projected rekey interval, in seconds.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinRekeyThresholdSeconds, OptionLimits.MaxRekeyThresholdSeconds)]
        public double RekeyThresholdSeconds { get; set; } = OptionLimits.DefaultRekeyThresholdSeconds;

        /// <summary>Also report tunnels whose two ends agree (an <c>EndsAgree</c> finding with both ends' SPIs), to prove a tunnel clean end to end.</summary>
        [Parameter]
        public SwitchParameter IncludeHealthy { get; set; }

        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when NAT or redacted addresses keep the endpoints
        /// from pairing them: <c>@{ 'fw-a' = 'rtr-b' }</c> (a value may list several devices). Entries are then matched by their mirrored proxies.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable? PeerOf { get; set; }

        /// <summary>Comparing two snapshots of both ends: packets one end encapsulated and the other did not decapsulate are path loss only beyond this share, in percent.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinPathLossTolerancePercent, OptionLimits.MaxPathLossTolerancePercent)]
        public double PathLossTolerancePercent { get; set; } = OptionLimits.DefaultPathLossTolerancePercent;

        /// <summary>
        /// From live devices, also collect the SA-relevant lines of each device's log buffer (<c>show logging | include …</c>
        /// with a fixed filter): the invalid-SPI drops, SA deletions and rekeys (on IOS-XE with the ISAKMP and IKEv2 debug lines)
        /// that <c>SpiDesync</c>, <c>DeletedSpiInUse</c>, <c>RekeyTimeline</c>, <c>RekeyCollision</c> and <c>IkeRekeyFlap</c> rest
        /// on. A device that refuses it gives a warning.
        /// </summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        public SwitchParameter IncludeLog { get; set; }

        /// <summary>
        /// The quick-mode SAs of an Azure VPN gateway's IKE SA: the objects <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c>
        /// returns, piped in and bound by their <c>quickModeSa</c> property; the gateway is a device of its own, named by its address.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureIkeSaObjects.ParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("QuickModeSAs")]
        [AllowEmptyCollection]
        public object? QuickModeSa { get; set; }

        /// <summary>The flow to trace: the interface it enters (packet-tracer runs when all six flow values are given).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.InterfaceCompleter))]
        public string? Interface { get; set; }

        /// <summary>The flow's protocol: tcp, udp, or a protocol number.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ProtocolCompleter))]
        public string? Protocol { get; set; }

        /// <summary>The flow's source address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

        /// <summary>The flow's source port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int SourcePort { get; set; }

        /// <summary>The flow's destination address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>The flow's destination port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int DestinationPort { get; set; }

        private DiagnosePipeline? _pipeline;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var options = new DiagnosisOptions
            {
                RekeyChurnThresholdSeconds = RekeyThresholdSeconds,
                IncludeHealthy = IncludeHealthy,
                PathLossTolerancePercent = PathLossTolerancePercent,
            };
            PeerOfParameter.AddTo(options, PeerOf, this);
            _pipeline = DiagnosePipeline.Begin(new DiagnosePipelineOptions
            {
                Diagnosis = options,
                Before = Before == null ? null : ResolvePaths(Before, literal: false),
                Cancellation = StopToken,
            }, new CmdletSink(this));
        }

        protected override void ProcessRecord()
        {
            if (IsDeviceInput)
            {
                foreach (var target in DeviceTargets(IncludeLog ? CollectionExtras.Log : CollectionExtras.None, TraceFlow.From(this)))
                {
                    if (StopToken.IsCancellationRequested) return;
                    _pipeline!.Add(PipelineInput.Live(target, target.Connect == null ? null : DeviceAccess.Connector(this)));
                }
            }
            else if (ParameterSetName == AzureIkeSaObjects.ParameterSet)
            {
                var lines = AzureIkeSaObjects.ToText(QuickModeSa, out var device);
                _pipeline!.Add(PipelineInput.Text(device, lines));
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
