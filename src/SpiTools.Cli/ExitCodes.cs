using SpiTools.Abstractions;

namespace SpiTools.Cli
{
    /// <summary>spitools' exit codes: one per kind of failure, so a scheduler can tell them apart (README, "Exit codes").</summary>
    internal static class ExitCodes
    {
        public const int Ok = 0;
        public const int Unexpected = 1;
        public const int InputError = 2;
        public const int InvalidArgument = 3;

        /// <summary>Ctrl+C: what was done so far was written (128 + SIGINT, as shells report it).</summary>
        public const int Interrupted = 130;

        /// <summary>The exit code an error with this ErrorId calls for.</summary>
        public static int For(string errorId) => errorId switch
        {
            ErrorIds.CaptureFileNotFound or ErrorIds.CaptureFileIsDirectory or ErrorIds.CaptureFileUnreadable or ErrorIds.DeviceOutputEmpty or ErrorIds.CaptureParseFailed
                or ErrorIds.ReportInputNotRecognized or ErrorIds.ReportInputInvalid or ErrorIds.ReportFileExists or ErrorIds.ReportWriteFailed => InputError,
            ErrorIds.InvalidDeviceArgument or ErrorIds.CommandNotAllowed or ErrorIds.InvalidInventory => InvalidArgument,
            ErrorIds.AuthenticationFailed => 10,
            ErrorIds.HostKeyUnknown => 11,
            ErrorIds.HostKeyMismatch or ErrorIds.HostKeyRevoked => 12,
            ErrorIds.ConnectionRefused => 13,
            ErrorIds.ConnectionTimeout => 14,
            ErrorIds.AlgorithmNegotiationFailed => 15,
            ErrorIds.EnableFailed => 16,
            ErrorIds.CommandRejected => 17,
            ErrorIds.OutputIncomplete => 18,
            ErrorIds.DeviceDisconnected => 19,
            ErrorIds.ClearNotSupported => 21,
            ErrorIds.ConfigurationModeRefused => 23,
            ErrorIds.UnexpectedDevicePrompt => 24,
            _ => 20,
        };
    }
}
