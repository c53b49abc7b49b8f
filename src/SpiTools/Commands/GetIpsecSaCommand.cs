using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>Reads <c>show crypto ipsec sa</c> (ASA, FTD, IOS, IOS-XE) into one <see cref="IpsecSa"/> per SA.</summary>
    [Cmdlet(VerbsCommon.Get, "IpsecSa", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IpsecSa), typeof(ParseDiagnostic))]
    public sealed class GetIpsecSaCommand : CaptureInputCommand
    {
        /// <summary>Also output the parse diagnostics as objects (otherwise one warning per damaged capture).</summary>
        [Parameter]
        public SwitchParameter IncludeDiagnostic { get; set; }

        protected override void Forward(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, SpiTools.Abstractions.ICommandSink sink) =>
            ReadAndOutput(files, texts, CaptureReadOptions.IpsecSas(IncludeDiagnostic), sink);
    }
}
