namespace SpiTools.Parsing
{
    /// <summary>Options for <see cref="CaptureParser"/>.</summary>
    public sealed class CaptureParseOptions
    {
        /// <summary><c>auto</c> (recognise each output from its content and echoed commands) or a format name from <see cref="CaptureFormats"/> to read the whole input as.</summary>
        public string Kind { get; set; } = "auto";

        /// <summary>Device name to use when the capture echoes no prompt (e.g. the host a Posh-SSH result came from).</summary>
        public string? Device { get; set; }

        /// <summary>The device's identity (a live device's, a saved capture's manifest's): names every record, whatever prompt the capture echoes.</summary>
        public string? Identity { get; set; }

        /// <summary>Longest line read, in characters; the rest of a longer line is skipped and reported.</summary>
        public int MaxLineLength { get; set; } = 64 * 1024;

        /// <summary>When set, receives the line accounting of every source parsed with these options.</summary>
        public ParseStatistics? Statistics { get; set; }

        /// <summary>When set, <see cref="CaptureParser.ParseFile"/> reports the bytes read so far after each block it reads (for progress bars).</summary>
        public System.Action<long>? BytesRead { get; set; }

        /// <summary>When set, told how each line was accounted for, line by line (for tests of the accounting).</summary>
        internal System.Action<int, LineUse>? LineObserver { get; set; }
    }
}
