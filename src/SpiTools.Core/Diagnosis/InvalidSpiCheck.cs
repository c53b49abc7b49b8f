using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>InvalidSpi: packets for an SPI the device does not know (SPIs out of step, peer using a dead SA).</summary>
    public sealed class InvalidSpiCheck : CounterCheck
    {
        protected override string Code => FindingCodes.InvalidSpi;
        protected override string Meaning => "packets arrived for an SPI this device does not have (the ends' SAs are out of step, or the peer uses a dead SA)";
        protected override string Remedy(SaEntry? e) => "enable DPD / keepalives so both ends notice a lost SA; compare the SPIs on both ends";
        protected override string? Next(SaEntry? e) => e == null ? null : $"{Remedies.ClearPeer(e)} on both ends ({Remedies.PeerBlastRadius(e)})";
        protected override (string, Func<VpnContext, long?>)[] ContextCounters => new (string, Func<VpnContext, long?>)[] { ("Bad SPI", c => c.BadSpi) };
        protected override (string, Func<IpsecSa, long?>)[] SaCounters => new (string, Func<IpsecSa, long?>)[] { ("#pkts invalid sa (rcv)", s => s.PacketsInvalidSaReceived) };
    }
}
