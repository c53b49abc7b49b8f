using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>Options of a diagnosis.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>A projected volume-rekey interval below this many seconds is reported as churn.</summary>
        public double RekeyChurnThresholdSeconds { get; set; } = 300;

        /// <summary>Also report what was checked and found healthy (tunnels whose two ends agree), to prove a tunnel clean end to end.</summary>
        public bool IncludeHealthy { get; set; }

        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when the endpoints cannot pair them (NAT,
        /// redacted addresses): each (A, B) says B is A's peer. Empty: devices are paired from their endpoints.
        /// </summary>
        public IList<(string Device, string PeerDevice)> PeerOf { get; } = new List<(string, string)>();

        /// <summary>True when <see cref="PeerOf"/> pairs the two devices, either way round; names compare as PowerShell's do, ignoring case.</summary>
        public bool PairedByHand(string? device, string? peerDevice) =>
            device != null && peerDevice != null && PeerOf.Any(p => Same(p.Device, device) && Same(p.PeerDevice, peerDevice) || Same(p.Device, peerDevice) && Same(p.PeerDevice, device));

        /// <summary>How device names compare in a hand-made pairing.</summary>
        internal static bool Same(string? x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Comparing both ends between two snapshots: packets one end encapsulated that the other did not decapsulate
        /// are reported as path loss only beyond this share of what was encapsulated, in percent. The two devices'
        /// snapshots are never taken at the same instant, so traffic in that gap shows as a difference.
        /// </summary>
        public double PathLossTolerancePercent { get; set; } = 5;

        /// <summary>Comparing both ends between two snapshots: a difference of up to this many packets is never reported as path loss (low-rate tunnels).</summary>
        public long PathLossTolerancePackets { get; set; } = 10;
    }
}
