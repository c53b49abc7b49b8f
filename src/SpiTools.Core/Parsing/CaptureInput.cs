using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>Options for <see cref="CaptureParser"/>.</summary>
    public sealed class CaptureParseOptions
    {
        /// <summary><c>auto</c> (recognise each output from its content and echoed commands) or a format name from <see cref="CaptureFormats"/> to read the whole input as.</summary>
        public string Kind { get; set; } = "auto";

        /// <summary>Device name to use when the capture echoes no prompt (e.g. the host a Posh-SSH result came from).</summary>
        public string? Device { get; set; }

        /// <summary>Longest line read, in characters; the rest of a longer line is skipped and reported.</summary>
        public int MaxLineLength { get; set; } = 64 * 1024;

        /// <summary>When set, receives the line accounting of every source parsed with these options.</summary>
        public ParseStatistics? Statistics { get; set; }

        /// <summary>When set, <see cref="CaptureParser.ParseFile"/> reports the bytes read so far after each block it reads (for progress bars).</summary>
        public Action<long>? BytesRead { get; set; }
    }

    /// <summary>
    /// Line accounting: every line read is blank, used by a record, or reported by a diagnostic.
    /// <c>Lines == BlankLines + UsedLines + ReportedLines</c> always holds.
    /// </summary>
    public sealed class ParseStatistics
    {
        /// <summary>Lines read.</summary>
        public long Lines { get; internal set; }

        /// <summary>Lines holding nothing but white space (after repair).</summary>
        public long BlankLines { get; internal set; }

        /// <summary>Lines a parser used (including echoed prompts and commands).</summary>
        public long UsedLines { get; internal set; }

        /// <summary>Lines reported as unrecognised or unsupported.</summary>
        public long ReportedLines { get; internal set; }

        /// <summary>Records emitted (diagnostics excluded).</summary>
        public long Records { get; internal set; }

        /// <summary>Diagnostics emitted.</summary>
        public long Diagnostics { get; internal set; }

        /// <summary>Sources (files, streams) read.</summary>
        public int Sources { get; internal set; }

        /// <summary>True when every line is accounted for.</summary>
        public bool IsBalanced => Lines == BlankLines + UsedLines + ReportedLines;

        /// <inheritdoc />
        public override string ToString() =>
            $"{Lines} lines: {UsedLines} used, {BlankLines} blank, {ReportedLines} reported; {Records} records, {Diagnostics} diagnostics";
    }

    /// <summary>Why an input could not be read at all.</summary>
    public enum CaptureInputError
    {
        /// <summary>The path does not exist.</summary>
        FileNotFound,
        /// <summary>The path is a directory, not a file.</summary>
        IsDirectory,
        /// <summary>The file exists but could not be opened or read.</summary>
        Unreadable,
    }

    /// <summary>An input that could not be read at all. Other inputs are not affected.</summary>
    public sealed class CaptureInputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public CaptureInputException(CaptureInputError code, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
            Path = path;
        }

        /// <summary>Why the input could not be read.</summary>
        public CaptureInputError Code { get; }

        /// <summary>The path given.</summary>
        public string Path { get; }
    }

    /// <summary>The output formats SpiTools reads, in recognition order.</summary>
    public static class CaptureFormats
    {
        /// <summary>Every format, by <see cref="ICaptureFormat.Name"/>.</summary>
        public static IReadOnlyList<ICaptureFormat> All { get; } = new ICaptureFormat[]
        {
            new InactiveIpsecSaFormat(),
            new IpsecSaFormat(),
            new VpnContextFormat(),
            new PacketTraceFormat(),
            new IpsecLifetimeFormat(),
            new VpnSessionFormat(),
            new IkeSaFormat(),
            new SaEventFormat(),
        };

        /// <summary>The format with this name (case-insensitive), or null.</summary>
        public static ICaptureFormat? Find(string name)
        {
            foreach (var f in All)
                if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
            return null;
        }

        /// <summary>The names accepted by <c>--kind</c> / <c>-Kind</c>: <c>auto</c> and every format's name.</summary>
        public static IReadOnlyList<string> KindNames
        {
            get
            {
                var names = new List<string> { "auto" };
                foreach (var f in All) names.Add(f.Name);
                return names;
            }
        }
    }
}
