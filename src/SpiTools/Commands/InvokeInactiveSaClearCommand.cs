using System;
using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;
using SpiTools.Services.Pipelines;

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
    public sealed class InvokeInactiveSaClearCommand : DeviceInputCommand, ITraceFlowParameters
    {
        private readonly HashSet<string> _named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private ClearPipeline? _pipeline;
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
        [ValidateRange(OptionLimits.MinSettleSeconds, OptionLimits.MaxSettleSeconds)]
        public double SettleSeconds { get; set; } = OptionLimits.DefaultSettleSeconds;

        /// <summary>The flow to trace: the interface it enters (packet-tracer runs when all six flow values are given).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.InterfaceCompleter))]
        public string? Interface { get; set; }

        /// <summary>The flow's protocol: tcp, udp, or a protocol number.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ProtocolCompleter))]
        public string? Protocol { get; set; }

        /// <summary>The flow's source address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

        /// <summary>The flow's source port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int SourcePort { get; set; }

        /// <summary>The flow's destination address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>The flow's destination port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int DestinationPort { get; set; }

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
            _pipeline = ClearPipeline.Begin(new ClearPipelineOptions
            {
                Clear = new SaClearOptions
                {
                    Force = Force,
                    SettleDelay = TimeSpan.FromSeconds(SettleSeconds),
                    OnlyDevices = _piped ? _named : null,
                    Considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
                    WhatIf = IsWhatIf(),
                },
                Cancellation = StopToken,
            }, new CmdletSink(this));
            foreach (var target in DeviceTargets(CollectionExtras.None, TraceFlow.From(this)))
            {
                if (StopToken.IsCancellationRequested) return;
                _idle.Reset();
                try { _pipeline.Add(PipelineInput.Live(target, target.Connect == null ? null : DeviceAccess.Connector(this))); }
                finally { _idle.Set(); }
            }
            _pipeline.End();
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
            var results = _pipeline?.Results ?? Array.Empty<SaClearResult>();
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
