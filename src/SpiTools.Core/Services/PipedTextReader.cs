using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>
    /// Reads text pushed in pieces (PowerShell pipeline lines, whole strings, Posh-SSH <c>Output</c>) as one capture
    /// per device, streaming: the parser runs on a worker thread that pulls the lines as they are pushed, and the
    /// records it completes are written to the sink from the caller's thread at the next push (a PowerShell
    /// pipeline may only be written from its own thread). Memory stays flat: lines are handed over in small
    /// batches through a bounded queue. When the device changes, the capture in progress is finished first.
    /// </summary>
    public sealed class PipedTextReader : IDisposable
    {
        private const int BatchLines = 512;
        private const int QueuedBatches = 8;
        private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(200);

        private readonly CaptureReadOptions _options;
        private readonly ICommandSink _sink;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly CaptureTally? _tally;
        private Capture? _current;

        public PipedTextReader(CaptureReadOptions options, ICommandSink sink) : this(options, sink, null)
        {
        }

        internal PipedTextReader(CaptureReadOptions options, ICommandSink sink, CaptureTally? tally)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _tally = tally;
        }

        /// <summary>Adds lines (or multi-line strings) from <paramref name="device"/> (null: not named) and writes the records completed so far.</summary>
        public void Add(string? device, IEnumerable<string?> lines)
        {
            if (_current != null && !string.Equals(_current.Device, device, StringComparison.Ordinal)) FinishCurrent();
            _current ??= new Capture(device, _options, _sink, _tally, _cancel.Token);
            foreach (var line in lines)
            {
                if (_sink.IsStopping) return;
                _current.Add(line);
            }
            _current.FlushIfOld();
            _current.Drain();
        }

        /// <summary>Finishes the capture in progress: waits for the parser, writes the rest, the warnings and errors.</summary>
        public void Complete() => FinishCurrent();

        /// <summary>Stops the worker (Ctrl+C); nothing more is written.</summary>
        public void Cancel() => _cancel.Cancel();

        /// <inheritdoc />
        public void Dispose()
        {
            _cancel.Cancel();
            _current?.Abandon();
            _current = null;
            _cancel.Dispose();
        }

        private void FinishCurrent()
        {
            var capture = _current;
            _current = null;
            capture?.Finish();
        }

        /// <summary>One device's capture: its batch being filled, the queue to the worker, and the records back.</summary>
        private sealed class Capture
        {
            private readonly CaptureReadOptions _options;
            private readonly ICommandSink _sink;
            private readonly CancellationToken _token;
            private readonly BlockingCollection<List<string?>> _batches = new BlockingCollection<List<string?>>(QueuedBatches);
            private readonly ConcurrentQueue<ICaptureRecord> _records = new ConcurrentQueue<ICaptureRecord>();
            private readonly ParseStatistics _stats = new ParseStatistics();
            private readonly RecordForwarder _forwarder;
            private readonly Thread _worker;
            private readonly Stopwatch _batchAge = new Stopwatch();
            private List<string?> _batch = new List<string?>(BatchLines);
            private Exception? _fault;
            private bool _anyText;

            public Capture(string? device, CaptureReadOptions options, ICommandSink sink, CaptureTally? tally, CancellationToken token)
            {
                Device = device;
                _options = options;
                _sink = sink;
                _token = token;
                string source = device ?? "pipeline";
                _forwarder = new RecordForwarder(source, options, sink, tally);
                var parseOptions = new CaptureParseOptions { Device = device, Statistics = _stats, Kind = options.Kind };
                _worker = new Thread(() => Run(source, parseOptions)) { IsBackground = true, Name = "SpiTools piped text" };
                _worker.Start();
            }

            public string? Device { get; }

            public void Add(string? line)
            {
                if (!_anyText && !string.IsNullOrWhiteSpace(line)) _anyText = true;
                if (_batch.Count == 0) _batchAge.Restart();
                _batch.Add(line);
                if (_batch.Count >= BatchLines) Hand();
            }

            /// <summary>Hands over a partial batch that has waited long enough, so slow input still streams.</summary>
            public void FlushIfOld()
            {
                if (_batch.Count > 0 && _batchAge.Elapsed >= MaxBatchAge) Hand();
            }

            /// <summary>Writes the records the worker has completed (caller's thread only).</summary>
            public void Drain()
            {
                while (_records.TryDequeue(out var r))
                {
                    if (_sink.IsStopping) return;
                    _forwarder.Accept(r);
                }
            }

            public void Finish()
            {
                if (_batch.Count > 0) Hand();
                _batches.CompleteAdding();
                while (!_worker.Join(50))
                {
                    Drain();
                    if (_sink.IsStopping || _token.IsCancellationRequested) return;
                }
                Drain();
                if (_sink.IsStopping) return;
                if (_fault != null)
                {
                    _sink.Error(ErrorIds.CaptureParseFailed, SpiErrorCategory.InvalidData,
                        new InvalidDataException($"{Device ?? "pipeline"}: the text could not be read ({_fault.Message})", _fault), Device);
                    return;
                }
                if (!_anyText)
                {
                    _sink.Error(ErrorIds.DeviceOutputEmpty, SpiErrorCategory.InvalidData,
                        new InvalidDataException($"{Device ?? "input"}: the text holds no device output"), Device);
                    return;
                }
                _forwarder.Finish(_stats);
            }

            public void Abandon()
            {
                _batches.CompleteAdding();
                _worker.Join(1000);
            }

            private void Hand()
            {
                var batch = _batch;
                _batch = new List<string?>(BatchLines);
                try
                {
                    _batches.Add(batch, _token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            private void Run(string source, CaptureParseOptions parseOptions)
            {
                try
                {
                    foreach (var r in CaptureParser.ParseLines(Lines(), source, parseOptions))
                    {
                        if (_token.IsCancellationRequested) return;
                        _records.Enqueue(r);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception ex)
                {
                    _fault = ex;
                }
            }

            private IEnumerable<string?> Lines()
            {
                foreach (var batch in _batches.GetConsumingEnumerable(_token))
                    foreach (var line in batch)
                        yield return line;
            }
        }
    }
}
