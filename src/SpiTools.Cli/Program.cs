using System.CommandLine;

namespace SpiTools.Cli
{
    /// <summary>Entry point of <c>spitools</c>: one subcommand per core service.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var root = new RootCommand("SpiTools: read Cisco ASA / FTD / IOS-XE IPsec outputs, find SPI and security-association faults.")
            {
                ParseCommand.Create(),
                DiagnoseCommand.Create(),
                CollectCommand.Create(),
                ClearInactiveCommand.Create(),
                AuditCommand.Create(),
                ReportCommand.Create(),
                TimelineCommand.Create(),
            };
            var parsed = root.Parse(args);
            // A command line with an error runs nothing: one line on standard error, nothing on standard output, exit 3.
            if (ArgumentErrors.Report(parsed, System.Console.Error)) return ExitCodes.InvalidArgument;
            return parsed.Invoke();
        }
    }
}
