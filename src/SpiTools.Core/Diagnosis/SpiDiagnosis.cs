using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Diagnoses parsed records, grouped per device: runs every check, marks verdicts that rest on a damaged
    /// capture, and says nothing about healthy tunnels.
    /// </summary>
    public static class SpiDiagnosis
    {
        /// <summary>The checks, in the order findings are reported.</summary>
        public static IReadOnlyList<IFindingCheck> Checks { get; } = new IFindingCheck[]
        {
            new StaleVpnContextCheck(),
            new StuckInactiveSaCheck(),
            new OneWayTrafficCheck(),
            new VolumeLifetimeExhaustedCheck(),
            new RekeyChurnCheck(),
            new OrphanSaPairCheck(),
            new InvalidSpiCheck(),
            new ProxyMismatchCheck(),
            new ReplayOrAuthErrorsCheck(),
            new RekeyTimelineCheck(),
            new RekeyCollisionCheck(),
            new DeletedSpiInUseCheck(),
            new IkeUpNoChildSaCheck(),
            new IkeRekeyFlapCheck(),
            new CaptureDamagedCheck(),
        };

        /// <summary>
        /// Diagnoses <paramref name="records"/> (any mix of parsed records and diagnostics). Records are grouped by
        /// <see cref="ICaptureRecord.Device"/>; <paramref name="before"/> is an earlier snapshot of the same devices.
        /// </summary>
        public static IEnumerable<Finding> Diagnose(IEnumerable<ICaptureRecord> records, IEnumerable<ICaptureRecord>? before = null, DiagnosisOptions? options = null)
            => Diagnose(records, before, options, null);

        /// <summary>
        /// As <see cref="Diagnose(IEnumerable{ICaptureRecord}, IEnumerable{ICaptureRecord}?, DiagnosisOptions?)"/>, with the log
        /// events of every device read for the same diagnosis (null: those among <paramref name="records"/>), so a
        /// tunnel whose other end's logs were read as another device is seen whole.
        /// </summary>
        /// <param name="records">The records to diagnose, every device's.</param>
        /// <param name="before">An earlier snapshot of the same devices, or null.</param>
        /// <param name="options">The diagnosis options (null: the defaults).</param>
        /// <param name="allLogs">The log events of every device read (null: those among <paramref name="records"/>).</param>
        /// <param name="notJudged">When given, receives what the checks judged on counter growth could not judge for want of
        /// traffic since <paramref name="before"/> (<see cref="DiagnosisContext.NotJudged"/>), completed as findings are, as each
        /// device's findings are enumerated.</param>
        internal static IEnumerable<Finding> Diagnose(IEnumerable<ICaptureRecord> records, IEnumerable<ICaptureRecord>? before, DiagnosisOptions? options,
            IReadOnlyList<SaEvent>? allLogs, ICollection<Finding>? notJudged = null)
        {
            if (records is null) throw new ArgumentNullException(nameof(records));
            options ??= new DiagnosisOptions();
            var beforeByDevice = (before ?? Enumerable.Empty<ICaptureRecord>()).GroupBy(DeviceOf).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var device in records.GroupBy(DeviceOf))
            {
                beforeByDevice.TryGetValue(device.Key, out var earlier);
                var beforeContext = earlier == null ? null : new DiagnosisContext(device.Key, earlier, null, options);
                var context = new DiagnosisContext(device.Key, device.ToList(), beforeContext, options);
                context.OtherDevicesEvents = (allLogs ?? records.OfType<SaEvent>().ToList()).Where(e => DeviceOf(e) != device.Key).ToList();
                var findings = Checks.SelectMany(check => check.Check(context)).ToList();
                if (notJudged != null)
                    foreach (var f in context.NotJudged) notJudged.Add(Complete(f, device.Key, context.Damaged));
                foreach (var f in findings)
                    yield return Complete(f, device.Key, context.Damaged);
            }
        }

        private static string DeviceOf(ICaptureRecord r) => r.Device ?? "(unknown device)";

        /// <summary>
        /// A check's finding made complete, as a new finding: the device it is about (null: the one the check named),
        /// whether it rests on a damaged capture, and, the one place a finding's lines become its public flat fields,
        /// <see cref="Finding.SourceLines"/> (<c>file:line; file:line</c>), and <see cref="Finding.Source"/> and
        /// <see cref="Finding.Line"/> from the first.
        /// </summary>
        internal static Finding Complete(Finding f, string? device, bool basedOnDamagedCapture)
        {
            var sources = f.Sources;
            var first = sources != null && sources.Count > 0 ? sources[0] : (SourceLine?)null;
            return new Finding(f)
            {
                Device = device ?? f.Device,
                BasedOnDamagedCapture = basedOnDamagedCapture,
                SourceLines = sources == null ? f.SourceLines : SourceLine.Join(sources),
                Source = first == null ? f.Source : first.Value.File ?? "?",
                Line = first?.Line ?? f.Line,
                LastLine = first?.Line ?? f.LastLine,
            };
        }
    }
}
