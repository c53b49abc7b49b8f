using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// StaleVpnContext, the CSCtd36473 pattern (examples/asa-stale-spi): the data path encrypts with a VPN context whose SPI is not the SA's current
    /// outbound SPI, while the real SPI's context carries nothing. Follows packet-tracer's encrypt rule → its
    /// context → the SA covering the flow → its current outbound SPI → that SPI's context → every ENCR context
    /// of the remote network. Without a trace, compares each SA's current outbound SPI with the ENCR contexts
    /// of its remote network.
    /// </summary>
    public sealed class StaleVpnContextCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            if (c.Contexts.Count == 0) yield break;
            var reported = new HashSet<SaEntry>();

            foreach (var trace in c.Traces.Where(t => t.HasEncryptPhase && t.EncryptVpnContext != null))
            {
                var used = c.Contexts.FirstOrDefault(x => x.Context == trace.EncryptVpnContext);
                var entry = EntryForFlow(c, trace);
                if (used == null || entry == null || entry.CurrentOutboundSpi == null || used.Spi == entry.CurrentOutboundSpi) continue;
                reported.Add(entry);
                var real = c.Contexts.FirstOrDefault(x => x.Spi == entry.CurrentOutboundSpi && x.Direction != SaDirection.Inbound);
                var encr = EncrContexts(c, entry);
                string evidence =
                    $"packet-tracer's encrypt rule (phase {trace.EncryptPhaseNumber}) uses VPN context {used.Context} (SPI {used.Spi}, {N(used.Packets)} packets) " +
                    $"but the SA's current outbound SPI is {entry.CurrentOutboundSpi}, " +
                    (real != null ? $"whose context {real.Context} carried {N(real.Packets)} packets" : "which no VPN context in the capture carries") +
                    EncrSentence(encr, entry) + Counters(entry);
                yield return Make(entry, used, evidence, Sources(trace, used, real, CurrentSa(entry)));
            }

            foreach (var entry in c.Entries.Where(e => !reported.Contains(e) && e.CurrentOutboundSpi != null))
            {
                var encr = EncrContexts(c, entry);
                if (encr.Count == 0) continue;
                var real = encr.FirstOrDefault(x => x.Spi == entry.CurrentOutboundSpi);
                var others = encr.Where(x => !ReferenceEquals(x, real)).ToList();
                var busy = others.Where(o => o.Packets > 0).OrderByDescending(o => o.Packets).FirstOrDefault();
                // Healthy: the real SPI's context is there and carries traffic (an older context beside it is a rekey in progress).
                if (real != null && (real.Packets > 0 || busy == null)) continue;
                var stale = busy ?? others.FirstOrDefault();
                if (stale == null) continue;
                string evidence =
                    $"VPN context {stale.Context} (SPI {stale.Spi}, {N(stale.Packets)} packets) encrypts for remote network {entry.First.RemoteIdentAddress} " +
                    $"but the SA's current outbound SPI is {entry.CurrentOutboundSpi}, " +
                    (real != null ? $"whose context {real.Context} carried {N(real.Packets)} packets" : "which no VPN context in the capture carries") +
                    EncrSentence(encr, entry) + Counters(entry);
                yield return Make(entry, stale, evidence, Sources(stale, real, CurrentSa(entry)));
            }
        }

        private static Finding Make(SaEntry entry, VpnContext stale, string evidence, IReadOnlyList<SourceLine> sources) => new Finding
        {
            Code = FindingCodes.StaleVpnContext,
            Severity = FindingSeverity.Critical,
            Peer = entry.Peer,
            LocalIdent = entry.LocalIdent,
            RemoteIdent = entry.RemoteIdent,
            Spi = stale.Spi,
            Context = stale.Context,
            Evidence = evidence,
            Remediation = Remedies.ClearInactive,
            BlastRadius = Remedies.InactiveBlastRadius,
            NextStep = $"{Remedies.ClearPeer(entry)} ({Remedies.PeerBlastRadius(entry)}), then reload (everything on the box; both units of an HA pair)",
            Sources = sources,
        };

        internal static SaEntry? EntryForFlow(DiagnosisContext c, PacketTrace t)
        {
            var byFlow = c.Entries.FirstOrDefault(e =>
                Ipv4.Covers(e.First.RemoteIdentAddress, e.First.RemoteIdentMask, t.DestinationAddress) &&
                Ipv4.Covers(e.First.LocalIdentAddress, e.First.LocalIdentMask, t.SourceAddress));
            if (byFlow != null) return byFlow;
            // The flow may be unknown (an excerpt without the command): use the encrypt rule's proxies.
            string? dst = t.EncryptDestination?.Split('/')[0];
            string? src = t.EncryptSource?.Split('/')[0];
            return c.Entries.FirstOrDefault(e => dst != null && e.First.RemoteIdentAddress == dst && (src == null || e.First.LocalIdentAddress == src));
        }

        /// <summary>The ENCR (outbound) VPN contexts for the entry's remote network.</summary>
        internal static List<VpnContext> EncrContexts(DiagnosisContext c, SaEntry e) =>
            c.Contexts.Where(x => x.Direction == SaDirection.Outbound && x.PeerIp != null && x.PeerIp == e.First.RemoteIdentAddress).ToList();

        private static string EncrSentence(List<VpnContext> encr, SaEntry e) =>
            encr.Count > 1 ? $"; {encr.Count} ENCR contexts exist for remote network {e.First.RemoteIdentAddress} ({string.Join(", ", encr.Select(x => $"{x.Context}: SPI {x.Spi}, {N(x.Packets)} packets"))})" : "";

        private static string Counters(SaEntry e) =>
            e.First.PacketsEncapsulated != null ? $"; encaps {N(e.First.PacketsEncapsulated)} while decaps {N(e.First.PacketsDecapsulated)}" : "";

        private static IpsecSa? CurrentSa(SaEntry e) => e.Sas.FirstOrDefault(s => s.IsCurrentOutbound) ?? e.Sas.FirstOrDefault(s => s.Direction == SaDirection.Outbound);
    }
}
