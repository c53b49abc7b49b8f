using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.Ends.EndText;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// ProxyMismatch across ends: an entry on one end whose mirror image (local and remote ident swapped) the other end lacks,
    /// while the other end has entries to it with other proxies: the two ends' crypto ACLs are not mirror images.
    /// Reported under <see cref="FindingCodes.ProxyMismatch"/>, with both ends named.
    /// </summary>
    public sealed class EndsProxyMismatchCheck : IEndsCheck
    {
        public IEnumerable<Finding> Check(TunnelEnds ends)
        {
            foreach (bool fromA in new[] { true, false })
            {
                var x = fromA ? ends.A : ends.B;
                var y = fromA ? ends.B : ends.A;
                var theirs = ends.Towards(!fromA);
                if (theirs.Count == 0) continue;
                foreach (var mine in ends.Towards(fromA).Where(m => !theirs.Any(t => TunnelEnds.Mirrors(m, t))))
                {
                    string mirror = $"{mine.RemoteIdent} -> {mine.LocalIdent}";
                    string aclMine = mine.First.AccessList != null ? $"{x.Device}: {mine.First.AccessList}" : $"{x.Device}: {Proxies(mine)}";
                    string aclTheirs = string.Join("; ", theirs.Select(t => t.First.AccessList != null ? $"{y.Device}: {t.First.AccessList}" : $"{y.Device}: {Proxies(t)}").Distinct());
                    yield return new Finding
                    {
                        Code = FindingCodes.ProxyMismatch,
                        Severity = FindingSeverity.Warning,
                        Device = x.Device,
                        PeerDevice = y.Device,
                        Peer = mine.Peer,
                        LocalIdent = mine.LocalIdent,
                        RemoteIdent = mine.RemoteIdent,
                        Spi = mine.CurrentOutboundSpi,
                        Evidence =
                            $"{x.Device} has an SA entry to {mine.Peer} for {Proxies(mine)} ({Cite(x, mine.First)}), but {y.Device} has no entry with the mirror image ({mirror}); " +
                            $"{y.Device}'s entries to {theirs[0].Peer} are for {string.Join(", ", theirs.Select(t => $"{Proxies(t)} ({Cite(y, t.First)})"))}: " +
                            "the two ends' crypto ACLs (proxies) are not mirror images, so traffic for these networks does not match an SA on both ends",
                        Remediation = $"make the crypto ACLs mirror images on both ends ({aclMine}; {aclTheirs})",
                        BlastRadius = "a configuration change on one end; the entry's SAs renegotiate with the corrected proxies",
                        NextStep = (mine.CurrentOutboundSpi != null ? $"after the fix: {Remedies.ClearEntry(mine, mine.CurrentOutboundSpi)} on {x.Device} ({EntryBlastRadius(x.Device)}), then " : "after the fix: ") +
                                   $"{Remedies.ClearPeer(mine)} on {x.Device} ({Remedies.PeerBlastRadius(mine)})",
                        Sources = Lines(new[] { (x, (ICaptureRecord?)mine.First) }.Concat(theirs.Select(t => (y, (ICaptureRecord?)t.First))).ToArray()),
                    };
                }
            }
        }
    }
}
