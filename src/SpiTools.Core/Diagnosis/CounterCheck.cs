using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Error counters (InvalidSpi, ProxyMismatch, ReplayOrAuthErrors). One snapshot shows
    /// totals since the counters were last cleared: Info, or Warning when they are 1 % or more of the traffic.
    /// With an earlier snapshot, only growth is reported, as a Warning; a counter that did not grow while no packet passed
    /// either (the context's or the SA's packet counts stood still too) is not judged (<see cref="DiagnosisContext.NotJudged"/>).
    /// </summary>
    public abstract class CounterCheck : IFindingCheck
    {
        protected abstract string Code { get; }
        protected abstract string Meaning { get; }
        protected abstract string Remedy(SaEntry? e);
        protected abstract string? Next(SaEntry? e);
        protected virtual (string Name, Func<VpnContext, long?> Get)[] ContextCounters => Array.Empty<(string, Func<VpnContext, long?>)>();
        protected virtual (string Name, Func<IpsecSa, long?> Get)[] SaCounters => Array.Empty<(string, Func<IpsecSa, long?>)>();

        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var ctx in c.Contexts)
            {
                foreach (var (name, get) in ContextCounters)
                {
                    long? now = get(ctx);
                    if (!(now > 0)) continue;
                    var before = c.BeforeContext(ctx);
                    long? delta = before != null ? now - (get(before) ?? 0) : null;
                    var entry = c.Entries.FirstOrDefault(e => e.First.RemoteIdentAddress == ctx.PeerIp);
                    if (delta == 0 && ctx.Packets != null && ctx.Packets == before!.Packets)
                        c.NotJudged.Add(Make(entry, ctx.Spi, ctx.Context, FindingSeverity.Info,
                            $"VPN context {ctx.Context} (SPI {ctx.Spi}): {name} = {now} and {ctx.Packets} packets, as in the earlier snapshot ({Cite(before!)}): no traffic through it between the two snapshots", ctx));
                    if (delta != null && delta <= 0) continue;
                    // A count the capture did not hold (filtered or cut output) is unknown, not zero: no share is claimed.
                    long? packets = ctx.Packets;
                    bool large = packets != null && (packets == 0 || now.Value * 100 >= packets);
                    string against = packets != null ? $" against {packets} packets" : " (the context's packet count is not in the capture, so its share of the traffic is unknown)";
                    string evidence = $"VPN context {ctx.Context} (SPI {ctx.Spi}) counts {name} = {now}" +
                        (delta != null ? $", up {delta} since the earlier snapshot" : $"{against}, since the counters were last cleared") + $": {Meaning}";
                    yield return Make(entry, ctx.Spi, ctx.Context, delta != null || large ? FindingSeverity.Warning : FindingSeverity.Info, evidence, ctx);
                }
            }
            foreach (var e in c.Entries)
            {
                foreach (var (name, get) in SaCounters)
                {
                    long? now = get(e.First);
                    if (!(now > 0)) continue;
                    var b = c.BeforeEntry(e);
                    long? delta = b != null ? now - (get(b.First) ?? 0) : null;
                    if (delta == 0 && Idle(e.First, b!.First))
                        c.NotJudged.Add(Make(e, e.CurrentOutboundSpi, null, FindingSeverity.Info,
                            $"{name} = {now}, #pkts encaps {e.First.PacketsEncapsulated} and #pkts decaps {e.First.PacketsDecapsulated}, as in the earlier snapshot ({Cite(b!.First)}): no traffic either way between the two snapshots", e.First));
                    if (delta != null && delta <= 0) continue;
                    long? decaps = e.First.PacketsDecapsulated;
                    bool large = decaps != null && (decaps == 0 || now.Value * 100 >= decaps);
                    string share = decaps == null ? "(#pkts decaps is not in the capture, so its share of the traffic is unknown)"
                        : decaps == 0 ? "with nothing decapsulated"
                        : $"against {decaps} packets decapsulated ({(now.Value * 100.0 / decaps.Value).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} %)";
                    string evidence = $"{name} = {now}" + (delta != null ? $", up {delta} since the earlier snapshot" : $" {share}, since the counters were last cleared") + $": {Meaning}";
                    yield return Make(e, e.CurrentOutboundSpi, null, delta != null || large ? FindingSeverity.Warning : FindingSeverity.Info, evidence, e.First);
                }
            }
        }

        /// <summary>An SA whose packet counters both stood still since the earlier snapshot (both printed in each).</summary>
        private static bool Idle(IpsecSa now, IpsecSa before) =>
            now.PacketsEncapsulated != null && now.PacketsDecapsulated != null &&
            now.PacketsEncapsulated == before.PacketsEncapsulated && now.PacketsDecapsulated == before.PacketsDecapsulated;

        private Finding Make(SaEntry? e, string? spi, string? context, string severity, string evidence, ICaptureRecord source) => new Finding
        {
            Code = Code,
            Severity = severity,
            Peer = e?.Peer,
            LocalIdent = e?.LocalIdent,
            RemoteIdent = e?.RemoteIdent,
            Spi = spi,
            Context = context,
            Evidence = evidence,
            Remediation = Remedy(e),
            BlastRadius = "none (diagnostic steps)",
            NextStep = Next(e),
            Sources = Sources(source),
        };
    }
}
