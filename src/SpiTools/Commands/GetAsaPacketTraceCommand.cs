using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>packet-tracer … detailed</c> into <see cref="PacketTrace"/> objects (or their phases with <c>-Phase</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "AsaPacketTrace", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PacketTrace), typeof(PacketTracePhase), typeof(ParseDiagnostic))]
    public sealed class GetAsaPacketTraceCommand : CaptureInputCommand
    {
        /// <summary>Output each phase as a <see cref="PacketTracePhase"/> instead of the trace.</summary>
        [Parameter]
        public SwitchParameter Phase { get; set; }

        /// <summary>Also output the parse diagnostics as objects.</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        protected override void Forward(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, SpiTools.Abstractions.ICommandSink sink) =>
            ReadAndOutput(files, texts, CaptureReadOptions.PacketTraces(IncludeDiagnostic, Phase), sink);
    }
}
