using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Diagnosis.Timeline;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// Packets still arrived for an SPI after one end deleted it (ASA <c>%ASA-4-402114</c>, IOS
    /// <c>%CRYPTO-4-RECVD_PKT_INV_SPI</c>, IKEv2 INVALID_SPI): the sender did not take the delete. A burst within
    /// <see cref="SaTimeline.TransientSeconds"/> s of the delete is the usual overlap of a rekey (Info); longer, the ends'
    /// SA databases disagree (Warning).
    /// </summary>
    public sealed class DeletedSpiInUseCheck : IFindingCheck
    {
        public IEnumerable<Finding> Check(DiagnosisContext c)
        {
            foreach (var t in TimelineText.Timelines(c))
            {
                foreach (var use in t.DeletedInUse)
                {
                    var first = use.Invalid[0];
                    var last = use.Invalid[use.Invalid.Count - 1];
                    bool receiverIsA = first.OnA;
                    string receiver = TimelineText.Name(t, receiverIsA), sender = TimelineText.Name(t, !receiverIsA);
                    string? receiverAddress = receiverIsA ? t.Tunnel.AddressA : t.Tunnel.AddressB;
                    bool persistent = use.LastAfterSeconds > SaTimeline.TransientSeconds;
                    string codes = string.Join(", ", use.Invalid.Select(i => i.Event.MessageCode).Where(m => m != null).Distinct(StringComparer.Ordinal));
                    string evidence =
                        $"{TimelineText.Name(t, use.DeletedByA)} deleted SPI {use.Delete.Spi} at {TimelineText.At(use.DeletedAt)}; " +
                        $"{use.Invalid.Count} invalid-SPI event(s) for it followed on {receiver} ({codes}) from {TimelineText.At(first.Time)} to {TimelineText.At(last.Time)}, " +
                        $"the last {SaTimeline.Seconds(use.LastAfterSeconds)} s after the delete: " +
                        (persistent
                            ? $"{sender} keeps sending on an SPI that is gone (the ends' SA databases disagree)"
                            : "packets in flight while the rekey settled");
                    var entry = TimelineText.Entry(c, t);
                    string target = receiverAddress ?? "<peer>";
                    string clear = Remedies.ClearPeerEitherPlatform(target);
                    yield return new Finding
                    {
                        Code = FindingCodes.DeletedSpiInUse,
                        Severity = persistent ? FindingSeverity.Warning : FindingSeverity.Info,
                        Peer = t.Tunnel.Peer,
                        Spi = use.Delete.Spi,
                        Evidence = evidence,
                        Remediation = persistent
                            ? $"on {sender}: {clear}, so it negotiates new SAs"
                            : "none needed if it stays this short",
                        BlastRadius = persistent
                            ? Remedies.PeerBlastRadius("between the two ends (all proxy pairs)")
                            : "none",
                        NextStep = "enable dead peer detection (crypto isakmp keepalive, IKEv2 dpd) and, on IOS, crypto isakmp invalid-spi-recovery, so an end notices a lost SA; " +
                                   "if it goes on, clear the peer's SAs on both ends" + (entry != null ? $" ({Remedies.ClearPeer(entry)} here)" : ""),
                        Sources = Sources(use.Delete, first.Event, last.Event),
                    };
                }
            }
        }
    }
}
