using System.Collections.Generic;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>Live devices through the diagnosis pipeline, as Compare-SpiContext -ComputerName and spitools diagnose --host run it.</summary>
    internal static class LiveDiagnosis
    {
        public static IReadOnlyList<DeviceDiagnosis> Run(IEnumerable<DeviceTarget> targets, IDeviceConnector? connector, DiagnosisOptions options, ICommandSink sink)
        {
            var pipeline = DiagnosePipeline.Begin(new DiagnosePipelineOptions { Diagnosis = options }, sink);
            foreach (var t in targets) pipeline.Add(PipelineInput.Live(t, connector));
            return pipeline.End();
        }
    }
}
