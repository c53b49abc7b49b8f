using System;
using System.Collections.Generic;

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

        /// <summary>The device's identity: the inventory's name, else <c>host[:port][/context]</c> (never its prompt, which many boxes share).</summary>
        public string? Device { get; internal set; }

        /// <summary>The host name its prompt showed (null when it was not reached, or on FTD's bare <c>&gt;</c>).</summary>
        public string? Hostname { get; internal set; }

        /// <summary>The host the device was reached at, as given (null through a given SSH session).</summary>
        public string? Host { get; internal set; }

        /// <summary>The SSH port it was reached at (null through a given SSH session).</summary>
        public int? Port { get; internal set; }

        /// <summary>The platform the session found, as Cisco writes it (<c>ASA</c>, <c>FTD</c>, <c>IOS-XE</c>).</summary>
        public string? Platform { get; internal set; }

        /// <summary>The security context the clear ran in, if one was given.</summary>
        public string? Context { get; internal set; }

        /// <summary>
        /// <c>Cleared</c> (sent and verified by collecting again), <c>ClearedUnverified</c> (sent, but the verification could
        /// not run: disconnect, timeout, Ctrl+C, a prompt SpiTools does not answer; <see cref="NextStep"/> says how to verify
        /// by hand), <c>WouldClear</c> (<c>-WhatIf</c> / <c>--what-if</c>: <see cref="WouldSend"/> is what would be sent),
        /// <c>Declined</c> (a person answered No), <c>Skipped</c> (nothing to answer) or <c>NotAttempted</c> (the device was
        /// not reached, or failed before the clear; its error says why).
        /// </summary>
        public string Status { get; internal set; } = "";

        /// <summary>The command sent (<c>clear crypto ipsec sa inactive</c>), set the moment its line was written; null when nothing was sent.</summary>
        public string? CommandSent { get; internal set; }

        /// <summary>Under <c>-WhatIf</c> / <c>--what-if</c>: the exact command that would be sent; null otherwise.</summary>
        public string? WouldSend { get; internal set; }

        /// <summary>
        /// Under <c>-WhatIf</c> / <c>--what-if</c>: every command the run sends to the device, in order, joined with <c>; </c>:
        /// the setup (the prompt keystroke as <c>&lt;Enter&gt;</c>, <c>enable</c>, <c>show version</c> when the platform was
        /// found out, paging off), the evidence collected before, the clear, and the evidence collected again after it;
        /// null otherwise. No command holds a <c>;</c>.
        /// </summary>
        public string? PlannedCommands { get; internal set; }

        /// <summary>What the device printed in answer to the command (usually nothing); what had arrived when the answer was cut short.</summary>
        public string? DeviceResponse { get; internal set; }

        /// <summary>The distinct codes of the findings before, joined with <c>;</c> (<c>StaleVpnContext;OneWayTraffic</c>); <c>Healthy</c> when none.</summary>
        public string BeforeVerdict { get; internal set; } = "";

        /// <summary>The same after the clear and the settle delay (<c>Healthy</c> when the diagnosis finds nothing); null when nothing was sent or the verification did not run.</summary>
        public string? AfterVerdict { get; internal set; }

        /// <summary>The findings of the diagnosis before the clear.</summary>
        public IReadOnlyList<Finding> BeforeFindings { get; internal set; } = Array.Empty<Finding>();

        /// <summary>The findings of the diagnosis after the clear (empty when nothing was sent or the verification did not run).</summary>
        public IReadOnlyList<Finding> AfterFindings { get; internal set; } = Array.Empty<Finding>();

        /// <summary>True when, after the clear, no <c>StaleVpnContext</c> is found and no inactive SA is listed.</summary>
        public bool Resolved { get; internal set; }

        /// <summary>The SPIs <c>show crypto ipsec sa inactive</c> still lists (after the clear, else before), joined with <c>;</c>; empty when none.</summary>
        public string StillInactive { get; internal set; } = "";

        /// <summary>What to do when the clear did not resolve it (<c>clear crypto ipsec sa peer 203.0.113.10</c>). Printed, never run.</summary>
        public string? NextStep { get; internal set; }

        /// <summary>When the device's evidence collection started.</summary>
        public DateTimeOffset StartedAt { get; internal set; }

        /// <summary>When the last collection ended.</summary>
        public DateTimeOffset FinishedAt { get; internal set; }

        /// <summary>Not used (null): the result rests on the outputs collected, not on one capture.</summary>
        public string? Source { get; internal set; }

        /// <summary>Not used (0).</summary>
        public int Line { get; internal set; }

        /// <summary>Not used (0).</summary>
        public int LastLine { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Device} {Status} {CommandSent} resolved={Resolved}";
    }
}
