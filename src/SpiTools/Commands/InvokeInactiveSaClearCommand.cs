using System;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;

namespace SpiTools.Commands
{
    /// <summary>
    /// Runs the remedy of the stale-SPI case on live ASA / FTD devices, deliberately: for each device it collects the
    /// evidence (the diagnose plan plus <c>show crypto ipsec sa inactive</c>), diagnoses, asks for confirmation once with
    /// the device, the exact command and the finding it answers, and only then sends <c>clear crypto ipsec sa inactive</c>;
    /// after a settle delay it collects and diagnoses again and outputs one <see cref="SaClearResult"/>. IOS / IOS-XE are
    /// refused (<c>ClearNotSupported</c>). Piped <c>StaleVpnContext</c> or <c>StuckInactiveSa</c> findings (<c>Compare-SpiContext</c> output) or
    /// <c>InactiveIpsecSa</c> records choose which of the given devices are considered: the ones they name.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "InactiveSaClear", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ComputerNameSet)]
    [OutputType(typeof(SaClearResult))]
    public sealed class InvokeInactiveSaClearCommand : DeviceInputCommand
    {
        private readonly HashSet<string> _named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<SaClearResult> _results = new List<SaClearResult>();
        private readonly System.Threading.ManualResetEventSlim _idle = new System.Threading.ManualResetEventSlim(true);
        private bool _piped;

        /// <summary>
        /// Findings or records naming the devices that need the clear: a <c>StaleVpnContext</c> or <c>StuckInactiveSa</c> finding or an
        /// <c>InactiveIpsecSa</c> record names its <c>Device</c>. Other objects are ignored (verbose message).
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = ComputerNameSet)]
        [Parameter(ValueFromPipeline = true, ParameterSetName = SshSessionSet)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Clear even when the diagnosis finds no <c>StaleVpnContext</c> and no inactive SA is listed (still asks for confirmation).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Seconds to wait after the clear before collecting the evidence again.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0.0, 600.0)]
        public double SettleSeconds { get; set; } = 5;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            _piped = true;
            var code = InputObject.Properties["Code"]?.Value as string;
            var type = InputObject.Properties["RecordType"]?.Value as string;
            var device = InputObject.Properties["Device"]?.Value as string;
            if (RemediationService.NamesDeviceToClear(code, type) && !string.IsNullOrEmpty(device))
                _named.Add(device!);
            else
                WriteVerbose($"Ignored a piped {type ?? InputObject.BaseObject.GetType().Name}{(code != null ? " " + code : "")}: only StaleVpnContext and StuckInactiveSa findings and InactiveIpsecSa records name devices to clear.");
        }

        protected override void EndProcessing()
        {
            if (_piped && _named.Count == 0)
            {
                WriteWarning("No piped StaleVpnContext or StuckInactiveSa finding or InactiveIpsecSa record names a device; nothing was cleared.");
                return;
            }
            var sink = new CmdletSink(this);
            var options = new SaClearOptions
            {
                Force = Force,
                SettleDelay = TimeSpan.FromSeconds(SettleSeconds),
                OnlyDevices = _piped ? _named : null,
                Considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
                WhatIf = IsWhatIf(),
            };
            var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var target in DeviceTargets())
            {
                if (StopToken.IsCancellationRequested) return;
                if (!done.Add(target.Id))
                {
                    WriteVerbose($"{target.Name}: given twice; it is considered once.");
                    continue;
                }
                SaClearResult? result;
                _idle.Reset();
                try
                {
                    result = RemediationService.ClearInactive(target, target.Connect == null ? null : DeviceAccess.Connector(this), options, sink, StopToken);
                    if (result != null) lock (_results) _results.Add(result);
                }
                finally { _idle.Set(); }
                if (result != null) WriteObject(result);
            }
        }

        /// <summary>
        /// Ctrl+C: the device at work is left within a second, and since the pipeline no longer takes objects, every
        /// result of this call (the clear sent on the device at work among them, <c>ClearedUnverified</c>) is written to
        /// the host, so a clear that went out is never lost from sight.
        /// </summary>
        protected override void StopProcessing()
        {
            base.StopProcessing();
            _idle.Wait(TimeSpan.FromSeconds(5));
            List<SaClearResult> results;
            lock (_results) results = new List<SaClearResult>(_results);
            var ui = Host?.UI;
            if (ui == null) return;
            foreach (var r in results)
            {
                if (r.CommandSent == null && r.Status != "ClearedUnverified") continue;
                ui.WriteWarningLine($"{r.Device}: {r.Status}: sent '{r.CommandSent}'" +
                    (r.DeviceResponse is { Length: > 0 } ? $", the device answered '{r.DeviceResponse}'" : "") +
                    (r.NextStep != null ? $"; next step: {r.NextStep}" : r.AfterVerdict != null ? $"; after: {r.AfterVerdict}" : ""));
            }
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)) return w is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(w);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }
    }
}
