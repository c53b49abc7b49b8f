using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>CaptureDamaged: the capture was damaged (the parsers repaired or could not read parts of it); verdicts resting on it are marked.</summary>
    public sealed class CaptureDamagedCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            if (!c.Damaged) yield break;
            var damage = c.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ToList();
            var parts = damage.GroupBy(d => System.IO.Path.GetFileName(d.Source ?? "?")).Select(f => $"{f.Key}: " + DamagedLines.ByCode(f));
            yield return new Finding
            {
                Code = FindingCodes.CaptureDamaged,
                Severity = FindingSeverity.Warning,
                Evidence = DamagedLines.Count(damage.Count) + " (" + string.Join("; ", parts) + ")",
                Remediation = "collect the outputs again straight from the device before acting on a verdict",
                BlastRadius = "none",
                Sources = SourceLine.Of(damage.Take(20)),
            };
        }
    }
}
