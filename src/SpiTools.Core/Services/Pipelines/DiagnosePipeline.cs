using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// The diagnosis, one way for every front end and every input (<c>Compare-SpiContext</c>, <c>spitools diagnose</c>):
    /// <see cref="Begin"/>, <see cref="Add"/> any number of files, folders, texts and live devices, <see cref="End"/>.
    /// A live device is collected when it is added (<see cref="CollectionService.Collect"/>); files and text are read and
    /// named at the end (<see cref="DiagnosisService"/>: a prompt in one file of a folder names the folder). At the end
    /// every device is diagnosed with every device's logs (the <c>RekeyTimeline</c>, <c>RekeyCollision</c> and
    /// <c>DeletedSpiInUse</c> findings of a tunnel whose two ends were read as two devices, the same from files as from
    /// live devices), then the two ends of each tunnel are compared (<c>SpiDesync</c>, <c>EndsAgree</c>, …).
    /// A live device whose collection holds no log has findings no other device can change: they are written as soon
    /// as it is collected; everything else is written at the end.
    /// </summary>
    public sealed class DiagnosePipeline
    {
        private readonly DiagnosePipelineOptions _options;
        private readonly ICommandSink _sink;
        private IReadOnlyList<ICaptureRecord>? _before;
        private bool _beforeRead;
        private readonly CaptureInputs _captures = new CaptureInputs();
        private readonly List<DeviceDiagnosis> _live = new List<DeviceDiagnosis>();
        // Findings already written, per live device (keyed by its records, which its diagnosis keeps).
        private readonly Dictionary<IReadOnlyList<ICaptureRecord>, int> _written = new Dictionary<IReadOnlyList<ICaptureRecord>, int>();
        private bool _ended;

        private DiagnosePipeline(DiagnosePipelineOptions options, ICommandSink sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>The earlier snapshot, read when first needed (after the inputs' files, as its errors always came).</summary>
        private IReadOnlyList<ICaptureRecord>? Before
        {
            get
            {
                if (!_beforeRead) _before = DiagnosisService.ReadBefore(_options.Before, _sink);
                _beforeRead = true;
                return _before;
            }
        }

        /// <summary>Starts a diagnosis.</summary>
        public static DiagnosePipeline Begin(DiagnosePipelineOptions options, ICommandSink sink) =>
            new DiagnosePipeline(options ?? throw new ArgumentNullException(nameof(options)), sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Adds an input: a live device is collected now; files and text are kept for the end.</summary>
        public void Add(PipelineInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            if (_ended) throw new InvalidOperationException("The diagnosis has ended.");
            if (_captures.Add(input)) return;
            if (input.Kind != PipelineInputKind.Device) throw new NotSupportedException($"This pipeline does not read a {input.Kind} input.");
            if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return;
            var collection = CollectionService.Collect(input.Target!, input.Connector, _sink, _options.Cancellation);
            if (collection == null || collection.Outputs.Count == 0) return;
            var device = new DeviceDiagnosis(collection.Device, null, collection.Parse().ToList(), Array.Empty<Finding>());
            _live.Add(device);
            if (device.Records.OfType<SaEvent>().Any()) return;
            // No log of its own: no other device's log takes part in its findings (a tunnel's timeline is built from
            // its own device's log), so they are final now.
            var own = SpiDiagnosis.Diagnose(device.Records, Before, _options.Diagnosis, Array.Empty<SaEvent>()).ToList();
            _written[device.Records] = own.Count;
            DiagnosisService.Write(own, _sink);
        }

        /// <summary>
        /// Reads the files and text, diagnoses every device with every device's logs, compares the two ends of each tunnel,
        /// and writes what was not written yet: each device's findings with the both-ends findings about it. Returns every
        /// device with all its findings (a live device's own first, then the both-ends findings about it).
        /// </summary>
        public IReadOnlyList<DeviceDiagnosis> End()
        {
            if (_ended) throw new InvalidOperationException("The diagnosis has ended.");
            _ended = true;
            var read = _live.ToList();
            if (!_captures.IsEmpty) read.AddRange(DiagnosisService.Read(_captures.Files, _captures.Texts, _sink));
            if (_sink.IsStopping || _options.Cancellation.IsCancellationRequested) return Array.Empty<DeviceDiagnosis>();
            // With no earlier snapshot given, saved folders are judged against the run saved before them.
            var before = _options.Before != null ? Before : DiagnosisService.ReadEarlierRuns(read, _sink);
            if (_sink.IsStopping || read.Count == 0) return Array.Empty<DeviceDiagnosis>();
            var diagnosed = DiagnosisService.DiagnoseRead(read, before, _options.Diagnosis, _sink);
            // Saved runs read back say what changed since the run saved before them, as the audit that saved them did.
            if (_options.Before == null) diagnosed = RunHistory.MarkAgainstEarlierRuns(diagnosed, _options.Diagnosis);
            // Devices whose own findings were written already: only the both-ends findings about them are new, and they
            // come after every other device's findings, as they did when only their own had been written.
            var later = new List<Finding>();
            foreach (var device in diagnosed)
            {
                if (_written.TryGetValue(device.Records, out int count)) later.AddRange(device.Findings.Skip(count));
                else DiagnosisService.Write(device.Findings, _sink);
            }
            DiagnosisService.Write(later, _sink);
            return diagnosed;
        }
    }
}
