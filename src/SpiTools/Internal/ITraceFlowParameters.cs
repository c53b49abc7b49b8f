namespace SpiTools.Internal
{
    /// <summary>
    /// The packet-tracer flow parameters (<c>-Interface</c>, <c>-Protocol</c>, <c>-Source</c>, <c>-SourcePort</c>,
    /// <c>-Destination</c>, <c>-DestinationPort</c>): declared by the cmdlets that trace a flow, and only by them
    /// (Compare-SpiContext, Get-AsaPacketTrace, Invoke-InactiveSaClear); <see cref="TraceFlow"/> turns them into the flow.
    /// </summary>
    internal interface ITraceFlowParameters
    {
        /// <summary>The interface the flow enters.</summary>
        string? Interface { get; }

        /// <summary>tcp, udp, sctp or icmp.</summary>
        string? Protocol { get; }

        /// <summary>The flow's source address.</summary>
        string? Source { get; }

        /// <summary>The flow's source port (for icmp, the type).</summary>
        int SourcePort { get; }

        /// <summary>The flow's destination address.</summary>
        string? Destination { get; }

        /// <summary>The flow's destination port (for icmp, the code).</summary>
        int DestinationPort { get; }
    }
}
