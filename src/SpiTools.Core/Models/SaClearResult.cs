using System;

namespace SpiTools
{
    /// <summary>
    /// What <c>Invoke-InactiveSaClear</c> / <c>spitools clear-inactive</c> did on one device: the verdict before, the
    /// command sent (null when nothing was sent), the device's answer, the verdict after and whether the fault is gone.
    /// </summary>
    public sealed class SaClearResult : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "SaClearResult";

        /// <summary>The device (host name from its prompt, else the name it was reached by).</summary>
        public string? Device { get; set; }

        /// <summary>The platform the session found (<c>Asa</c>, <c>Ftd</c>).</summary>
        public string? Platform { get; set; }

        /// <summary>The security context the clear ran in, if one was given.</summary>
        public string? Context { get; set; }

        /// <summary><c>Cleared</c>, <c>Declined</c> (the confirmation or <c>-WhatIf</c> said no) or <c>Skipped</c> (nothing to answer).</summary>
        public string Status { get; set; } = "";

        /// <summary>The command sent (<c>clear crypto ipsec sa inactive</c>); null when nothing was sent.</summary>
        public string? CommandSent { get; set; }

        /// <summary>What the device printed in answer to the command (usually nothing).</summary>
        public string? DeviceResponse { get; set; }

        /// <summary>The distinct codes of the findings before, joined with <c>;</c> (<c>StaleVpnContext;OneWayTraffic</c>); empty when none.</summary>
        public string BeforeVerdict { get; set; } = "";

        /// <summary>The same after the clear and the settle delay; null when nothing was sent.</summary>
        public string? AfterVerdict { get; set; }

        /// <summary>True when, after the clear, no <c>StaleVpnContext</c> is found and no inactive SA is listed.</summary>
        public bool Resolved { get; set; }

        /// <summary>The SPIs <c>show crypto ipsec sa inactive</c> still lists (after the clear, else before), joined with <c>;</c>; empty when none.</summary>
        public string StillInactive { get; set; } = "";

        /// <summary>What to do when the clear did not resolve it (<c>clear crypto ipsec sa peer 203.0.113.10</c>). Printed, never run.</summary>
        public string? NextStep { get; set; }

        /// <summary>When the device's evidence collection started.</summary>
        public DateTimeOffset StartedAt { get; set; }

        /// <summary>When the last collection ended.</summary>
        public DateTimeOffset FinishedAt { get; set; }

        /// <summary>Not used (null): the result rests on the outputs collected, not on one capture.</summary>
        public string? Source { get; set; }

        /// <summary>Not used (0).</summary>
        public int Line { get; set; }

        /// <summary>Not used (0).</summary>
        public int LastLine { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Device} {Status} {CommandSent} resolved={Resolved}";
    }
}
