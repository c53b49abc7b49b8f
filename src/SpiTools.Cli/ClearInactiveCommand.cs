using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Services;
using SpiTools.Services.Targets;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>spitools clear-inactive</c>: the stale-SPI remedy on live ASA / FTD devices (the same
    /// <see cref="RemediationService"/> as <c>Invoke-InactiveSaClear</c>). Without <c>--yes</c> it sends no clear:
    /// with <c>--what-if</c> it reads the evidence and says what it would send; with neither it refuses before connecting.
    /// </summary>
    internal static class ClearInactiveCommand
    {
        /// <summary>Some device was left with the fault (a clear that did not resolve it).</summary>
        public const int ExitNotResolved = 4;

        public static Command Create()
        {
            var device = new DeviceOptions();
            var format = CommonOptions.Format();
            var debug = CommonOptions.Debug();
            var yes = new Option<bool>("--yes") { Description = "Send 'clear crypto ipsec sa inactive' where the diagnosis calls for it, without asking." };
            var whatIf = new Option<bool>("--what-if") { Description = "Read the evidence and say what would be sent; send no clear." };
            var force = new Option<bool>("--force") { Description = "Clear even when no StaleVpnContext is found and no inactive SA is listed." };
            var settle = new Option<double>("--settle-seconds")
            {
                Description = "Seconds to wait after the clear before reading the evidence again.",
                DefaultValueFactory = _ => OptionLimits.DefaultSettleSeconds,
            }.InRange(OptionLimits.MinSettleSeconds, OptionLimits.MaxSettleSeconds, $"seconds from {OptionLimits.MinSettleSeconds} to {OptionLimits.MaxSettleSeconds}");
            var save = new Option<string>("--out") { Description = "Also save the raw outputs before and after the clear in this folder (one sub-folder per device)." };
            var command = new Command("clear-inactive",
                "Clear the inactive IPsec SAs of ASA / FTD devices whose diagnosis finds a stale VPN context, then diagnose again (needs --yes; --what-if sends no clear).")
            {
                format, yes, whatIf, force, settle, save, debug,
            };
            device.AddTo(command);
            device.AddFlowTo(command);
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    bool confirmed = result.GetValue(yes), dryRun = result.GetValue(whatIf);
                    if (!confirmed && !dryRun)
                    {
                        return ArgumentErrors.Write("--yes: clear-inactive changes device state: give --yes to send 'clear crypto ipsec sa inactive', " +
                                                    "or --what-if to see what would be sent. Nothing was sent.");
                    }
                    double seconds = result.GetValue(settle); // held to its range with the rest of the command line
                    var fmt = result.GetValue(format);
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout);
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg)
                    {
                        // --what-if wins over --yes, as -WhatIf does over -Confirm:$false.
                        Confirm = (target, action) =>
                        {
                            Console.Error.WriteLine(dryRun ? $"spitools: what if: {target}: {action}" : $"spitools: {target}: {action}");
                            return !dryRun;
                        },
                    };
                    var hosts = result.GetValue(device.Host) ?? Array.Empty<string>();
                    if (hosts.Length == 0)
                    {
                        return ArgumentErrors.Write("--host: no devices; give --host H…");
                    }
                    var targets = DeviceOptions.TargetsOrReport(device, result, result.GetValue(save), sink);
                    if (targets == null) return sink.ExitCode;
                    // The same pipeline as Invoke-InactiveSaClear.
                    var pipeline = ClearPipeline.Begin(new ClearPipelineOptions
                    {
                        Clear = new SaClearOptions
                        {
                            Force = result.GetValue(force),
                            SettleDelay = TimeSpan.FromSeconds(seconds),
                            Considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
                            WhatIf = dryRun,
                        },
                        Cancellation = sink.Cancellation,
                    }, sink);
                    var connector = DeviceConnectors.Ssh();
                    foreach (var target in targets) pipeline.Add(PipelineInput.Live(target, connector));
                    var results = pipeline.End();

                    if (fmt == OutputFormat.Table) WriteTable(text, results);
                    else
                    {
                        using var writer = new RecordWriter(text, stdout, fmt);
                        foreach (var r in results) writer.Write(r);
                        writer.Complete();
                    }
                    text.Flush();
                    if (sink.IsStopping) return ExitCodes.Interrupted;
                    if (sink.ExitCode != ExitCodes.Ok) return sink.ExitCode;
                    return results.Any(r => r.CommandSent != null && !r.Resolved) ? ExitNotResolved : ExitCodes.Ok;
                });
            });
            return command;
        }

        private static void WriteTable(TextWriter w, IReadOnlyList<SaClearResult> results)
        {
            foreach (var r in results)
            {
                w.WriteLine($"{r.Device}: {r.Status}" + (r.Status == "Cleared" ? (r.Resolved ? ", resolved" : ", NOT resolved") : ""));
                Field(w, "Host", r.Host == null ? null : r.Port is int port && port != 22 ? $"{r.Host} port {port}" : r.Host);
                Field(w, "Platform", r.Platform + (r.Context != null ? $" (context {r.Context})" : ""));
                Field(w, "Would send", r.WouldSend);
                if (r.PlannedCommands != null)
                {
                    // Under --what-if: every command the run sends, one a line, in the order sent.
                    w.WriteLine("  Commands the run sends:");
                    foreach (var c in r.PlannedCommands.Split(new[] { "; " }, StringSplitOptions.None)) w.WriteLine("    " + c);
                }
                Field(w, "Sent", r.CommandSent ?? "nothing");
                Field(w, "Response", r.DeviceResponse);
                Field(w, "Before", r.BeforeVerdict.Length == 0 ? "no finding" : r.BeforeVerdict);
                if (r.AfterVerdict != null) Field(w, "After", r.AfterVerdict.Length == 0 ? "no finding" : r.AfterVerdict);
                Field(w, "Still inactive", r.StillInactive);
                Field(w, "Next step", r.NextStep);
                w.WriteLine();
            }
        }

        private static void Field(TextWriter w, string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            w.WriteLine($"  {name + ":",-15} {value}");
        }
    }
}
