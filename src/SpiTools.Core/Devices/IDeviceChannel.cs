using System;
using System.Threading;

namespace SpiTools.Devices
{
    /// <summary>
    /// An interactive shell on a device (an SSH shell channel with a pseudo-terminal, or a test's scripted device).
    /// The CLI dialogue (<see cref="DeviceSession"/>) is written against this and nothing else; it never asks a
    /// read to wait longer than a fraction of a second, so a hung device is left within a second of cancellation
    /// even through a channel that cannot honour the token itself.
    /// </summary>
    public interface IDeviceChannel : IDisposable
    {
        /// <summary>Sends text as typed (the caller adds the line ending).</summary>
        /// <exception cref="DeviceException"><see cref="Abstractions.ErrorIds.DeviceDisconnected"/> when the far end is gone.</exception>
        void Write(string text);

        /// <summary>
        /// Returns what has arrived, waiting at most <paramref name="timeout"/> for the first character: an empty
        /// string when nothing came in time, <c>null</c> when the far end has closed and everything it sent was read.
        /// </summary>
        string? Read(TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>False once the far end has closed (data already received may still be read).</summary>
        bool IsConnected { get; }

        /// <summary>Closes the channel; further writes fail, reads return <c>null</c>.</summary>
        void Close();
    }
}
