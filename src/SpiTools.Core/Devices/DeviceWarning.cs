namespace SpiTools.Devices
{
    /// <summary>Something a session or a collection went on after: a setup or optional command the device refused.</summary>
    public sealed class DeviceWarning
    {
        internal DeviceWarning(string? device, string? command, string? deviceErrorLine, string message)
        {
            Device = device;
            Command = command;
            // Device text shown visibly (UntrustedText): a warning is printed as it is.
            DeviceErrorLine = UntrustedText.Visible(deviceErrorLine);
            Message = UntrustedText.Visible(message)!;
        }

        /// <summary>The device.</summary>
        public string? Device { get; }

        /// <summary>The command concerned, if any.</summary>
        public string? Command { get; }

        /// <summary>The device's error line, if it printed one.</summary>
        public string? DeviceErrorLine { get; }

        /// <summary>What happened and what was done instead.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
