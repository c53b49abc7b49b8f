using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>packet-tracer … detailed</c> into <see cref="PacketTrace"/> objects (or their phases with <c>-Phase</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "AsaPacketTrace", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PacketTrace), typeof(PacketTracePhase), typeof(ParseDiagnostic))]
    public sealed class GetAsaPacketTraceCommand : CaptureInputCommand, ITraceFlowParameters
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        /// <summary>Output each phase as a <see cref="PacketTracePhase"/> instead of the trace.</summary>
        [Parameter]
        public SwitchParameter Phase { get; set; }

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

        // From a live device with a flow, packet-tracer traces it.
        protected override void ProcessRecord() => ReadInput(CaptureReadOptions.PacketTraces(IncludeDiagnostic, Phase), CollectionExtras.None, TraceFlow.From(this));

        protected override void EndProcessing() => CompleteRead();
    }
}
