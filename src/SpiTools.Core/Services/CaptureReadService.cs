using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>
    /// Reads capture files for a front end through <see cref="ICommandSink"/>, streaming: records go out as they are
    /// parsed. Damage becomes one warning per capture (or diagnostic objects on request); an empty capture, or one
    /// holding none of the wanted output, is a warning naming it; a file that cannot be read is a non-terminating
    /// error with a stable ErrorId, and the other inputs are still read. Piped text goes through <see cref="PipedTextReader"/>.
    /// </summary>
    public static class CaptureReadService
    {
        private const int ProgressActivityId = 1;

        /// <summary>Reads files one after another.</summary>
        public static void ReadFiles(IEnumerable<string> paths, CaptureReadOptions options, ICommandSink sink)
        {
            foreach (var path in paths)
            {
                if (sink.IsStopping) return;
                ReadFile(path, options, sink);
            }
        }

        /// <summary>Reads one file; <paramref name="device"/> names the device when no prompt is echoed.</summary>
        public static void ReadFile(string path, CaptureReadOptions options, ICommandSink sink, string? device = null) => ReadFile(path, options, sink, device, null);

        /// <summary>
        /// False when the file could not be read (the error was written). A device not named by the caller is named as the
        /// diagnosis names it (<see cref="DiagnosisService.DeviceNameForFile"/>): by its folder's manifest, which names every
        /// record whatever prompt is echoed, else by an echoed prompt, else by its folder's name.
        /// </summary>
        internal static bool ReadFile(string path, CaptureReadOptions options, ICommandSink sink, string? device, CaptureTally? tally, string? identity = null)
        {
            var stats = new ParseStatistics();
            var forwarder = new RecordForwarder(path, options, sink, tally);
            if (device == null && identity == null)
            {
                identity = DiagnosisService.IdentityForFile(path);
                device = identity ?? DiagnosisService.DeviceNameForFile(path);
            }
            var parseOptions = new CaptureParseOptions { Statistics = stats, Device = device, Identity = identity, Kind = options.Kind };
            var progress = ProgressFor(path, options, sink);
            if (progress != null) parseOptions.BytesRead = progress.Report;
            sink.Verbose($"Reading {path}");
            bool read = TryRead(path, () => CaptureParser.ParseFile(path, parseOptions), forwarder.Accept, sink);
            progress?.Complete();
            if (read && !sink.IsStopping) forwarder.Finish(stats);
            return read;
        }

        /// <summary>Reads a stream (standard input) as one capture named <paramref name="source"/>.</summary>
        internal static void ReadStream(Stream stream, string source, CaptureReadOptions options, ICommandSink sink, CaptureTally? tally)
        {
            var stats = new ParseStatistics();
            var forwarder = new RecordForwarder(source, options, sink, tally);
            var parseOptions = new CaptureParseOptions { Statistics = stats, Kind = options.Kind };
            if (TryRead(source, () => CaptureParser.Parse(stream, source, parseOptions), forwarder.Accept, sink) && !sink.IsStopping)
                forwarder.Finish(stats);
        }

        /// <summary>
        /// The one place that decides which failures of a capture read are the reader's to report: a path that does
        /// not exist or is a folder, and any I/O or permission failure while opening or reading, each a
        /// non-terminating error with its ErrorId; the records read before a failure stay output. False when it failed.
        /// </summary>
        internal static bool TryRead(string path, Func<IEnumerable<ICaptureRecord>> open, Action<ICaptureRecord> accept, ICommandSink sink)
        {
            try
            {
                foreach (var r in open())
                {
                    if (sink.IsStopping) return true;
                    accept(r);
                }
                return true;
            }
            catch (CaptureInputException ex)
            {
                sink.Error(ErrorIdFor(ex.Code), CategoryFor(ex.Code), ex, path);
            }
            catch (IOException ex)
            {
                sink.Error(ErrorIds.CaptureFileUnreadable, SpiErrorCategory.ReadError, new CaptureInputException(CaptureInputError.Unreadable, path, $"{path}: cannot be read ({ex.Message})", ex), path);
            }
            catch (UnauthorizedAccessException ex)
            {
                sink.Error(ErrorIds.CaptureFileUnreadable, SpiErrorCategory.ReadError, new CaptureInputException(CaptureInputError.Unreadable, path, $"{path}: cannot be read ({ex.Message})", ex), path);
            }
            return false;
        }

        /// <summary>Parses and collects the records of one file (for services that need them all, like diagnosis); null when it cannot be read.</summary>
        internal static List<ICaptureRecord>? CollectFile(string path, string? device, ICommandSink sink, Action<string, ParseStatistics>? accounted = null, string? identity = null)
        {
            // The same read as the cmdlets' (progress, verbose, warnings, failures), every record kept instead of output;
            // a capture without IPsec output is normal in a device's folder, so it is only told with -Verbose.
            var records = new List<ICaptureRecord>();
            var options = new CaptureReadOptions { OutputAllTypes = true, OutputName = "device", IncludeDiagnostic = true, Accounted = accounted };
            return ReadFile(path, options, new CollectingSink(sink, records.Add), device, new CaptureTally(), identity) ? records : null;
        }

        /// <summary>"fw.txt: 3 damaged or unreadable lines (JoinedLine at line 21; SpiDecimalMismatch at lines 32, 40)" (<see cref="Diagnosis.DamagedLines"/>).</summary>
        public static string DamageSummary(string source, IReadOnlyList<ParseDiagnostic> damage) =>
            $"{RecordForwarder.Name(source)}: {Diagnosis.DamagedLines.Count(damage.Count)} ({Diagnosis.DamagedLines.ByCode(damage)}); use -IncludeDiagnostic for details";

        internal static string ErrorIdFor(CaptureInputError code) => code switch
        {
            CaptureInputError.FileNotFound => ErrorIds.CaptureFileNotFound,
            CaptureInputError.IsDirectory => ErrorIds.CaptureFileIsDirectory,
            _ => ErrorIds.CaptureFileUnreadable,
        };

        internal static SpiErrorCategory CategoryFor(CaptureInputError code) => code switch
        {
            CaptureInputError.FileNotFound => SpiErrorCategory.ObjectNotFound,
            _ => SpiErrorCategory.ReadError,
        };

        private static FileProgress? ProgressFor(string path, CaptureReadOptions options, ICommandSink sink)
        {
            long length;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists) return null;
                length = info.Length;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return null;
            }
            return length >= options.ProgressThresholdBytes ? new FileProgress(path, length, sink) : null;
        }

        /// <summary>Passes everything to the front end's sink except the records, which it hands to a collector.</summary>
        private sealed class CollectingSink : ICommandSink
        {
            private readonly ICommandSink _inner;
            private readonly Action<ICaptureRecord> _collect;

            public CollectingSink(ICommandSink inner, Action<ICaptureRecord> collect)
            {
                _inner = inner;
                _collect = collect;
            }

            public bool IsStopping => _inner.IsStopping;
            public void Output(object item) => _collect((ICaptureRecord)item);
            public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) => _inner.Error(errorId, category, exception, target);
            public void Warning(string message) => _inner.Warning(message);
            public void Verbose(string message) => _inner.Verbose(message);
            public void Progress(int activityId, string activity, string status, int percent, bool completed = false) => _inner.Progress(activityId, activity, status, percent, completed);
            public bool ShouldProcess(string target, string action) => _inner.ShouldProcess(target, action);
        }

        /// <summary>Progress by bytes read, reported at each whole percent.</summary>
        private sealed class FileProgress
        {
            private readonly string _path;
            private readonly long _length;
            private readonly ICommandSink _sink;
            private int _percent = -1;

            public FileProgress(string path, long length, ICommandSink sink)
            {
                _path = path;
                _length = length;
                _sink = sink;
            }

            public void Report(long bytes)
            {
                int percent = (int)Math.Min(100, bytes * 100 / Math.Max(1, _length));
                if (percent == _percent) return;
                _percent = percent;
                _sink.Progress(ProgressActivityId, $"Reading {Path.GetFileName(_path)}", $"{bytes / 1048576.0:F1} of {_length / 1048576.0:F1} MB", percent);
            }

            public void Complete() => _sink.Progress(ProgressActivityId, $"Reading {Path.GetFileName(_path)}", "Done", 100, completed: true);
        }
    }
}
