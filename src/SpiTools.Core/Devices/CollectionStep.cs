namespace SpiTools.Devices
{
    /// <summary>How <see cref="DeviceCollector"/> runs one <see cref="PlannedCommand"/> of a <see cref="CollectionPlan"/>.</summary>
    internal enum CollectionStep
    {
        /// <summary>Sends the command and keeps its output; a rejection is an error, or a warning when the command is optional.</summary>
        Show,

        /// <summary><c>changeto context NAME</c>: the prompt must name the context afterwards.</summary>
        ChangeContext,

        /// <summary><c>packet-tracer</c>: its output may name the peer whose SAs are shown.</summary>
        Trace,

        /// <summary>
        /// <c>show crypto ipsec sa</c>, only when no peer is given or named by the trace: the peer is the one whose remote proxy
        /// holds the flow's destination. With none or several, this listing is kept instead and <see cref="PeerSas"/> is skipped.
        /// </summary>
        FindPeer,

        /// <summary><c>show crypto ipsec sa peer P</c> for the peer given or found, else <c>show crypto ipsec sa</c>.</summary>
        PeerSas,
    }
}
