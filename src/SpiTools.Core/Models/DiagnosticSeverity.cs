namespace SpiTools
{
    /// <summary>How much a parse diagnostic matters to the reader of the results.</summary>
    public enum DiagnosticSeverity
    {
        /// <summary>Noted for completeness; the data is intact (an unsupported command's output, CRLF line ends).</summary>
        Info,

        /// <summary>The capture was damaged or a line could not be used; results rest on repaired or partial text.</summary>
        Warning,

        /// <summary>Input could not be read at all.</summary>
        Error,
    }
}
