namespace SpiTools.Devices
{
    /// <summary>What a command does to the device, which decides who may send it.</summary>
    public enum DeviceCommandKind
    {
        /// <summary>Session setup the dialogue sends itself: <c>enable</c>, paging and width.</summary>
        Setup,
        /// <summary><c>changeto context NAME</c> (multi-context ASA).</summary>
        ContextChange,
        /// <summary>A read-only <c>show</c> command from the fixed list.</summary>
        Show,
        /// <summary><c>packet-tracer input … detailed</c>: simulates a packet, changes nothing.</summary>
        Trace,
        /// <summary>A command that changes device state. Never sent by the session's ordinary path.</summary>
        StateChange,
    }
}
