using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>ProxyMismatch: decrypted packets that do not match the SA's proxies (overlapping or mismatched crypto ACLs).</summary>
    public sealed class ProxyMismatchCheck : CounterCheck
    {
        protected override string Code => FindingCodes.ProxyMismatch;
        protected override string Meaning => "decrypted packets did not match this SA's proxies (overlapping or mismatched crypto ACLs on the two ends)";
        protected override string Remedy(SaEntry? e) => "compare the crypto ACLs (proxies) on both ends and make them mirror images";
        protected override string? Next(SaEntry? e) => e == null ? null : $"{Remedies.ClearPeer(e)} after fixing the ACLs ({Remedies.PeerBlastRadius(e)})";
        protected override (string, Func<VpnContext, long?>)[] ContextCounters => new (string, Func<VpnContext, long?>)[] { ("Spoof", c => c.Spoof) };
    }
}
