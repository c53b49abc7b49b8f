using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// RekeyChurn: volume-driven rekeying at high throughput (examples/iosxe-dmvpn-multi-spi). Several SA pairs per proxy are then normal: it is
    /// rekeying, not load balancing. Informational, with the arithmetic.
    /// </summary>
    public sealed class RekeyChurnCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var e in c.Entries)
            {
                var r = RekeyRate.Measure(c, e);
                if (r == null || r.IntervalSeconds >= c.Options.RekeyChurnThresholdSeconds) continue;
                int pairs = e.Sas.Count(s => s.Direction == SaDirection.Outbound);
                double soft = r.IntervalSeconds * 0.9;
                yield return new Finding
                {
                    Code = FindingCodes.RekeyChurn,
                    Severity = FindingSeverity.Info,
                    Peer = e.Peer,
                    LocalIdent = e.LocalIdent,
                    RemoteIdent = e.RemoteIdent,
                    Spi = r.Newest.Spi,
                    Evidence =
                        $"the current outbound SA {r.Newest.Spi} used {r.LifetimeKb} - {r.Newest.RemainingKilobytes} = {r.UsedKb} kB in {r.LifetimeSeconds} - {r.Newest.RemainingSeconds} = {r.AgeSeconds} s: " +
                        $"{N(Math.Round(r.KbPerSecond))} kB/s, about {N(Math.Round(r.Mbps))} Mbit/s; at that rate the {r.LifetimeKb} kB volume lifetime lasts about {N(Math.Round(r.IntervalSeconds))} s " +
                        $"(about {N(Math.Round(soft))} s to the 90 % soft limit), so a new SA pair is negotiated every {N(r.ProjectedRange().Low)}-{N(r.ProjectedRange().High)} s" +
                        (pairs > 1 ? $"; the {pairs} outbound SAs installed are successive rekeys, not load balancing (there is one current outbound SPI)" : ""),
                    Remediation = e.IsIos
                        ? "raise the IPsec volume lifetime, or disable it, on both ends: crypto ipsec security-association lifetime kilobytes disable (or a larger value)"
                        : "raise the IPsec volume lifetime, or make it unlimited, on both ends: crypto ipsec security-association lifetime kilobytes unlimited (or a larger value)",
                    BlastRadius = "a configuration change for a maintenance window; it applies to new SAs, existing SAs keep their lifetime until they rekey",
                    RekeyIntervalSeconds = Math.Round(r.IntervalSeconds, 1),
                    ThroughputMbps = Math.Round(r.Mbps, 1),
                    Assumptions = (r.Assumption != null ? r.Assumption + "; " : "") + "kB = 1000 bytes",
                    Sources = Sources(r.Newest),
                };
            }
        }
    }
}
