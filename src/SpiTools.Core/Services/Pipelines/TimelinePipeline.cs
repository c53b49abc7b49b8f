using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis.Timeline;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// The rekey timeline, one way for every front end and every input (<c>Get-SaTimeline</c>, <c>spitools timeline</c>):
    /// <see cref="Begin"/>, <see cref="Add"/> any number of files, folders, texts and live devices (each collected when
    /// added, with its log's SA messages when its request asks for them), <see cref="End"/>: every device's log events
    /// together, the tunnels' ends paired (<see cref="TimelineService"/>), each tunnel's rows written side by side.
    /// </summary>
    public sealed class TimelinePipeline
    {
        private readonly TimelinePipelineOptions _options;
        private readonly ICommandSink _sink;
        private readonly CaptureInputs _captures = new CaptureInputs();
        private readonly List<SaEvent> _live = new List<SaEvent>();
        private bool _ended;

        private TimelinePipeline(TimelinePipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>Starts a timeline.</summary>
        public static TimelinePipeline Begin(TimelinePipelineOptions options, ICommandSink sink) =>
            new TimelinePipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Adds an input: a live device is collected now; files and text are kept for the end.</summary>
        public void Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (_ended) throw new InvalidOperationException("The timeline has ended.");
            if (_captures.Add(input)) return;
            if (input.Kind != PipelineInputKind.Device) throw new NotSupportedException($"This pipeline does not read a {input.Kind} input.");
            if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return;
            var collection = CollectionService.Collect(input.Target!, input.Connector, _sink, _options.Cancellation);
            if (collection != null) _live.AddRange(collection.Parse().OfType<SaEvent>());
        }

        /// <summary>Reads the files and text, pairs the ends of every tunnel in every device's log, writes the rows and returns the timelines.</summary>
        public IReadOnlyList<SaTimeline> End()
        {
            if (_ended) throw new InvalidOperationException("The timeline has ended.");
            _ended = true;
            if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return Array.Empty<SaTimeline>();
            var events = _live.ToList();
            if (!_captures.IsEmpty)
                events.AddRange(DiagnosisService.Read(_captures.Files, _captures.Texts, _sink).SelectMany(d => d.Records.OfType<SaEvent>()));
            var timelines = TimelineService.Build(events, _options.Diagnosis, _sink);
            TimelineService.Write(timelines, _sink);
            return timelines;
        }
    }
}
