using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.Ends.EndText;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// The two ends show different IPsec lifetimes for the same tunnel (the IPsec tunnel of
    /// <c>show vpn-sessiondb detail l2l</c>, else lifetime settings; never <c>sa timing</c>, which is time left, and
    /// never an assumed default). The end with the shorter lifetime always starts the rekey. Info; Warning when
    /// either end also shows a rekey-collision pattern (an orphan SA pair, invalid-SPI drops for the tunnel).
    /// </summary>
    public sealed class LifetimeMismatchCheck : IEndsCheck
    {
        public IEnumerable<Finding> Check(TunnelEnds ends)
        {
            var seen = new HashSet<(ICaptureRecord, ICaptureRecord)>();
            foreach (var (a, b) in ends.Mirrored)
            {
                var la = ends.A.ShownLifetimeFor(a);
                var lb = ends.B.ShownLifetimeFor(b);
                // Where an end is not Cisco its defaults differ from Cisco's: an end that shows no lifetime runs its
                // system's default, stated as an assumption. Between two Cisco ends only shown lifetimes are compared.
                if (a.Facts != null || b.Facts != null)
                {
                    la ??= ends.A.DefaultLifetimeFor(a);
                    lb ??= ends.B.DefaultLifetimeFor(b);
                }
                if (la == null || lb == null || !seen.Add((la.Record, lb.Record))) continue;
                bool secondsDiffer = la.Seconds != lb.Seconds;
                bool volumeDiffer = la.VolumeDisabled != lb.VolumeDisabled || !la.VolumeDisabled && la.Kilobytes != lb.Kilobytes;
                if (!secondsDiffer && !volumeDiffer) continue;

                // The end that rekeys first: the shorter time lifetime; with equal times, the smaller (enabled) volume lifetime.
                bool aFirst = secondsDiffer ? la.Seconds < lb.Seconds : !la.VolumeDisabled && (lb.VolumeDisabled || la.Kilobytes < lb.Kilobytes);
                var (first, firstEntry, firstLife) = aFirst ? (ends.A, a, la) : (ends.B, b, lb);
                var (other, _, otherLife) = aFirst ? (ends.B, b, lb) : (ends.A, a, la);
                string evidence =
                    $"{ends.A.Device} shows {la.Text}{ForProxies(a)} ({la.From}, {Cite(ends.A, la.Record)}); {ends.B.Device} shows {lb.Text} ({lb.From}, {Cite(ends.B, lb.Record)}): " +
                    (secondsDiffer
                        ? $"{first.Device} reaches its time lifetime ({firstLife.Seconds} s against {otherLife.Seconds} s) first and always starts the time-based rekey"
                        : $"{first.Device} reaches its volume lifetime first and starts the volume-based rekey") +
                    (secondsDiffer && volumeDiffer ? $"; the volume lifetimes differ too ({la.VolumeText} against {lb.VolumeText})" : "") +
                    Negotiation(a, b);
                var collision = Collision(ends.A, a).Concat(Collision(ends.B, b)).ToList();
                if (collision.Count > 0) evidence += "; together with a rekey-collision pattern: " + string.Join("; ", collision);
                yield return new Finding
                {
                    Code = FindingCodes.LifetimeMismatch,
                    Severity = collision.Count > 0 ? FindingSeverity.Warning : FindingSeverity.Info,
                    Device = first.Device,
                    PeerDevice = other.Device,
                    Peer = firstEntry.Peer,
                    LocalIdent = firstEntry.LocalIdent,
                    RemoteIdent = firstEntry.RemoteIdent,
                    Evidence = evidence,
                    Remediation = collision.Count > 0
                        ? "decide which end starts rekeys and keep its lifetime clearly the shorter one on both ends' configuration (against a third-party peer that flaps on ASA/FTD-initiated rekeys, CSCwc54984 / CSCvx23833, give the ASA/FTD the longer lifetime so the peer initiates)"
                        : "none needed: one end always starting the rekey avoids collisions; align the lifetimes if the configuration should say what is negotiated",
                    BlastRadius = "a configuration change; it applies to new SAs, existing SAs keep their lifetime until they rekey",
                    Assumptions = la.Assumed || lb.Assumed
                        ? string.Join("; ", new[] { la, lb }.Where(l => l.Assumed).Select(l => l.From)) + " (the configuration was not among the captures)"
                        : null,
                    Sources = Lines((ends.A, la.Record), (ends.B, lb.Record)),
                };
            }
        }

        private static string Negotiation(SaEntry a, SaEntry b)
        {
            string? ike = a.Sas.Concat(b.Sas).Select(s => s.IkeVersion).FirstOrDefault(v => v != null);
            return ike == "IKEv2" ? "; the SAs are IKEv2, where each end keeps its own lifetime"
                : ike == "IKEv1" ? "; the SAs are IKEv1, where the responder takes the smaller of the proposed and its own lifetime, so both SAs of a pair may run on the smaller one"
                : "; with IKEv1 the responder takes the smaller of the proposed and its own lifetime, with IKEv2 each end keeps its own";
        }

        private static IEnumerable<string> Collision(DiagnosisContext c, SaEntry e)
        {
            foreach (var same in c.Entries.Where(x => x.Peer == e.Peer && x.LocalIdent == e.LocalIdent && x.RemoteIdent == e.RemoteIdent))
                foreach (var pair in RekeyRate.OrphanPairs(c, same))
                    yield return $"{c.Device} holds an SA pair that never carried traffic ({pair.Outbound.Spi}), the mark of both ends starting a rekey at once";
            int drops = c.Events.Count(v => v.Kind == SaEventKind.InvalidSpi && v.Peer != null && v.Peer == e.Peer);
            if (drops > 0) yield return $"{c.Device} logged {drops} invalid-SPI drop(s) on this tunnel";
        }
    }
}
