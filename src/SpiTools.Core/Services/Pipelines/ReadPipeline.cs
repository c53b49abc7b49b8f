using System;
using SpiTools.Abstractions;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// Reading records, one way for every front end and every input (the <c>Get-*</c> cmdlets, <c>spitools parse</c>):
    /// <see cref="Begin"/>, <see cref="Add"/> any number of inputs, <see cref="End"/>. Records are written as they are
    /// parsed: a file's when it is added, piped text's while its lines still arrive (<see cref="CaptureReadSession"/>),
    /// a live device's once it is collected (<see cref="CollectionService.Read"/>). At the end, when nothing of the
    /// wanted output was read at all, one warning names what was.
    /// </summary>
    public sealed class ReadPipeline : IDisposable
    {
        private readonly ReadPipelineOptions _options;
        private readonly ICommandSink _sink;
        private readonly CaptureReadSession _session;

        private ReadPipeline(ReadPipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
            _session = new CaptureReadSession(options.Read, sink);
        }

        /// <summary>Starts reading.</summary>
        public static ReadPipeline Begin(ReadPipelineOptions options, ICommandSink sink) =>
            new ReadPipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Reads an input and writes its records.</summary>
        public void Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            switch (input.Kind)
            {
                case PipelineInputKind.File:
                    _session.ReadFiles(CaptureFiles.Expand(input.Path!));
                    break;
                case PipelineInputKind.Text:
                    _session.AddText(input.Device, input.Lines);
                    break;
                case PipelineInputKind.Stream:
                    _session.ReadStream(input.Stream!, input.Path!);
                    break;
                default:
                    if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return;
                    CollectionService.Read(input.Target!, input.Connector, _options.Read, _sink, _options.Cancellation);
                    break;
            }
        }

        /// <summary>Finishes piped text and writes the end-of-command warning.</summary>
        public void End() => _session.Complete();

        /// <summary>Ctrl+C: stops the piped-text worker.</summary>
        public void Cancel() => _session.Cancel();

        /// <inheritdoc />
        public void Dispose() => _session.Dispose();
    }
}
