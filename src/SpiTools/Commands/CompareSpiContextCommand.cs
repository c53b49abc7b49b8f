using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>
    /// Diagnoses SPI and security-association faults from device outputs (files, text, Posh-SSH results) and
    /// outputs one <see cref="Finding"/> per fault, with evidence, remedy and blast radius.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "SpiContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Finding))]
    public sealed class CompareSpiContextCommand : CaptureInputCommand
    {
        /// <summary>Capture files of an earlier snapshot of the same devices: counters are judged on their growth.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Before { get; set; }

        /// <summary>Report rekey churn below this projected rekey interval, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public double RekeyThresholdSeconds { get; set; } = 300;

        protected override void Forward(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, SpiTools.Abstractions.ICommandSink sink) =>
            DiagnosisService.Run(files, texts, Before?.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToList(),
                new DiagnosisOptions { RekeyChurnThresholdSeconds = RekeyThresholdSeconds }, sink);
    }
}
