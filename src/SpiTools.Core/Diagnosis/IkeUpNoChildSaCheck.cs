using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// An IKE SA is up with a peer that has no IPsec SA: phase 1 stands, phase 2 did not come up (or idled out). Taken
    /// from the child SA count where the IKE output prints it (Warning), else from <c>show crypto ipsec sa</c> when it was
    /// captured and lists no SA for the peer (Info: a capture filtered to another peer says nothing about this one).
    /// Without either, nothing is concluded.
    /// </summary>
    public sealed class IkeUpNoChildSaCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            var peerOf = IkeSas.Peers(c);
            var withChildren = new HashSet<string>(c.IkeSas.Where(o => o.ChildSaCount > 0 && peerOf[o] != null).Select(o => peerOf[o]!), StringComparer.Ordinal);
            var saPeers = c.Sas.Where(s => s.Spi != null && s.Peer != null).Select(s => s.Peer!).Distinct(StringComparer.Ordinal).ToList();
            foreach (var ike in c.IkeSas.Where(IkeSas.IsUp))
            {
                var peer = peerOf[ike];
                if (peer == null || reported.Contains(peer) || withChildren.Contains(peer)) continue;
                string evidence;
                bool counted = ike.ChildSaCount == 0;
                if (counted)
                    evidence = $"the {IkeSas.Describe(ike)} to {peer} is up with 0 child SAs";
                else if (ike.ChildSaCount == null && c.Sas.Count > 0 && !saPeers.Contains(peer))
                {
                    var first = c.Sas[0];
                    evidence = $"the {IkeSas.Describe(ike)} to {peer} is up, and show crypto ipsec sa ({Cite(first)}) lists no SA for it" +
                               (saPeers.Count > 0 ? $" (it lists SAs for {string.Join(", ", saPeers)}; if that output was filtered to a peer, it says nothing about {peer})" : "");
                }
                else continue;
                reported.Add(peer);
                yield return new Finding
                {
                    Code = FindingCodes.IkeUpNoChildSa,
                    Severity = counted ? FindingSeverity.Warning : FindingSeverity.Info,
                    Peer = peer,
                    Evidence = evidence + ": phase 1 stands but no IPsec SA does; either no interesting traffic has come since the IPsec SAs idled out or expired, " +
                               "or phase 2 fails (crypto ACL / proxy, transform set or PFS mismatch)",
                    Remediation = $"send interesting traffic (or packet-tracer) to {peer} and watch phase 2 (debug crypto ipsec, debug crypto {(ike.IkeVersion == "IKEv2" ? "ikev2" : ike.Platform == PlatformNames.Ios ? "isakmp" : "ikev1")}); " +
                                  "if it fails, compare the crypto ACLs, transform sets and PFS of both ends",
                    BlastRadius = "none: it only reads",
                    NextStep = $"{IkeSas.Clear(ike, peer)} renegotiates the whole session to {peer} (IKE and every IPsec SA; traffic to it stops until it is back)",
                    Sources = Sources(ike),
                };
            }
        }
    }
}
