using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>packet-tracer … detailed</c> into <see cref="PacketTrace"/> objects (or their phases with <c>-Phase</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "AsaPacketTrace", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PacketTrace), typeof(PacketTracePhase), typeof(ParseDiagnostic))]
    public sealed class GetAsaPacketTraceCommand : CaptureReadCommand
    {
        /// <summary>Output each phase as a <see cref="PacketTracePhase"/> instead of the trace.</summary>
        [Parameter]
        public SwitchParameter Phase { get; set; }

        protected override CaptureReadOptions ReadOptions() => CaptureReadOptions.PacketTraces(IncludeDiagnostic, Phase);
    }
}
