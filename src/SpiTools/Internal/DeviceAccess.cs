using System;
using System.Management.Automation;
using SpiTools.Devices;
using SpiTools.Internal.PoshSsh;

namespace SpiTools.Internal
{
    /// <summary>The ways a cmdlet reaches a device: SpiTools' own SSH (isolated SSH.NET), or a Posh-SSH session or shell stream.</summary>
    internal static class DeviceAccess
    {
        /// <summary>The SSH connector, loaded in the module's own load context on PowerShell 7; a missing SSH component stops the cmdlet.</summary>
        public static IDeviceConnector Connector(PSCmdlet cmdlet)
        {
            try
            {
                return SshAssemblyLoader.CreateConnector();
            }
            catch (DeviceException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ex, ex.ErrorId, CmdletSink.Map(ex.Category), null));
                throw;
            }
        }

        /// <summary>
        /// Opens a shell on what <c>-SSHSession</c> was given: a Posh-SSH <c>SshSession</c> (it has a <c>Session</c>
        /// property) or a shell stream. A wrong object is <c>InvalidDeviceArgument</c>, reported for that device.
        /// What the user passed in stays theirs and open: the session's client is never closed (only the shell opened
        /// on it here is), and a shell stream is left open when the cmdlet ends.
        /// </summary>
        public static Func<IDeviceChannel> ShellFrom(object given)
        {
            var obj = given is PSObject ps ? ps.BaseObject : given;
            bool isSession = obj.GetType().GetProperty("Session") != null || (given is PSObject p && p.Properties["Session"] != null);
            return () => isSession ? PoshSshShellChannel.FromSshSession(obj) : PoshSshShellChannel.FromShellStream(obj, leaveOpen: true);
        }
    }
}
