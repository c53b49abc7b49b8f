using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// OneWayTraffic: traffic flows one way only: encaps 0 while decaps grows (the device does not encrypt) or the reverse
    /// (the peer does not encrypt back). With an earlier snapshot, judged on the deltas; an entry whose counters did not
    /// move at all since it is not judged (<see cref="DiagnosisContext.NotJudged"/>). Remote-access entries can
    /// legitimately be idle one way and are reported as Info.
    /// </summary>
    public sealed class OneWayTrafficCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var e in c.Entries)
            {
                long? enc = e.First.PacketsEncapsulated, dec = e.First.PacketsDecapsulated;
                string unit = "encaps", unitIn = "decaps";
                // A far end that counts bytes per SA and no packets (libreswan): the outbound and inbound SAs' bytes.
                if ((enc == null || dec == null) && e.Facts != null)
                {
                    enc = BytesOf(e, SaDirection.Outbound);
                    dec = BytesOf(e, SaDirection.Inbound);
                    (unit, unitIn) = ("bytes out", "bytes in");
                }
                if (enc == null || dec == null) continue;
                string span = e.Facts != null ? "since the SAs were installed" : "since the counters were last cleared";
                var b = c.BeforeEntry(e);
                if (b?.First.PacketsEncapsulated != null && b.First.PacketsDecapsulated != null && enc >= b.First.PacketsEncapsulated && dec >= b.First.PacketsDecapsulated)
                {
                    if (enc == b.First.PacketsEncapsulated && dec == b.First.PacketsDecapsulated)
                    {
                        // No traffic either way since the earlier snapshot: nothing to judge, which is not healthy either.
                        c.NotJudged.Add(Make(e, FindingSeverity.Info,
                            $"{unit} {N(enc)} and {unitIn} {N(dec)}, as in the earlier snapshot ({Cite(b.First)}): no traffic either way between the two snapshots",
                            null, null, null));
                        continue;
                    }
                    enc -= b.First.PacketsEncapsulated;
                    dec -= b.First.PacketsDecapsulated;
                    span = "between the two snapshots";
                }
                bool noEncrypt = enc == 0 && dec > 0;
                bool noReturn = dec == 0 && enc > 0;
                if (!noEncrypt && !noReturn) continue;
                // A filtered or cut entry may have lost the settings that say remote access: the verdict then stays a
                // Warning and says what could not be seen.
                bool kindUnknown = !e.IsRemoteAccess && e.Sas.All(s => s.Incomplete && s.TunnelType == null);
                string unseen = kindUnknown ? " (the capture holds only part of this entry: whether it is a remote-access entry, which may legitimately be idle one way, could not be seen)" : "";
                string severity, evidence, remediation, nextStep;
                if (noEncrypt)
                {
                    severity = e.IsRemoteAccess ? FindingSeverity.Info : kindUnknown ? FindingSeverity.Warning : FindingSeverity.Critical;
                    evidence = $"{unit} {N(enc)} while {unitIn} {N(dec)} {span}: traffic from {e.Peer} is decrypted but nothing is encrypted towards it" +
                               (e.IsRemoteAccess ? " (a remote-access client may legitimately send only)" : "") + unseen;
                    remediation = e.Facts is { } far
                        ? $"find why nothing is encrypted: on this {far.System} end check the policies for these networks (ip xfrm policy), routing towards them and any NAT applied before IPsec"
                        : "find why nothing is encrypted: run packet-tracer for the flow and check its encrypt phase and VPN context (a stale context is reported as StaleVpnContext), routing and NAT exemption";
                    nextStep = $"{Remedies.ClearPeer(e)} ({Remedies.PeerBlastRadius(e)})";
                }
                else
                {
                    severity = e.IsRemoteAccess ? FindingSeverity.Info : FindingSeverity.Warning;
                    evidence = $"{unit} {N(enc)} while {unitIn} {N(dec)} {span}: traffic to {e.Peer} is encrypted but nothing comes back on this SA" + unseen;
                    remediation = $"check the peer {e.Peer}: compare the SPIs on both ends; if they differ the peer has lost its SA";
                    nextStep = $"{Remedies.ClearPeer(e)} on both ends ({Remedies.PeerBlastRadius(e)})";
                }
                yield return Make(e, severity, evidence, remediation, "none (diagnostic commands only)", nextStep);
            }
        }

        private static Finding Make(SaEntry e, string severity, string evidence, string? remediation, string? blastRadius, string? nextStep) => new Finding
        {
            Code = FindingCodes.OneWayTraffic,
            Severity = severity,
            Peer = e.Peer,
            LocalIdent = e.LocalIdent,
            RemoteIdent = e.RemoteIdent,
            Spi = e.CurrentOutboundSpi,
            Evidence = evidence,
            Remediation = remediation,
            BlastRadius = blastRadius,
            NextStep = nextStep,
            Sources = Sources(e.First),
        };

        private static long? BytesOf(SaEntry e, string direction)
        {
            var sas = e.Sas.Where(s => s.Direction == direction && s.Bytes != null).ToList();
            return sas.Count == 0 ? null : sas.Sum(s => s.Bytes!.Value);
        }
    }
}
