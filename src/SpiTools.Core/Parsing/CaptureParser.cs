using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads captures of device output into records, streaming: each record is handed out as soon as it is
    /// complete. Recognises which command each part of the text came from (echoed prompts and commands, or
    /// the content), so one terminal log holding several commands' outputs is read in one go. Every line is
    /// used by a record or reported by a <see cref="ParseDiagnostic"/>.
    /// </summary>
    public static class CaptureParser
    {
        /// <summary>
        /// Reads a file. Throws <see cref="CaptureInputException"/> at once when the path does not exist or is a
        /// directory, and on first enumeration when it cannot be opened.
        /// </summary>
        public static IEnumerable<ICaptureRecord> ParseFile(string path, CaptureParseOptions? options = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path))
                throw new CaptureInputException(CaptureInputError.IsDirectory, path, $"{path}: is a directory, not a capture file");
            if (!File.Exists(path))
                throw new CaptureInputException(CaptureInputError.FileNotFound, path, $"{path}: no such file");
            options ??= new CaptureParseOptions();
            var kind = ResolveKind(options.Kind);
            var bytesRead = options.BytesRead;
            return new RecordStream(() => new StreamLineSource(bytesRead == null ? OpenRead(path) : new ProgressStream(OpenRead(path), bytesRead), options.MaxLineLength, ownsStream: true), path, options, kind);
        }

        /// <summary>Reads a stream (UTF-8). The stream is not closed.</summary>
        public static IEnumerable<ICaptureRecord> Parse(Stream stream, string? source, CaptureParseOptions? options = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            options ??= new CaptureParseOptions();
            var kind = ResolveKind(options.Kind);
            return new RecordStream(() => new StreamLineSource(stream, options.MaxLineLength, ownsStream: false), source, options, kind);
        }

        /// <summary>Reads text from a reader. The reader is not closed.</summary>
        public static IEnumerable<ICaptureRecord> Parse(TextReader reader, string? source, CaptureParseOptions? options = null)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            options ??= new CaptureParseOptions();
            var kind = ResolveKind(options.Kind);
            return new RecordStream(() => new TextReaderLineSource(reader, options.MaxLineLength, ownsReader: false), source, options, kind);
        }

        /// <summary>Reads a capture held in one string.</summary>
        public static IEnumerable<ICaptureRecord> ParseText(string text, string? source, CaptureParseOptions? options = null)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            return ParseLines(new[] { text }, source, options);
        }

        /// <summary>Reads lines (each string may itself hold several lines, as PowerShell passes them).</summary>
        public static IEnumerable<ICaptureRecord> ParseLines(IEnumerable<string?> lines, string? source, CaptureParseOptions? options = null)
        {
            if (lines is null) throw new ArgumentNullException(nameof(lines));
            options ??= new CaptureParseOptions();
            var kind = ResolveKind(options.Kind);
            return new RecordStream(() => new StringsLineSource(lines, options.MaxLineLength), source, options, kind);
        }

        private static ICaptureFormat? ResolveKind(string? kind)
        {
            if (string.IsNullOrEmpty(kind) || string.Equals(kind, "auto", StringComparison.OrdinalIgnoreCase)) return null;
            return CaptureFormats.Find(kind!) ?? throw new ArgumentException(
                $"Unknown capture kind '{kind}'. Known kinds: {string.Join(", ", CaptureFormats.KindNames)}.", nameof(kind));
        }

        private static Stream OpenRead(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            }
            catch (FileNotFoundException ex)
            {
                throw new CaptureInputException(CaptureInputError.FileNotFound, path, $"{path}: no such file", ex);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new CaptureInputException(CaptureInputError.FileNotFound, path, $"{path}: no such file", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new CaptureInputException(CaptureInputError.Unreadable, path, $"{path}: cannot be read ({ex.Message})", ex);
            }
            catch (IOException ex)
            {
                throw new CaptureInputException(CaptureInputError.Unreadable, path, $"{path}: cannot be read ({ex.Message})", ex);
            }
        }

        private sealed class RecordStream : IEnumerable<ICaptureRecord>
        {
            private readonly Func<LineSource> _open;
            private readonly string? _source;
            private readonly CaptureParseOptions _options;
            private readonly ICaptureFormat? _forced;

            public RecordStream(Func<LineSource> open, string? source, CaptureParseOptions options, ICaptureFormat? forced)
            {
                _open = open;
                _source = source;
                _options = options;
                _forced = forced;
            }

            public IEnumerator<ICaptureRecord> GetEnumerator() => new CaptureReader(_open, _source, _options, _forced);

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
