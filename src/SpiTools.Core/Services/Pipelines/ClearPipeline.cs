using System;
using System.Collections.Generic;
using SpiTools.Abstractions;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// Clearing inactive SAs safely (<c>Invoke-InactiveSaClear</c>, <c>spitools clear-inactive</c>): <see cref="Begin"/>,
    /// <see cref="Add"/> any number of live devices, each considered once (<see cref="RemediationService.ClearInactive"/>:
    /// collected, judged, cleared only with the user's yes, collected again), <see cref="End"/>: every result. Every device
    /// added has a result once the run is stopped: the ones not reached are <c>NotAttempted</c>. Each result is written
    /// to the sink as it is made, while the sink still takes objects.
    /// </summary>
    public sealed class ClearPipeline
    {
        private readonly ClearPipelineOptions _options;
        private readonly ICommandSink _sink;
        private readonly List<SaClearResult> _results = new List<SaClearResult>();
        private readonly HashSet<string> _considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private ClearPipeline(ClearPipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>Starts a clear run.</summary>
        public static ClearPipeline Begin(ClearPipelineOptions options, ICommandSink sink) =>
            new ClearPipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Considers a live device; its result (null for a device given twice, or one that was skipped without a result).</summary>
        public SaClearResult? Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (input.Kind != PipelineInputKind.Device) throw new NotSupportedException("Only a live device is cleared.");
            var target = input.Target!;
            if (!_considered.Add(target.Id))
            {
                _sink.Verbose($"{target.Id}: given twice; it is considered once.");
                return null;
            }
            var result = _sink.IsStopping || _options.Cancellation.IsCancellationRequested
                ? RemediationService.NotAttempted(target)
                : RemediationService.ClearInactive(target, input.Connector, _options.Clear, _sink, _options.Cancellation);
            if (result == null) return null;
            lock (_results) _results.Add(result);
            if (!_sink.IsStopping) _sink.Output(result);
            return result;
        }

        /// <summary>Every result so far, in the order the devices were added (safe to read from another thread, e.g. on Ctrl+C).</summary>
        public IReadOnlyList<SaClearResult> Results
        {
            get { lock (_results) return _results.ToArray(); }
        }

        /// <summary>Every result, in the order the devices were added.</summary>
        public IReadOnlyList<SaClearResult> End() => Results;
    }
}
