using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>VolumeLifetimeExhausted (CSCtq57752): an outbound SA has no volume left but seconds remain, so it cannot rekey on volume and traffic stops.</summary>
    public sealed class VolumeLifetimeExhaustedCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var e in c.Entries)
            {
                foreach (var sa in e.Sas.Where(s => s.Direction == SaDirection.Outbound && s.RemainingKilobytes == 0 && s.RemainingSeconds > 0 && !s.VolumeRekeyDisabled))
                {
                    yield return new Finding
                    {
                        Code = FindingCodes.VolumeLifetimeExhausted,
                        Severity = sa.IsCurrentOutbound || e.Sas.Count(s => s.Direction == SaDirection.Outbound) == 1 ? FindingSeverity.Critical : FindingSeverity.Warning,
                        Peer = e.Peer,
                        LocalIdent = e.LocalIdent,
                        RemoteIdent = e.RemoteIdent,
                        Spi = sa.Spi,
                        Evidence = $"outbound SA {sa.Spi} has 0 kB of volume lifetime left with {N(sa.RemainingSeconds)} s remaining: it did not rekey on volume and cannot carry traffic",
                        Remediation = Remedies.ClearPeer(e),
                        BlastRadius = Remedies.PeerBlastRadius(e),
                        NextStep = "upgrade past the defect (CSCtq57752 on ASA 8.6), or make rekeys time-only by disabling the volume lifetime on both ends",
                        Sources = Sources(sa),
                    };
                }
            }
        }
    }
}
