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
        /// <summary>Findings at least as severe as <c>--fail-on</c> (audit, and diagnose with --fail-on); also a clear that left the fault.</summary>
        public const int Findings = 4;
        /// <summary><c>audit</c>: some devices failed, and no finding on the others reached <c>--fail-on</c>.</summary>
        public const int SomeFailed = 5;
        /// <summary><c>audit</c>: some devices failed and findings on others reached <c>--fail-on</c>: both at once.</summary>
        public const int SomeFailedAndFindings = 6;

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
            ErrorIds.OutputTooLarge => 22,
            ErrorIds.ConfigurationModeRefused => 23,
            ErrorIds.UnexpectedDevicePrompt => 24,
            _ => 20,
        };
    }
}
