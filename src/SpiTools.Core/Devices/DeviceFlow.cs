using System;

namespace SpiTools.Devices
{
    /// <summary>A flow for <c>packet-tracer</c>: the packet as it enters the device.</summary>
    public sealed class DeviceFlow
    {
        private DeviceFlow(string @interface, string protocol, string source, int sourcePort, string destination, int destinationPort)
        {
            Interface = @interface;
            Protocol = protocol;
            Source = source;
            SourcePort = sourcePort;
            Destination = destination;
            DestinationPort = destinationPort;
        }

        /// <summary>The input interface (<c>nameif</c>).</summary>
        public string Interface { get; }
        /// <summary><c>tcp</c>, <c>udp</c>, <c>sctp</c> or <c>icmp</c>.</summary>
        public string Protocol { get; }
        /// <summary>Source address (canonical form).</summary>
        public string Source { get; }
        /// <summary>Source port; for ICMP the type.</summary>
        public int SourcePort { get; }
        /// <summary>Destination address (canonical form).</summary>
        public string Destination { get; }
        /// <summary>Destination port; for ICMP the code.</summary>
        public int DestinationPort { get; }

        /// <summary>
        /// A TCP, UDP or SCTP flow (ports 1-65535), or for <c>icmp</c> the type and code in the port places (0-255).
        /// Every value is validated; an invalid one is a <see cref="DeviceException"/> with ErrorId
        /// <see cref="Abstractions.ErrorIds.InvalidDeviceArgument"/>.
        /// </summary>
        public static DeviceFlow Create(string? @interface, string? protocol, string? source, int sourcePort, string? destination, int destinationPort)
        {
            var ifc = DeviceArguments.InterfaceName(@interface);
            var proto = DeviceArguments.Protocol(protocol);
            var src = DeviceArguments.Address(source, "Source");
            var dst = DeviceArguments.Address(destination, "Destination");
            if ((src.IndexOf(':') >= 0) != (dst.IndexOf(':') >= 0))
                throw DeviceException.InvalidArgument("Destination", $"Destination: {dst} and source {src} are not of the same address family. Nothing was sent.");
            if (proto == "icmp")
            {
                DeviceArguments.IcmpValue(sourcePort, "IcmpType");
                DeviceArguments.IcmpValue(destinationPort, "IcmpCode");
            }
            else
            {
                DeviceArguments.Port(sourcePort, "SourcePort");
                DeviceArguments.Port(destinationPort, "DestinationPort");
            }
            return new DeviceFlow(ifc, proto, src, sourcePort, dst, destinationPort);
        }

        /// <summary>An ICMP flow (echo request by default).</summary>
        public static DeviceFlow Icmp(string? @interface, string? source, string? destination, int type = 8, int code = 0) =>
            Create(@interface, "icmp", source, type, destination, code);

        /// <inheritdoc />
        public override string ToString() => $"{Interface} {Protocol} {Source}:{SourcePort} -> {Destination}:{DestinationPort}";
    }
}
