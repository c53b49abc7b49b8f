using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;

namespace SpiTools.Services
{
    /// <summary>How <see cref="RemediationService.ClearInactive"/> runs.</summary>
    public sealed class SaClearOptions
    {
        /// <summary>Clear even when the diagnosis finds no <c>StaleVpnContext</c> and no inactive SA is listed.</summary>
        public bool Force { get; set; }

        /// <summary>How long to wait after the clear before collecting again (default 5 s).</summary>
        public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// When set, only a device named here (by its identity, the name it was reached by or its prompt's host name; case-insensitive)
        /// is considered; another is left after the read-only evidence, with a verbose message and no result.
        /// </summary>
        public ICollection<string>? OnlyDevices { get; set; }

        /// <summary>
        /// The devices already considered in this call (by identity, <see cref="DeviceTarget.Id"/>; case-insensitive), filled in
        /// as devices are reached: a device given twice is asked about and cleared once, while two boxes (or two contexts)
        /// whose prompts show one host name are two devices, each considered. Null: not tracked.
        /// </summary>
        public ICollection<string>? Considered { get; set; }

        /// <summary>
        /// <c>-WhatIf</c> / <c>--what-if</c>: the confirmation's No is the what-if's, and a device that would be cleared is
        /// <c>WouldClear</c> with the exact command, not <c>Declined</c>.
        /// </summary>
        public bool WhatIf { get; set; }

        /// <summary>The diagnosis options used before and after.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();
    }
}
