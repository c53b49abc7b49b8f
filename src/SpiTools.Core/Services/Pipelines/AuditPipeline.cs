using System;
using System.Collections.Generic;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// Sweeping a fleet (<c>Invoke-SpiAudit</c>, <c>spitools audit</c>): <see cref="Begin"/>, <see cref="Add(PipelineInput)"/> any number of
    /// live devices, <see cref="End"/>: the devices are collected and diagnosed in parallel (<see cref="AuditService"/>),
    /// each device's findings written as it finishes, then the two ends of each tunnel among them, then one summary per device.
    /// </summary>
    public sealed class AuditPipeline
    {
        private readonly AuditPipelineOptions _options;
        private readonly ICommandSink _sink;
        private readonly List<DeviceTarget> _targets = new List<DeviceTarget>();
        private readonly List<Targets.DeviceSetUpFailure> _notReady = new List<Targets.DeviceSetUpFailure>();
        private IDeviceConnector? _connector;
        private bool _ended;

        private AuditPipeline(AuditPipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>Starts an audit.</summary>
        public static AuditPipeline Begin(AuditPipelineOptions options, ICommandSink sink) =>
            new AuditPipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Adds a live device to the sweep (the devices of one audit share one connector).</summary>
        public void Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (input.Kind != PipelineInputKind.Device) throw new NotSupportedException("Only a live device is audited.");
            if (_ended) throw new InvalidOperationException("The audit has ended.");
            _targets.Add(input.Target!);
            _connector ??= input.Connector;
        }

        /// <summary>
        /// Adds a device of the sweep that could not be made ready (no login for it, …): it is not connected to; its error is
        /// written and it has a Failed summary named by its identity, counted as every other device's.
        /// </summary>
        public void Add(Targets.DeviceSetUpFailure failure)
        {
            if (failure is null) throw new ArgumentNullException(nameof(failure));
            if (_ended) throw new InvalidOperationException("The audit has ended.");
            _notReady.Add(failure);
        }

        /// <summary>Runs the sweep over every device added; findings, summaries, errors and progress go to the sink.</summary>
        public void End()
        {
            if (_ended) throw new InvalidOperationException("The audit has ended.");
            _ended = true;
            AuditService.Run(_targets, _notReady, _connector, _options.Audit, _sink, _options.Cancellation);
        }
    }
}
