namespace SpiTools
{
    /// <summary>
    /// How much a parse diagnostic matters to the reader of the results. The values are strings, so filters such as
    /// <c>Severity -eq Warning</c> behave the same on live, deserialised and CSV-imported objects.
    /// </summary>
    public static class DiagnosticSeverity
    {
        /// <summary>Noted for completeness; the data is intact (an unsupported command's output, CRLF line ends).</summary>
        public const string Info = "Info";

        /// <summary>The capture was damaged or a line could not be used; results rest on repaired or partial text.</summary>
        public const string Warning = "Warning";

        /// <summary>Input could not be read at all.</summary>
        public const string Error = "Error";
    }
}
