using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary><c>spitools collect</c>: the outputs the diagnosis needs, from live devices over SSH, saved for offline replay.</summary>
    internal static class CollectCommand
    {
        public static Command Create()
        {
            var device = new DeviceOptions();
            var output = new Option<string>("--out") { Description = "Folder to save the outputs in (one sub-folder per device).", Required = true };
            var debug = CommonOptions.Debug();
            var command = new Command("collect", "Collect show crypto ipsec sa, the VPN contexts, the lifetimes (packet-tracer for --flow, the log's SA lines for --include-log) from devices over SSH into a folder per device.")
            {
                output, debug,
            };
            device.AddTo(command);
            device.AddFlowTo(command);
            device.AddLogTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    if (result.GetValue(device.Host) is not { Length: > 0 }) return ArgumentErrors.Write("--host: no devices; give --host H…");
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg);
                    var targets = DeviceOptions.TargetsOrReport(device, result, result.GetValue(output), sink);
                    if (targets == null) return sink.ExitCode;
                    // The collection pipeline: each device collected and saved as it is added.
                    var pipeline = CollectPipeline.Begin(new CollectPipelineOptions { Cancellation = sink.Cancellation }, sink);
                    var connector = DeviceConnectors.Ssh();
                    foreach (var target in targets)
                    {
                        var collection = pipeline.Add(PipelineInput.Live(target, connector));
                        if (collection == null) continue;
                        var folder = target.CaptureFolder();
                        var named = collection.Hostname != null && collection.Hostname != collection.Device ? $"{collection.Device} ({collection.Hostname})" : collection.Device;
                        Console.Out.WriteLine($"{named}: {collection.Outputs.Count} output(s) in {folder}" +
                            (collection.IsComplete ? "" : " (incomplete)"));
                        foreach (var o in collection.Outputs) Console.Out.WriteLine($"  {o.FileName}  ({o.Command})");
                    }
                    pipeline.End();
                    return sink.ExitCode;
                });
            });
            return command;
        }
    }
}
