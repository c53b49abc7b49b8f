namespace SpiTools.Abstractions
{
    /// <summary>The stable ErrorIds SpiTools writes: one per failure path, so scripts can rely on them.</summary>
    public static class ErrorIds
    {
        /// <summary>A capture path does not exist.</summary>
        public const string CaptureFileNotFound = "CaptureFileNotFound";
        /// <summary>A capture path is a directory.</summary>
        public const string CaptureFileIsDirectory = "CaptureFileIsDirectory";
        /// <summary>A capture file exists but cannot be read.</summary>
        public const string CaptureFileUnreadable = "CaptureFileUnreadable";
        /// <summary>Input text or objects held nothing to read.</summary>
        public const string DeviceOutputEmpty = "DeviceOutputEmpty";
        /// <summary>Piped text could not be parsed (an unexpected fault; the other inputs are still read).</summary>
        public const string CaptureParseFailed = "CaptureParseFailed";
    }
}
