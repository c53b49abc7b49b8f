using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Diagnosis.Timeline;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Both ends started a rekey of one tunnel within <see cref="SaTimeline.CollisionWindowSeconds"/> s: two SA pairs
    /// for one rekey. IKEv1 has no rule to drop the redundant pair, so it stays installed, carries nothing and expires at
    /// its lifetime (the orphan pair of examples/iosxe-dmvpn-multi-spi). Shown from the logs, and tied to the orphan SA when the SA capture
    /// still lists one of the collision's SPIs with its whole volume lifetime left.
    /// </summary>
    public sealed class RekeyCollisionCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var t in TimelineText.Timelines(c))
            {
                foreach (var (x, y) in t.Collisions)
                {
                    bool ikev2 = x.First.MessageCode == "IKEv2";
                    string what = ikev2 ? "CREATE_CHILD_SA" : "Quick Mode";
                    string evidence =
                        $"{t.InitiatorName(x)} started {what} M-ID {x.MessageId} at {TimelineText.At(x.Start)} and {t.InitiatorName(y)} started M-ID {y.MessageId} at {TimelineText.At(y.Start)}, " +
                        $"{SaTimeline.Seconds((y.Start - x.Start).TotalSeconds)} s apart, to the same peer (the debugs do not print the proxies); " +
                        $"M-ID {x.MessageId}: {TimelineText.Installs(t, x, " and ")}; M-ID {y.MessageId}: {TimelineText.Installs(t, y, " and ")}: two SA pairs for one rekey; " +
                        (ikev2 ? "IKEv2 closes the redundant one (RFC 7296 2.8.1)" : "IKEv1 has no rule to drop one, so the redundant pair stays installed, carries nothing and expires at its lifetime");
                    var entry = TimelineText.Entry(c, t);
                    IpsecSa? orphan = null;
                    if (entry != null)
                    {
                        var kb = c.LifetimeFor(entry).Kilobytes;
                        var spis = new HashSet<string>(x.SpisA.Concat(x.SpisB).Concat(y.SpisA).Concat(y.SpisB), StringComparer.Ordinal);
                        orphan = RekeyRate.Unused(entry, kb, pairable: false).FirstOrDefault(s => spis.Contains(s.Spi!));
                        if (orphan != null)
                            evidence += $"; SA {orphan.Spi} from this collision is still installed with its whole volume lifetime left ({orphan.RemainingKilobytes} kB, {Cite(orphan)}): it is the pair this collision left";
                    }
                    string? spi = orphan?.Spi ?? y.SpisA.Concat(y.SpisB).FirstOrDefault() ?? x.SpisA.FirstOrDefault();
                    yield return new Finding
                    {
                        Code = FindingCodes.RekeyCollision,
                        Severity = FindingSeverity.Info,
                        Peer = t.Tunnel.Peer,
                        Spi = spi,
                        Evidence = evidence,
                        Remediation = "none needed: the redundant SA pair carries nothing and expires by itself",
                        BlastRadius = "none",
                        NextStep = "to make collisions rarer, rekey less often: raise or disable the IPsec volume lifetime on both ends" +
                                   (entry != null && spi != null ? $"; {Remedies.ClearEntry(entry, spi)} removes the redundant pair now (only that pair and its siblings)" : ""),
                        Sources = Sources(x.First, y.First, x.EventsB.FirstOrDefault(), y.EventsB.FirstOrDefault(), orphan),
                    };
                }
            }
        }

    }
}
