using System.Collections.Generic;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Core.Tests
{
    /// <summary>Files and texts through the diagnosis pipeline, as Compare-SpiContext -Path and spitools diagnose run it.</summary>
    internal static class Diagnosed
    {
        /// <summary>Every device's records and findings (the findings are written to the sink too, as the front ends get them).</summary>
        public static IReadOnlyList<DeviceDiagnosis> Run(IEnumerable<string> files, IEnumerable<(string? Device, IReadOnlyList<string?> Lines)> texts,
            IEnumerable<string>? before, DiagnosisOptions options, ICommandSink sink)
        {
            var pipeline = DiagnosePipeline.Begin(new DiagnosePipelineOptions { Diagnosis = options, Before = before?.ToList() }, sink);
            foreach (var f in files) pipeline.Add(PipelineInput.File(f));
            foreach (var (device, lines) in texts) pipeline.Add(PipelineInput.Text(device, lines));
            return pipeline.End();
        }
    }
}
