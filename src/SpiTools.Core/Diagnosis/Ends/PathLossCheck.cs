using System;
using System.Collections.Generic;
using System.Globalization;
using static SpiTools.Diagnosis.Ends.EndText;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Between two snapshots of each end: what one end encapsulated towards the other (growth of <c>#pkts encaps</c>)
    /// against what the other decapsulated from it (growth of <c>#pkts decaps</c>) on the mirrored entry. A shortfall
    /// beyond <see cref="DiagnosisOptions.PathLossTolerancePercent"/> (and <see cref="DiagnosisOptions.PathLossTolerancePackets"/>)
    /// is ESP lost on the way. The two devices' snapshots are never taken at the same instant, hence the tolerance.
    /// A direction whose SPIs are out of step is left to <see cref="SpiDesyncCheck"/>. A direction that carried no packet
    /// since the earlier snapshots is not judged (<see cref="DiagnosisContext.NotJudged"/>): a path loss found before is
    /// neither confirmed nor shown gone.
    /// </summary>
    public sealed class PathLossCheck : IEndsCheck
    {
        public IEnumerable<Finding> Check(TunnelEnds ends)
        {
            foreach (var (a, b) in ends.Mirrored)
            {
                foreach (bool fromA in new[] { true, false })
                {
                    var (x, xe, y, ye) = fromA ? (ends.A, a, ends.B, b) : (ends.B, b, ends.A, a);
                    if (xe.CurrentOutboundSpi != null && !HasInbound(ye, xe.CurrentOutboundSpi)) continue;
                    var xb = x.BeforeEntry(xe);
                    var yb = y.BeforeEntry(ye);
                    long? encNow = xe.First.PacketsEncapsulated, encBefore = xb?.First.PacketsEncapsulated;
                    long? decNow = ye.First.PacketsDecapsulated, decBefore = yb?.First.PacketsDecapsulated;
                    if (encNow == null || encBefore == null || decNow == null || decBefore == null) continue;
                    long sent = encNow.Value - encBefore.Value;
                    long received = decNow.Value - decBefore.Value;
                    // The direction and the four counter lines, which a finding of this direction, judged or not, rests on.
                    var direction = new Finding
                    {
                        Code = FindingCodes.PathLoss,
                        Device = x.Device,
                        PeerDevice = y.Device,
                        Peer = xe.Peer,
                        LocalIdent = xe.LocalIdent,
                        RemoteIdent = xe.RemoteIdent,
                        Spi = xe.CurrentOutboundSpi,
                        Sources = Lines((x, xb!.First), (x, xe.First), (y, yb!.First), (y, ye.First)),
                    };
                    // No packet sent either way since the earlier snapshot: whether packets are still lost cannot be told (not judged).
                    if (sent == 0 && received == 0)
                    {
                        x.NotJudged.Add(new Finding(direction)
                        {
                            Severity = FindingSeverity.Info,
                            Evidence = $"#pkts encaps {encNow} on {x.Device} and #pkts decaps {decNow} on {y.Device} did not move since the earlier snapshots",
                        });
                        continue;
                    }
                    // Counters cleared or the entry re-created between the snapshots: nothing to compare.
                    if (sent <= 0 || received < 0) continue;
                    long missing = sent - received;
                    var options = x.Options;
                    double allowed = Math.Max(sent * options.PathLossTolerancePercent / 100, options.PathLossTolerancePackets);
                    if (missing <= allowed) continue;
                    string pct = (missing * 100.0 / sent).ToString("0.#", CultureInfo.InvariantCulture);
                    yield return new Finding(direction)
                    {
                        Severity = received == 0 ? FindingSeverity.Critical : FindingSeverity.Warning,
                        Evidence =
                            $"{x.Device} encapsulated {sent} packets to {y.Device} (peer {xe.Peer}){ForProxies(xe)} between its two snapshots " +
                            $"(#pkts encaps {encBefore} at {Cite(x, xb!.First)}, {encNow} at {Cite(x, xe.First)}); " +
                            $"{y.Device} decapsulated {received} from {ye.Peer} between its own (#pkts decaps {decBefore} at {Cite(y, yb!.First)}, {decNow} at {Cite(y, ye.First)}): " +
                            $"{missing} packets ({pct} %) did not arrive, beyond the tolerance of {options.PathLossTolerancePercent.ToString("0.##", CultureInfo.InvariantCulture)} % " +
                            $"(at least {options.PathLossTolerancePackets} packets) allowed because the snapshots on the two devices are not taken at the same instant",
                        Remediation = $"find where ESP from {x.Device} to {y.Device} is lost: the path between {xe.First.LocalEndpoint ?? x.Device} and {EndPairing.PeerAddress(xe)} " +
                                      $"(provider, a firewall or NAT on the way, MTU and fragmentation); on {y.Device} look for drops " +
                                      (ye.Facts is { } yFar ? $"({yFar.Drops})" : ye.IsIos ? "(show platform hardware qfp active statistics drop)" : "(show asp drop)"),
                        BlastRadius = "none (diagnostic commands only)",
                        NextStep = $"{ClearCounters(xe)} on {x.Device} and {ClearCounters(ye)} on {y.Device} at the same moment, then compare again (counters only; no SA is removed)",
                        Assumptions = $"tolerance {options.PathLossTolerancePercent.ToString("0.##", CultureInfo.InvariantCulture)} % of the packets sent or {options.PathLossTolerancePackets} packets, whichever is larger",
                    };
                }
            }
        }

        private static string ClearCounters(SaEntry e) => e.Facts?.ClearCounters ?? (e.IsIos ? "clear crypto sa counters" : "clear crypto ipsec sa counters");
    }
}
