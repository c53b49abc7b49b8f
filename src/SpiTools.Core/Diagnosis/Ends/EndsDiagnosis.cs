using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Diagnoses the two ends of each tunnel together: pairs the devices (<see cref="EndPairing"/>) and runs every
    /// both-ends check. Adds to the single-device findings of <see cref="SpiDiagnosis"/>; changes none of them.
    /// </summary>
    public static class EndsDiagnosis
    {
        /// <summary>The checks, in the order findings are reported.</summary>
        public static IReadOnlyList<IEndsCheck> Checks { get; } = new IEndsCheck[]
        {
            new SpiDesyncCheck(),
            new EndsProxyMismatchCheck(),
            new PathLossCheck(),
            new LifetimeMismatchCheck(),
            new EndsAgreeCheck(),
        };

        /// <summary>
        /// The both-ends findings for <paramref name="devices"/> (each one device's name and records, in the order given);
        /// <paramref name="before"/> holds earlier snapshots of the same devices (any mix; grouped by device).
        /// </summary>
        public static IReadOnlyList<Finding> Diagnose(IEnumerable<(string Device, IReadOnlyList<ICaptureRecord> Records)> devices, IEnumerable<ICaptureRecord>? before, DiagnosisOptions? options) =>
            Diagnose(devices, before, options, null);

        /// <summary>
        /// As <see cref="Diagnose(IEnumerable{ValueTuple{string, IReadOnlyList{ICaptureRecord}}}, IEnumerable{ICaptureRecord}?, DiagnosisOptions?)"/>;
        /// <paramref name="notJudged"/>, when given, receives what the checks judged on counter growth could not judge for want
        /// of traffic since <paramref name="before"/> (<see cref="PathLossCheck"/>), completed as findings are.
        /// </summary>
        internal static IReadOnlyList<Finding> Diagnose(IEnumerable<(string Device, IReadOnlyList<ICaptureRecord> Records)> devices, IEnumerable<ICaptureRecord>? before,
            DiagnosisOptions? options, ICollection<Finding>? notJudged)
        {
            if (devices is null) throw new ArgumentNullException(nameof(devices));
            options ??= new DiagnosisOptions();
            var earlier = (before ?? Enumerable.Empty<ICaptureRecord>()).GroupBy(DeviceOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var contexts = new List<DiagnosisContext>();
            foreach (var (device, records) in devices)
            {
                earlier.TryGetValue(device, out var b);
                contexts.Add(new DiagnosisContext(device, records, b == null ? null : new DiagnosisContext(device, b, null, options), options));
            }
            var findings = new List<Finding>();
            foreach (var ends in EndPairing.Pair(contexts, options))
            {
                foreach (var f in Checks.SelectMany(c => c.Check(ends)))
                    findings.Add(SpiDiagnosis.Complete(f, null, ends.A.Damaged || ends.B.Damaged));
            }
            if (notJudged != null)
                foreach (var c in contexts)
                    foreach (var f in c.NotJudged) notJudged.Add(SpiDiagnosis.Complete(f, null, c.Damaged));
            return findings;
        }

        /// <summary>The both-ends findings for records of any number of devices (grouped by device, in the order first seen).</summary>
        public static IReadOnlyList<Finding> Diagnose(IEnumerable<ICaptureRecord> records, IEnumerable<ICaptureRecord>? before = null, DiagnosisOptions? options = null)
        {
            if (records is null) throw new ArgumentNullException(nameof(records));
            return Diagnose(records.GroupBy(DeviceOf).Select(g => (g.Key, (IReadOnlyList<ICaptureRecord>)g.ToList())), before, options);
        }

        private static string DeviceOf(ICaptureRecord r) => r.Device ?? "(unknown device)";
    }
}
