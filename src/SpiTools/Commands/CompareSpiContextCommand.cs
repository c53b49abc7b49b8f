using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>
    /// Diagnoses SPI and security-association faults from device outputs (files, folders, text, Posh-SSH results, or
    /// live devices over SSH: with a flow, the packet-tracer, VPN-context and SA procedure of the stale-SPI case) and
    /// outputs one <see cref="Finding"/> per fault, with evidence, remedy and blast radius. It reads every capture of
    /// a device before it diagnoses, so findings come out at the end of the input.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "SpiContext", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Finding))]
    public sealed class CompareSpiContextCommand : CaptureInputCommand
    {
        private readonly List<string> _files = new List<string>();
        private readonly List<(string? Device, List<string?> Lines)> _texts = new List<(string?, List<string?>)>();

        /// <summary>An earlier snapshot of the same devices (files or folders; wildcards allowed): counters are judged on their growth.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Before { get; set; }

        /// <summary>Report rekey churn below this projected rekey interval, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public double RekeyThresholdSeconds { get; set; } = 300;

        protected override void ProcessRecord()
        {
            if (IsDeviceInput)
            {
                // Each device is collected and diagnosed on its own: its findings come out as soon as it is done.
                var sink = new CmdletSink(this);
                foreach (var target in DeviceTargets())
                {
                    if (StopToken.IsCancellationRequested) return;
                    var diagnosed = CollectionService.Diagnose(new[] { target }, target.Connect == null ? null : DeviceAccess.Connector(this),
                        new DiagnosisOptions { RekeyChurnThresholdSeconds = RekeyThresholdSeconds }, sink, StopToken);
                    DiagnosisService.Write(diagnosed, sink);
                }
                return;
            }
            if (ParameterSetName != TextSet)
            {
                _files.AddRange(InputFiles());
                return;
            }
            int i = _texts.FindIndex(t => t.Device == Device);
            if (i < 0)
            {
                _texts.Add((Device, new List<string?>()));
                i = _texts.Count - 1;
            }
            if (InputText != null) _texts[i].Lines.AddRange(InputText);
        }

        protected override void EndProcessing()
        {
            if (IsDeviceInput) return;
            var texts = _texts.ConvertAll(t => (t.Device, (IReadOnlyList<string?>)t.Lines));
            var before = Before == null ? null : ResolvePaths(Before, literal: false);
            DiagnosisService.Run(_files, texts, before, new DiagnosisOptions { RekeyChurnThresholdSeconds = RekeyThresholdSeconds }, new CmdletSink(this));
        }
    }
}
