using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Parsing;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    internal static class CommonOptions
    {
        public static Option<OutputFormat> Format() => new Option<OutputFormat>("--format")
        {
            Description = "Output format: table, json or csv.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };

        public static Option<bool> Debug() => new Option<bool>("--debug")
        {
            Description = "Show stack traces for unexpected failures.",
        };

        /// <summary>Turns an unexpected failure into a one-line message (a stack trace only with --debug).</summary>
        public static int Guard(bool debug, Func<int> action)
        {
            try
            {
                return action();
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ended a device's work (whether its read saw the cancellation or the closed channel first): what was
                // done so far was written.
                return ExitCodes.Interrupted;
            }
            catch (Exception ex) when (!debug)
            {
                Console.Error.WriteLine($"spitools: {ex.GetType().Name}: {Devices.UntrustedText.Visible(ex.Message)} (run with --debug for details)");
                return 1;
            }
            finally
            {
                DeviceOptions.DisposeSecrets(); // every device is done: the secrets are overwritten
            }
        }
    }
}
