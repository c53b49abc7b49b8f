namespace SpiTools.Parsing
{
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
}
