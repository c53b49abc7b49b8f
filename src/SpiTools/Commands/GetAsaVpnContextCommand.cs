using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads ASA <c>show asp table vpn-context detail</c> into <see cref="VpnContext"/> objects.</summary>
    [Cmdlet(VerbsCommon.Get, "AsaVpnContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(VpnContext), typeof(ParseDiagnostic))]
    public sealed class GetAsaVpnContextCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects.</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        protected override void Forward(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, SpiTools.Abstractions.ICommandSink sink) =>
            ReadAndOutput(files, texts, CaptureReadOptions.VpnContexts(IncludeDiagnostic), sink);
    }
}
