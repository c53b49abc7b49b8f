using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// StuckInactiveSa, Cisco bug CSCwc48375 (FTD / ASA): <c>show crypto ipsec sa inactive</c> lists dead SAs (<c>state: dead, reason:
    /// Phase 2 Error</c>), typically several inbound SPIs beside one outbound SPI. One finding per peer. With an earlier
    /// snapshot, SPIs listed in both are stuck: they outlived the time between the snapshots (and any clear in between),
    /// which is the bug's signature; that is a Warning, a single listing is Info. Traffic is not affected, only the log rate.
    /// </summary>
    public sealed class StuckInactiveSaCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var peer in c.InactiveSas.Where(s => s.Spi != null).GroupBy(s => s.Peer ?? "?", StringComparer.Ordinal))
            {
                var sas = peer.GroupBy(s => s.Spi, StringComparer.Ordinal).Select(g => g.First()).ToList();
                var earlier = c.Before?.InactiveSas.Where(b => (b.Peer ?? "?") == peer.Key && b.Spi != null).ToList();
                var stuck = earlier == null ? new List<InactiveIpsecSa>() : sas.Where(s => earlier.Any(b => b.Spi == s.Spi)).ToList();
                bool isStuck = stuck.Count > 0;
                string list = string.Join(", ", sas.Select(s => $"{s.Spi} ({(s.Direction ?? "?").ToLowerInvariant()}, {s.State ?? "?"}, {s.Reason ?? "no reason printed"})"));
                int inbound = sas.Count(s => s.Direction == SaDirection.Inbound);
                string evidence = $"show crypto ipsec sa inactive lists {sas.Count} inactive SA(s) for peer {peer.Key}: {list}";
                if (inbound > 1) evidence += $"; {inbound} dead inbound SPIs for one peer is the pattern of Cisco bug CSCwc48375";
                var entry = c.Entries.FirstOrDefault(e => e.Peer == peer.Key);
                if (entry != null)
                {
                    int liveIn = entry.Sas.Count(s => s.Direction == SaDirection.Inbound && s.Spi != null);
                    int liveOut = entry.Sas.Count(s => s.Direction == SaDirection.Outbound && s.Spi != null);
                    evidence += $"; show crypto ipsec sa lists {liveIn} inbound and {liveOut} outbound SA(s) for the peer (current outbound {entry.CurrentOutboundSpi ?? "none"})";
                }
                if (isStuck)
                    evidence += $"; {string.Join(", ", stuck.Select(s => s.Spi))} {(stuck.Count == 1 ? "was" : "were")} already listed in the earlier snapshot " +
                                $"({Cite(earlier!.First(b => b.Spi == stuck[0].Spi))}): stuck, as in CSCwc48375, where clear crypto ipsec sa inactive does not remove them";
                yield return new Finding
                {
                    Code = FindingCodes.StuckInactiveSa,
                    Severity = isStuck ? FindingSeverity.Warning : FindingSeverity.Info,
                    Peer = peer.Key,
                    LocalIdent = Ident(sas[0].LocalIdent),
                    RemoteIdent = Ident(sas[0].RemoteIdent),
                    Spi = (isStuck ? stuck[0] : sas[0]).Spi,
                    Evidence = evidence,
                    Remediation = Remedies.ClearInactive + (isStuck ? " (once more, to confirm they stay; Invoke-InactiveSaClear or spitools clear-inactive collect before and after)" : ""),
                    BlastRadius = Remedies.InactiveBlastRadius,
                    NextStep = $"{Remedies.ClearPeer(false, peer.Key)} ({Remedies.PeerBlastRadius($"to {peer.Key}")}); " +
                               "if they stay listed, it is Cisco bug CSCwc48375: only a reload removes them (both units of an HA pair at once); " +
                               "they do not affect traffic, only the log rate, so the reload can wait for a maintenance window",
                    Sources = Sources(sas.Cast<ICaptureRecord>().Concat(isStuck ? new ICaptureRecord[] { earlier!.First(b => b.Spi == stuck[0].Spi) } : Array.Empty<ICaptureRecord>()).ToArray()),
                };
            }
        }

        /// <summary>The ident without the brackets <c>show crypto ipsec sa inactive</c> prints, as the SA records carry it.</summary>
        private static string? Ident(string? ident) => ident?.Trim('(', ')');
    }
}
