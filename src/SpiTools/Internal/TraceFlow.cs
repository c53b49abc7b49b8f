using System.Management.Automation;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>The flow a trace cmdlet's flow parameters give (<see cref="ITraceFlowParameters"/>).</summary>
    internal static class TraceFlow
    {
        /// <summary>
        /// The flow, or null when no flow parameter is given. A partial or invalid flow is a terminating
        /// <c>InvalidDeviceArgument</c> error before anything is sent to any device.
        /// </summary>
        public static DeviceFlow? From<TCmdlet>(TCmdlet cmdlet) where TCmdlet : PSCmdlet, ITraceFlowParameters
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            bool any = cmdlet.Interface != null || cmdlet.Protocol != null || cmdlet.Source != null || cmdlet.Destination != null ||
                       bound.ContainsKey(nameof(ITraceFlowParameters.SourcePort)) || bound.ContainsKey(nameof(ITraceFlowParameters.DestinationPort));
            if (!any) return null;
            try
            {
                if (cmdlet.Interface == null || cmdlet.Protocol == null || cmdlet.Source == null || cmdlet.Destination == null)
                    throw new DeviceException(Abstractions.ErrorIds.InvalidDeviceArgument, Abstractions.SpiErrorCategory.InvalidArgument,
                        "A flow needs -Interface, -Protocol, -Source and -Destination (and the ports for tcp and udp).");
                return DeviceFlow.Create(cmdlet.Interface, cmdlet.Protocol, cmdlet.Source, cmdlet.SourcePort, cmdlet.Destination, cmdlet.DestinationPort);
            }
            catch (DeviceException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ex, ex.ErrorId, CmdletSink.Map(ex.Category), ex.ArgumentName));
                throw;
            }
        }
    }
}
