using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// OrphanSaPair: a non-current SA pair that never carried a byte in either direction and is far older than the rekey
    /// interval: left by both ends starting a rekey at once (a rekey collision). Harmless; it expires by itself.
    /// </summary>
    public sealed class OrphanSaPairCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var e in c.Entries)
            {
                var r = RekeyRate.Measure(c, e);
                if (r == null) continue;
                foreach (var (inbound, outbound, age) in r.OrphanPairs(e))
                {
                    yield return new Finding
                    {
                        Code = FindingCodes.OrphanSaPair,
                        Severity = FindingSeverity.Info,
                        Peer = e.Peer,
                        LocalIdent = e.LocalIdent,
                        RemoteIdent = e.RemoteIdent,
                        Spi = outbound.Spi,
                        Evidence =
                            $"the SA pair {inbound.Spi} (in) / {outbound.Spi} (out) carried nothing ({outbound.RemainingKilobytes} of {r.LifetimeKb} kB left in both directions), " +
                            $"is {age} s old, about {N(Math.Round(age / r.IntervalSeconds))} rekey intervals, and expires by itself in {outbound.RemainingSeconds} s: " +
                            "most likely left by both ends starting a rekey at the same time; harmless",
                        Remediation = $"none needed: it expires in {outbound.RemainingSeconds} s",
                        BlastRadius = "none",
                        NextStep = $"{Remedies.ClearEntry(e, outbound.Spi!)} if it must go now (removes only that pair and its siblings)",
                        RekeyIntervalSeconds = Math.Round(r.IntervalSeconds, 1),
                        Assumptions = r.Assumption,
                        Sources = Sources(inbound, outbound),
                    };
                }
            }
        }
    }
}
