using System;
using System.Collections.Generic;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// Collecting for offline replay (<c>spitools collect</c>): <see cref="Begin"/>, <see cref="Add"/> any number of live
    /// devices, each collected when added and saved where its target says (<see cref="CollectionService.Collect"/>: the
    /// device's warnings and typed errors go to the sink), <see cref="End"/>: every collection made.
    /// </summary>
    public sealed class CollectPipeline
    {
        private readonly CollectPipelineOptions _options;
        private readonly ICommandSink _sink;
        private readonly List<DeviceCollection> _collected = new List<DeviceCollection>();

        private CollectPipeline(CollectPipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>Starts a collection.</summary>
        public static CollectPipeline Begin(CollectPipelineOptions options, ICommandSink sink) =>
            new CollectPipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Collects a live device; null when nothing could be collected (the error was written to the sink) or the run is stopping.</summary>
        public DeviceCollection? Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (input.Kind != PipelineInputKind.Device) throw new NotSupportedException("Only a live device is collected.");
            if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return null;
            var collection = CollectionService.Collect(input.Target!, input.Connector, _sink, _options.Cancellation);
            if (collection != null) _collected.Add(collection);
            return collection;
        }

        /// <summary>Every collection made, in the order the devices were added.</summary>
        public IReadOnlyList<DeviceCollection> End() => _collected;
    }
}
