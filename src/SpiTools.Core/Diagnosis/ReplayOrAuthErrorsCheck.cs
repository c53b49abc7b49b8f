using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>ReplayOrAuthErrors: replay or authentication failures and receive errors, often around rekeys or with reordering.</summary>
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
}
