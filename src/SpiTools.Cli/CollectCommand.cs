using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Devices;
using SpiTools.Services;

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
            device.AddLogTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg);
                    var targets = DeviceOptions.TargetsOrReport(device, result, result.GetValue(output), sink);
                    if (targets == null) return sink.ExitCode;
                    var connector = DeviceConnectors.Ssh();
                    foreach (var target in targets)
                    {
                        if (sink.IsStopping) break;
                        var collection = CollectionService.Collect(target, connector, sink, sink.Cancellation);
                        if (collection == null) continue;
                        var folder = target.CaptureFolder();
                        var named = collection.Hostname != null && collection.Hostname != collection.Device ? $"{collection.Device} ({collection.Hostname})" : collection.Device;
                        Console.Out.WriteLine($"{named}: {collection.Outputs.Count} output(s) in {folder}" +
                            (collection.IsComplete ? "" : " (incomplete)"));
                        foreach (var o in collection.Outputs) Console.Out.WriteLine($"  {o.FileName}  ({o.Command})");
                    }
                    return sink.ExitCode;
                });
            });
            return command;
        }
    }
}
