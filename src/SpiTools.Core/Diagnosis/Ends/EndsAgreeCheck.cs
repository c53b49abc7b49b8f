using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.Ends.EndText;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Asked for with <see cref="DiagnosisOptions.IncludeHealthy"/>: a mirrored pair of entries whose SPIs agree in
    /// both directions (each end's current outbound SPI is an inbound SA on the other), with both ends' SPIs, so a
    /// tunnel can be proved clean end to end. Not for SAs on which either end reports a fault of its own (Warning or above).
    /// </summary>
    public sealed class EndsAgreeCheck : IEndsCheck
    {
        public IEnumerable<Finding> Check(TunnelEnds ends)
        {
            if (!ends.A.Options.IncludeHealthy) yield break;
            var faultsA = Faults(ends.A);
            var faultsB = Faults(ends.B);
            foreach (var (a, b) in ends.Mirrored)
            {
                // "Clean end to end": neither end reports a fault of its own on these SAs (a stale VPN context, one-way traffic, ...).
                if (faultsA.Any(f => About(f, a)) || faultsB.Any(f => About(f, b))) continue;
                string? aOut = a.CurrentOutboundSpi, bOut = b.CurrentOutboundSpi;
                if (aOut == null || bOut == null || !HasInbound(b, aOut) || !HasInbound(a, bOut)) continue;
                if (SpiDesyncCheck.StaleContexts(ends.A, a, ends.B, b).Any() || SpiDesyncCheck.StaleContexts(ends.B, b, ends.A, a).Any()) continue;
                var aSa = CurrentOutbound(a);
                var bSa = CurrentOutbound(b);
                var bIn = b.Sas.First(s => s.Direction == SaDirection.Inbound && s.Spi == aOut);
                var aIn = a.Sas.First(s => s.Direction == SaDirection.Inbound && s.Spi == bOut);
                yield return new Finding
                {
                    Code = FindingCodes.EndsAgree,
                    Severity = FindingSeverity.Info,
                    Device = ends.A.Device,
                    PeerDevice = ends.B.Device,
                    Peer = a.Peer,
                    LocalIdent = a.LocalIdent,
                    RemoteIdent = a.RemoteIdent,
                    Spi = aOut,
                    Evidence =
                        $"the SPIs agree in both directions{ForProxies(a)}: {ends.A.Device} encrypts with {aOut} ({Cite(ends.A, aSa)}), which {ends.B.Device} has inbound ({Cite(ends.B, bIn)}); " +
                        $"{ends.B.Device} encrypts with {bOut} ({Cite(ends.B, bSa)}), which {ends.A.Device} has inbound ({Cite(ends.A, aIn)}). " +
                        "Neither end reports a fault of its own on these SAs. " +
                        $"{ends.A.Device}: inbound {string.Join(", ", Sas(a, SaDirection.Inbound).Select(s => s.Spi))}, outbound {string.Join(", ", Sas(a, SaDirection.Outbound).Select(s => s.Spi))}; " +
                        $"{ends.B.Device}: inbound {string.Join(", ", Sas(b, SaDirection.Inbound).Select(s => s.Spi))}, outbound {string.Join(", ", Sas(b, SaDirection.Outbound).Select(s => s.Spi))}",
                    Remediation = "none",
                    BlastRadius = "none",
                    Sources = Lines((ends.A, aSa), (ends.B, bIn), (ends.B, bSa), (ends.A, aIn)),
                };
            }
        }

        /// <summary>The device's own findings of Warning or above (the single-device checks).</summary>
        private static List<Finding> Faults(DiagnosisContext c) =>
            SpiDiagnosis.Checks.SelectMany(k => k.Check(c)).Where(f => FindingSeverity.Rank(f.Severity) >= FindingSeverity.Rank(FindingSeverity.Warning)).ToList();

        private static bool About(Finding f, SaEntry e) => f.Peer == e.Peer && f.LocalIdent == e.LocalIdent && f.RemoteIdent == e.RemoteIdent;
    }
}
