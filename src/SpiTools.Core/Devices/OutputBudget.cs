using System;

namespace SpiTools.Devices
{
    /// <summary>
    /// How many characters of a device's output a session may hold in memory, all its commands together. An output
    /// that would pass what is left is cut and reported as <see cref="Abstractions.ErrorIds.OutputTooLarge"/>, so a
    /// device that sends without end costs a bounded amount of memory, whatever it sends. An audit shares
    /// <see cref="FleetCharacters"/> among its workers (<see cref="ShareOf"/>), so the whole sweep stays bounded too.
    /// One budget belongs to one session (one thread).
    /// </summary>
    public sealed class OutputBudget
    {
        /// <summary>A device's budget when it is collected alone: 16 Mi characters (32 MiB as text in memory).</summary>
        public const long DefaultDeviceCharacters = 16L * 1024 * 1024;

        /// <summary>What an audit's workers share: 64 Mi characters (128 MiB as text), so any throttle stays well under 1 GiB.</summary>
        public const long FleetCharacters = 64L * 1024 * 1024;

        /// <summary>The smallest budget a device is given, whatever the throttle: 1 Mi characters.</summary>
        public const long MinimumCharacters = 1L * 1024 * 1024;

        /// <summary>A budget of <paramref name="characters"/> characters.</summary>
        public OutputBudget(long characters)
        {
            if (characters < 1) throw new ArgumentOutOfRangeException(nameof(characters), "A budget holds at least one character.");
            Characters = characters;
        }

        /// <summary>The whole budget, in characters.</summary>
        public long Characters { get; }

        /// <summary>Characters of output held so far.</summary>
        public long Used { get; private set; }

        /// <summary>Characters still allowed.</summary>
        public long Remaining => Characters - Used;

        /// <summary>Counts an output that is kept.</summary>
        internal void Charge(long characters)
        {
            if (characters > 0) Used += characters;
        }

        /// <summary>Each device's budget when <paramref name="workers"/> devices are collected at once.</summary>
        public static long ShareOf(int workers) =>
            Math.Max(MinimumCharacters, Math.Min(DefaultDeviceCharacters, FleetCharacters / Math.Max(1, workers)));
    }
}
