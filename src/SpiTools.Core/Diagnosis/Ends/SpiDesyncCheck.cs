using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.Ends.EndText;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// SpiDesync (InvalidSpi as seen from both ends): an end encrypts to an SPI (its current outbound SPI) that the other end has no inbound SA
    /// for, so the other end drops that traffic (ASA 402114, IOS <c>RECVD_PKT_INV_SPI</c>). One finding per
    /// direction, on the end that holds the SA the other lost: that is where the least disruptive clear runs.
    /// An SA younger than <see cref="YoungSeconds"/> may be a rekey the other end's capture predates: Warning.
    /// With the other end's logs, an ENCR VPN context still encrypting with an SPI the other end drops as invalid
    /// is reported too (the stale-context pattern seen from both ends).
    /// </summary>
    public sealed class SpiDesyncCheck : IEndsCheck
    {
        /// <summary>An outbound SA younger than this may be a rekey in progress between the two captures.</summary>
        public const long YoungSeconds = 120;

        public IEnumerable<Finding> Check(TunnelEnds ends)
        {
            foreach (bool fromA in new[] { true, false })
            {
                var x = fromA ? ends.A : ends.B;
                var y = fromA ? ends.B : ends.A;
                var theirs = ends.Towards(!fromA);
                foreach (var mine in ends.Towards(fromA))
                {
                    string? spi = mine.CurrentOutboundSpi;
                    if (spi == null) continue;
                    var mirror = theirs.FirstOrDefault(t => TunnelEnds.Mirrors(mine, t));
                    // Another entry to this end with other proxies: a proxy mismatch, reported as such.
                    if (mirror == null && theirs.Count > 0) continue;
                    if (mirror == null || !HasInbound(mirror, spi)) yield return Make(x, y, mine, mirror, spi);
                    foreach (var (context, drops) in StaleContexts(x, mine, y, mirror))
                        yield return MakeStale(x, y, mine, context, drops);
                }
            }
        }

        /// <summary>
        /// X's ENCR VPN contexts for the entry's remote network whose SPI is not the current outbound SPI and that the
        /// other end logged invalid-SPI drops for: X's data path encrypts with an SPI the other end does not know (the
        /// stale-context pattern seen from both ends). The drops are required: an old context beside a live one is normal during a rekey.
        /// </summary>
        internal static IEnumerable<(VpnContext Context, List<SaEvent> Drops)> StaleContexts(DiagnosisContext x, SaEntry mine, DiagnosisContext y, SaEntry? mirror)
        {
            foreach (var ctx in StaleVpnContextCheck.EncrContexts(x, mine).Where(v => v.Spi != null && v.Spi != mine.CurrentOutboundSpi))
            {
                if (mirror != null && HasInbound(mirror, ctx.Spi)) continue;
                var drops = y.Events.Where(e => e.Kind == SaEventKind.InvalidSpi && e.Spi == ctx.Spi).ToList();
                if (drops.Count > 0) yield return (ctx, drops);
            }
        }

        private static Finding MakeStale(DiagnosisContext x, DiagnosisContext y, SaEntry mine, VpnContext ctx, List<SaEvent> drops) => new Finding
        {
            Code = FindingCodes.SpiDesync,
            Severity = FindingSeverity.Critical,
            Device = x.Device,
            PeerDevice = y.Device,
            Peer = mine.Peer,
            LocalIdent = mine.LocalIdent,
            RemoteIdent = mine.RemoteIdent,
            Spi = ctx.Spi,
            Context = ctx.Context,
            Evidence =
                $"{x.Device}'s ENCR VPN context {ctx.Context} for remote network {ctx.PeerIp} encrypts with SPI {ctx.Spi} ({DiagnosisContext.N(ctx.Packets)} packets, {Cite(x, ctx)}), " +
                $"not the current outbound SPI {mine.CurrentOutboundSpi}; {y.Device} has no inbound SA with SPI {ctx.Spi}" +
                $" and logged {drops.Count} invalid-SPI drop(s) for it" + (drops[0].TimeText != null ? $" from {drops[0].TimeText} to {drops[drops.Count - 1].TimeText}" : "") +
                $" ({Cite(y, drops[0])}): {x.Device} encrypts with a stale VPN context that {y.Device} cannot decrypt",
            Remediation = $"{Remedies.ClearInactive} on {x.Device}",
            BlastRadius = $"on {x.Device}: {Remedies.InactiveBlastRadius}",
            NextStep = $"{Remedies.ClearPeer(mine)} on {x.Device} ({Remedies.PeerBlastRadius(mine)}), then reload {x.Device} (everything on the box; both units of an HA pair)",
            Sources = Lines((x, ctx), (x, CurrentOutbound(mine)), (y, drops[0])),
        };

        private static Finding Make(DiagnosisContext x, DiagnosisContext y, SaEntry mine, SaEntry? mirror, string spi)
        {
            var outbound = CurrentOutbound(mine);
            var drops = y.Events.Where(e => e.Kind == SaEventKind.InvalidSpi && e.Spi == spi).ToList();
            string evidence = $"{x.Device} encrypts to {y.Device} (peer {mine.Peer}){ForProxies(mine)} with SPI {spi} (current outbound spi, {Cite(x, outbound)})";
            evidence += mirror == null
                ? $", but {y.Device} holds no SA entry to {x.Device} at all (its capture lists SAs to {Peers(y)}): {y.Device} drops that traffic"
                : $", but {y.Device} has no inbound SA with that SPI{ForProxies(mirror)} from {mirror.Peer}: its inbound SPIs there are {SpiList(y, mirror, SaDirection.Inbound)}; {y.Device} drops that traffic";
            if (drops.Count > 0)
                evidence += $"; {y.Device} logged {drops.Count} invalid-SPI drop(s) for {spi}" +
                            (drops[0].TimeText != null ? $" from {drops[0].TimeText} to {drops[drops.Count - 1].TimeText}" : "") + $" ({Cite(y, drops[0])})";

            bool reverseAlso = false;
            string? theirSpi = mirror?.CurrentOutboundSpi;
            if (mirror != null && theirSpi != null)
            {
                reverseAlso = !HasInbound(mine, theirSpi);
                evidence += reverseAlso
                    ? $"; the other direction is out of step too: {y.Device} encrypts with {theirSpi}, which {x.Device} does not have inbound ({SpiList(x, mine, SaDirection.Inbound)})"
                    : $"; the other direction agrees: {y.Device} encrypts with {theirSpi}, which {x.Device} has inbound";
            }
            // The receiving end's own count of packets for unknown SPIs, where it prints one (IOS-XE detail).
            if (mirror?.First.PacketsInvalidSaReceived > 0)
                evidence += $"; {y.Device} counts #pkts invalid sa (rcv) = {mirror.First.PacketsInvalidSaReceived} ({Cite(y, mirror.First)})";
            evidence += $". {x.Device}: inbound {SpiNames(mine, SaDirection.Inbound)}, outbound {SpiNames(mine, SaDirection.Outbound)}; " +
                        (mirror == null ? $"{y.Device}: no SA to {x.Device}" : $"{y.Device}: inbound {SpiNames(mirror, SaDirection.Inbound)}, outbound {SpiNames(mirror, SaDirection.Outbound)}");

            string severity = FindingSeverity.Critical;
            string? assumption = null;
            var (_, seconds, _, lifetimeFrom) = x.LifetimeFor(mine);
            long? age = outbound.RemainingSeconds == null ? null : seconds - outbound.RemainingSeconds;
            if (drops.Count == 0 && age != null && age >= 0 && age < YoungSeconds)
            {
                severity = FindingSeverity.Warning;
                evidence += $"; the outbound SA is only {age} s old, so the two captures may straddle a rekey: capture both ends again to confirm";
                assumption = $"SA age from {lifetimeFrom}";
            }

            string first = $"{Remedies.ClearEntry(mine, spi)} on {x.Device}";
            return new Finding
            {
                Code = FindingCodes.SpiDesync,
                Severity = severity,
                Device = x.Device,
                PeerDevice = y.Device,
                Peer = mine.Peer,
                LocalIdent = mine.LocalIdent,
                RemoteIdent = mine.RemoteIdent,
                Spi = spi,
                Evidence = evidence,
                Remediation = reverseAlso ? $"{first}, and {Remedies.ClearEntry(mirror!, theirSpi!)} on {y.Device} (both ends hold SAs the other lost)" : first,
                BlastRadius = reverseAlso ? $"{EntryBlastRadius(x.Device)}; the same on {y.Device}" : EntryBlastRadius(x.Device),
                NextStep = $"{Remedies.ClearPeer(mine)} on {x.Device}" + (mirror != null ? $" and {Remedies.ClearPeer(mirror)} on {y.Device}" : "") +
                           $" ({Remedies.PeerBlastRadius(mine)}); then {ClearSession(mine)} on {x.Device} (the whole session to {mine.Peer}, IKE SA included); " +
                           "enable DPD / keepalives on both ends so a lost SA is noticed",
                Assumptions = assumption,
                Sources = Lines(new[] { (x, (ICaptureRecord?)outbound) }
                    .Concat(mirror == null ? Enumerable.Empty<(DiagnosisContext, ICaptureRecord?)>() : Sas(mirror, SaDirection.Inbound).DefaultIfEmpty(mirror.First).Select(s => (y, (ICaptureRecord?)s)))
                    .Concat(drops.Take(1).Select(d => (y, (ICaptureRecord?)d))).ToArray()),
            };
        }

        private static string SpiNames(SaEntry e, string direction)
        {
            var sas = Sas(e, direction);
            return sas.Count == 0 ? "none" : string.Join(", ", sas.Select(s => s.Spi));
        }

        private static string Peers(DiagnosisContext c)
        {
            var peers = c.Entries.Select(e => e.Peer).Where(p => p != null).Distinct().ToList();
            return peers.Count == 0 ? "no peer" : string.Join(", ", peers);
        }
    }
}
