namespace SpiTools.Services.Targets
{
    /// <summary>
    /// The limits and defaults of the options both front ends take, in one place: a cmdlet's validation attributes and
    /// the CLI's option rules name these constants, and <see cref="DeviceTargetBuilder"/> checks the target options
    /// against them again, so a value one front end refuses the other refuses too.
    /// </summary>
    public static class OptionLimits
    {
        /// <summary>The SSH port: <c>-Port</c>, <c>--port</c>, an inventory's Port column.</summary>
        public const int MinPort = 1, MaxPort = 65535, DefaultPort = 22;

        /// <summary>Longest wait for one command's output, in seconds: <c>-TimeoutSeconds</c> (<c>-CommandTimeoutSeconds</c> of an audit), <c>--timeout</c>.</summary>
        public const int MinCommandTimeoutSeconds = 1, MaxCommandTimeoutSeconds = 3600, DefaultCommandTimeoutSeconds = 120;

        /// <summary>Longest wait for the prompt after login and for each step of enable, in seconds: <c>-PromptTimeoutSeconds</c>, <c>--prompt-timeout</c>.</summary>
        public const int MinPromptTimeoutSeconds = 1, MaxPromptTimeoutSeconds = 600, DefaultPromptTimeoutSeconds = 20;

        /// <summary>Longest time for one audited device, connection included, in seconds: <c>Invoke-SpiAudit -TimeoutSeconds</c>, <c>--device-timeout</c>.</summary>
        public const int MinDeviceTimeoutSeconds = 5, MaxDeviceTimeoutSeconds = 86400, DefaultDeviceTimeoutSeconds = 300;

        /// <summary>Devices audited at once: <c>-ThrottleLimit</c>, <c>--throttle</c>.</summary>
        public const int MinThrottleLimit = 1, MaxThrottleLimit = 256, DefaultThrottleLimit = 8;

        /// <summary>Seconds between a clear and the second look: <c>-SettleSeconds</c>, <c>--settle-seconds</c>.</summary>
        public const double MinSettleSeconds = 0, MaxSettleSeconds = 600, DefaultSettleSeconds = 5;

        /// <summary>Rekey churn is reported below this projected rekey interval, in seconds: <c>-RekeyThresholdSeconds</c>, <c>--rekey-threshold</c>.</summary>
        public const double MinRekeyThresholdSeconds = 1, MaxRekeyThresholdSeconds = 86400, DefaultRekeyThresholdSeconds = 300;

        /// <summary>Path loss is reported beyond this share of the packets sent, in percent: <c>-PathLossTolerancePercent</c>, <c>--path-loss-tolerance</c>.</summary>
        public const double MinPathLossTolerancePercent = 0, MaxPathLossTolerancePercent = 100, DefaultPathLossTolerancePercent = 5;

        /// <summary>A host key's SHA256 fingerprint as OpenSSH prints it: <c>-HostKeyFingerprint</c>, <c>--host-key-fingerprint</c>.</summary>
        public const string HostKeyFingerprintPattern = @"^SHA256:[A-Za-z0-9+/]{43}=?$";

        /// <summary>A security context name (the rule <see cref="Devices.DeviceArguments.ContextName"/> holds every context to).</summary>
        public const string ContextPattern = @"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$";

        /// <summary>The shape of a partition, K/N (<see cref="AuditPartition.Parse"/> also holds K to 1..N): <c>-Partition</c>, <c>--partition</c>.</summary>
        public const string PartitionPattern = @"^[1-9][0-9]*/[1-9][0-9]*$";
    }
}
