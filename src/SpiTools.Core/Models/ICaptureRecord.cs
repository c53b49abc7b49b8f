namespace SpiTools
{
    /// <summary>
    /// Something read from a capture: a parsed record or a diagnostic about the capture.
    /// Every record says where it came from, so evidence can always be traced to file:line. Read-only: the core names a
    /// record (its device, source and lines) as it makes it, and no record changes once handed out.
    /// </summary>
    public interface ICaptureRecord
    {
        /// <summary>The record's type name as it appears in JSON (<c>IpsecSa</c>, <c>VpnContext</c>, ...).</summary>
        string RecordType { get; }

        /// <summary>
        /// The device: a live device's identity (inventory name, else host[:port][/context]); for a capture, the name its
        /// echoed prompt (or the name given with it, or its folder) gives.
        /// </summary>
        string? Device { get; }

        /// <summary>Where the text came from: a file path, <c>-</c> for standard input, or a host name.</summary>
        string? Source { get; }

        /// <summary>First input line (1-based) this record rests on.</summary>
        int Line { get; }

        /// <summary>Last input line (1-based) this record rests on.</summary>
        int LastLine { get; }
    }
}
