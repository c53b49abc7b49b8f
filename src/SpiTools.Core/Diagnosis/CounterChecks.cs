using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Error counters (F8 invalid SPI, F9 proxy mismatch, F10 replay / authentication errors). One snapshot shows
    /// totals since the counters were last cleared: Info, or Warning when they are 1 % or more of the traffic.
    /// With an earlier snapshot, only growth is reported, as a Warning.
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
                    if (delta != null && delta <= 0) continue;
                    // A count the capture did not hold (filtered or cut output) is unknown, not zero: no share is claimed.
                    long? packets = ctx.Packets;
                    bool large = packets != null && (packets == 0 || now.Value * 100 >= packets);
                    var entry = c.Entries.FirstOrDefault(e => e.First.RemoteIdentAddress == ctx.PeerIp);
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

    /// <summary>F8: packets for an SPI the device does not know (SPIs out of step, peer using a dead SA).</summary>
    public sealed class InvalidSpiCheck : CounterCheck
    {
        protected override string Code => FindingCodes.InvalidSpi;
        protected override string Meaning => "packets arrived for an SPI this device does not have (the ends' SAs are out of step, or the peer uses a dead SA)";
        protected override string Remedy(SaEntry? e) => "enable DPD / keepalives so both ends notice a lost SA; compare the SPIs on both ends";
        protected override string? Next(SaEntry? e) => e == null ? null : $"{Remedies.ClearPeer(e)} on both ends ({Remedies.PeerBlastRadius(e)})";
        protected override (string, Func<VpnContext, long?>)[] ContextCounters => new (string, Func<VpnContext, long?>)[] { ("Bad SPI", c => c.BadSpi) };
        protected override (string, Func<IpsecSa, long?>)[] SaCounters => new (string, Func<IpsecSa, long?>)[] { ("#pkts invalid sa (rcv)", s => s.PacketsInvalidSaReceived) };
    }

    /// <summary>F9: decrypted packets that do not match the SA's proxies (overlapping or mismatched crypto ACLs).</summary>
    public sealed class ProxyMismatchCheck : CounterCheck
    {
        protected override string Code => FindingCodes.ProxyMismatch;
        protected override string Meaning => "decrypted packets did not match this SA's proxies (overlapping or mismatched crypto ACLs on the two ends)";
        protected override string Remedy(SaEntry? e) => "compare the crypto ACLs (proxies) on both ends and make them mirror images";
        protected override string? Next(SaEntry? e) => e == null ? null : $"{Remedies.ClearPeer(e)} after fixing the ACLs ({Remedies.PeerBlastRadius(e)})";
        protected override (string, Func<VpnContext, long?>)[] ContextCounters => new (string, Func<VpnContext, long?>)[] { ("Spoof", c => c.Spoof) };
    }

    /// <summary>F10: replay or authentication failures and receive errors, often around rekeys or with reordering.</summary>
    public sealed class ReplayOrAuthErrorsCheck : CounterCheck
    {
        protected override string Code => FindingCodes.ReplayOrAuthErrors;
        protected override string Meaning => "inbound packets failed replay or authentication checks (usually benign when transient around rekeys; persistent growth points at reordering, QoS or a key mismatch)";
        protected override string Remedy(SaEntry? e) => "correlate with rekey times; check QoS / reordering on the path; take a second snapshot to see whether it grows";
        protected override string? Next(SaEntry? e) => e == null ? null : $"{Remedies.ClearPeer(e)} if it grows steadily ({Remedies.PeerBlastRadius(e)})";
        protected override (string, Func<VpnContext, long?>)[] ContextCounters => new (string, Func<VpnContext, long?>)[] { ("Bad Crypto", c => c.BadCrypto) };
        protected override (string, Func<IpsecSa, long?>)[] SaCounters => new (string, Func<IpsecSa, long?>)[]
        {
            ("##pkts replay failed (rcv)", s => s.PacketsReplayFailedReceived),
            ("#recv errors", s => s.ReceiveErrors),
        };
    }

    /// <summary>F11: the capture was damaged (the parsers repaired or could not read parts of it); verdicts resting on it are marked.</summary>
    public sealed class CaptureDamagedCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            if (!c.Damaged) yield break;
            var damage = c.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ToList();
            var parts = damage.GroupBy(d => System.IO.Path.GetFileName(d.Source ?? "?")).Select(f => $"{f.Key}: " + DamagedLines.ByCode(f));
            yield return new Finding
            {
                Code = FindingCodes.CaptureDamaged,
                Severity = FindingSeverity.Warning,
                Evidence = DamagedLines.Count(damage.Count) + " (" + string.Join("; ", parts) + ")",
                Remediation = "collect the outputs again straight from the device before acting on a verdict",
                BlastRadius = "none",
                Sources = SourceLine.Of(damage.Take(20)),
            };
        }
    }
}
