namespace SpiTools.Devices
{
    /// <summary>One command of a collection plan.</summary>
    public sealed class PlannedCommand
    {
        internal PlannedCommand(CollectionStep step, DeviceCommand? send, string command, bool optional, string purpose)
        {
            Step = step;
            Send = send;
            Command = command;
            Optional = optional;
            Purpose = purpose;
        }

        /// <summary>How the collector runs it.</summary>
        internal CollectionStep Step { get; }

        /// <summary>The command sent, when known before the run (null for the SAs of a peer found at run time).</summary>
        internal DeviceCommand? Send { get; }

        /// <summary>The command (a peer found at run time shows as <c>&lt;peer&gt;</c>).</summary>
        public string Command { get; }

        /// <summary>True when a device that rejects it (an older release) only gives a warning.</summary>
        public bool Optional { get; }

        /// <summary>Why it is collected.</summary>
        public string Purpose { get; }

        /// <inheritdoc />
        public override string ToString() => Command;
    }
}
