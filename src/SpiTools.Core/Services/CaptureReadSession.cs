using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Abstractions;

namespace SpiTools.Services
{
    /// <summary>
    /// One reading command from start to end (a cmdlet invocation, a CLI run): files and piped text are read as they
    /// come, and at the end, when nothing at all of the wanted output was found, one warning names the captures
    /// that were read and what they hold. (A folder of one device's captures holds several outputs: a file without
    /// the wanted one is normal there, so it is only said per file with <c>-Verbose</c>.)
    /// </summary>
    public sealed class CaptureReadSession : IDisposable
    {
        private const int NamedCaptures = 5;
        private readonly CaptureReadOptions _options;
        private readonly ICommandSink _sink;
        private readonly CaptureTally _tally = new CaptureTally();
        private PipedTextReader? _piped;

        public CaptureReadSession(CaptureReadOptions options, ICommandSink sink)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        }

        /// <summary>Reads files (already resolved; a missing one is reported with its ErrorId), writing records as they are parsed.</summary>
        public void ReadFiles(IEnumerable<string> paths)
        {
            foreach (var path in paths)
            {
                if (_sink.IsStopping) return;
                CaptureReadService.ReadFile(path, _options, _sink, null, _tally);
            }
        }

        /// <summary>Reads a stream (standard input) as one capture named <paramref name="source"/>.</summary>
        public void ReadStream(System.IO.Stream stream, string source)
        {
            if (_sink.IsStopping) return;
            CaptureReadService.ReadStream(stream, source, _options, _sink, _tally);
        }

        /// <summary>Adds piped text from a device (null: not named); records come out while it arrives.</summary>
        public void AddText(string? device, IEnumerable<string?> lines)
        {
            _piped ??= new PipedTextReader(_options, _sink, _tally);
            _piped.Add(device, lines);
        }

        /// <summary>Finishes piped text and writes the end-of-command warning.</summary>
        public void Complete()
        {
            _piped?.Complete();
            if (_sink.IsStopping || _tally.Output > 0 || _tally.Without.Count == 0) return;
            _sink.Warning($"No {_options.OutputName} output in {string.Join("; ", _tally.Without.Take(NamedCaptures))}" +
                (_tally.Without.Count > NamedCaptures ? $" and {_tally.Without.Count - NamedCaptures} more capture(s)" : ""));
        }

        /// <summary>Ctrl+C: stops the piped-text worker.</summary>
        public void Cancel() => _piped?.Cancel();

        /// <inheritdoc />
        public void Dispose()
        {
            _piped?.Dispose();
            _piped = null;
        }
    }
}
