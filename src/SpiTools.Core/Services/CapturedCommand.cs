using System;

namespace SpiTools.Services
{
    /// <summary>One command of a saved capture, as its manifest lists it (<see cref="CaptureManifest"/>).</summary>
    public sealed class CapturedCommand
    {
        /// <summary>Creates an entry.</summary>
        public CapturedCommand(string command, string file, DateTimeOffset completedAt)
        {
            Command = command ?? throw new ArgumentNullException(nameof(command));
            File = file ?? throw new ArgumentNullException(nameof(file));
            CompletedAt = completedAt;
        }

        /// <summary>The command as sent (<c>show crypto ipsec sa</c>).</summary>
        public string Command { get; }

        /// <summary>The file its output was saved in, beside the manifest.</summary>
        public string File { get; }

        /// <summary>When its output was complete (UTC).</summary>
        public DateTimeOffset CompletedAt { get; }
    }
}
