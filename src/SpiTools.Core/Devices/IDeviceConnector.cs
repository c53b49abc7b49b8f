using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>
    /// Opens an interactive shell (with a pseudo-terminal) on a device. The SSH implementation lives in an assembly
    /// of its own (SpiTools.Ssh, over SSH.NET, loaded in the module's own load context), so the core never references
    /// an SSH library. Failures are <see cref="DeviceException"/>s with the ErrorIds of
    /// <see cref="Abstractions.ErrorIds"/>: AuthenticationFailed, HostKeyUnknown, HostKeyMismatch, ConnectionRefused,
    /// ConnectionTimeout, AlgorithmNegotiationFailed.
    /// </summary>
    public interface IDeviceConnector
    {
        /// <summary>Connects, verifies the host key, logs in and opens the shell.</summary>
        IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken);
    }
}
