using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using SpiTools.Parsing;
using SpiTools.Services.Pipelines;

namespace SpiTools.Cli
{
    /// <summary><c>spitools parse</c>: device outputs to records (table, JSON or CSV).</summary>
    internal static class ParseCommand
    {
        public static Command Create()
        {
            var kind = new Option<string>("--kind")
            {
                Description = "What the input is: auto (recognise each output) or one kind for the whole input.",
                DefaultValueFactory = _ => "auto",
            };
            kind.AcceptOnlyFromAmong(CaptureFormats.KindNames.ToArray());
            var format = CommonOptions.Format();
            var debug = CommonOptions.Debug();
            var paths = new Argument<string[]>("PATH")
            {
                Description = "Capture files or folders (a folder: every file directly in it); none or '-' reads standard input.",
                Arity = ArgumentArity.ZeroOrMore,
            };

            var command = new Command("parse", "Parse device outputs (show crypto ipsec sa, show asp table vpn-context, packet-tracer) into records.")
            {
                kind, format, debug, paths,
            };
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    var stdout = Console.OpenStandardOutput();
                    var text = new StreamWriter(stdout) { AutoFlush = false };
                    // Records are formatted on a thread of their own while the parser reads on.
                    using var writer = new RecordWriter(text, stdout, result.GetValue(format), background: true);
                    using var sink = new ConsoleSink(o => writer.Write((ICaptureRecord)o), Console.Error, dbg);
                    var options = Services.CaptureReadOptions.AllRecords(result.GetValue(kind) ?? "auto");
                    // The line accounting of each capture, after its records (flushed first, so a pipe sees them in order).
                    options.Accounted = (source, stats) => { writer.Flush(); sink.Note($"{source}: {stats}"); };
                    // The same pipeline as the Get-* cmdlets.
                    using (var pipeline = ReadPipeline.Begin(new ReadPipelineOptions { Read = options, Cancellation = sink.Cancellation }, sink))
                    {
                        var given = result.GetValue(paths) ?? Array.Empty<string>();
                        foreach (var path in given.Length == 0 ? new[] { "-" } : given)
                        {
                            if (sink.IsStopping) break;
                            if (path == "-") pipeline.Add(PipelineInput.FromStream(Console.OpenStandardInput(), "-"));
                            else foreach (var file in CliPaths.Expand(path, sink)) pipeline.Add(PipelineInput.File(file));
                        }
                        pipeline.End();
                    }
                    writer.Complete();
                    text.Flush();
                    return sink.ExitCode;
                });
            });
            return command;
        }
    }

}
