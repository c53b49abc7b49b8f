using SpiTools.Devices;

namespace SpiTools.Cli
{
    /// <summary>The CLI's SSH: SpiTools.Ssh over SSH.NET, referenced directly (no other SSH library shares the process).</summary>
    internal static class DeviceConnectors
    {
        public static IDeviceConnector Ssh() => new Ssh.SshDeviceConnector();
    }
}
