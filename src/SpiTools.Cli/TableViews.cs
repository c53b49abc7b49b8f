using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Cli
{
    internal static class TableViews
    {
        private static readonly Dictionary<Type, TableView> Cache = new Dictionary<Type, TableView>();

        private static string F(object? v) => RecordWriter.Format(v);

        /// <summary>The view of a record type, built once per type.</summary>
        public static TableView For(Type type)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(type, out var view)) Cache[type] = view = Create(type);
                return view;
            }
        }

        private static TableView Create(Type type)
        {
            if (type == typeof(IpsecSa))
                return new TableView(
                    ("Device", 10, r => F(((IpsecSa)r).Device)),
                    ("Peer", 15, r => F(((IpsecSa)r).Peer)),
                    ("Dir", 8, r => F(((IpsecSa)r).Direction)),
                    ("Spi", 11, r => F(((IpsecSa)r).Spi) + (((IpsecSa)r).IsCurrentOutbound ? "*" : "")),
                    ("kB left", 9, r => F(((IpsecSa)r).RemainingKilobytes)),
                    ("Sec left", 8, r => F(((IpsecSa)r).RemainingSeconds)),
                    ("Encaps", 11, r => F(((IpsecSa)r).PacketsEncapsulated)),
                    ("Decaps", 11, r => F(((IpsecSa)r).PacketsDecapsulated)),
                    ("RemoteIdent", 0, r => F(((IpsecSa)r).RemoteIdent)));
            if (type == typeof(VpnContext))
                return new TableView(
                    ("Device", 10, r => F(((VpnContext)r).Device)),
                    ("Context", 10, r => F(((VpnContext)r).Context)),
                    ("Dir", 8, r => F(((VpnContext)r).Direction)),
                    ("PeerIp", 15, r => F(((VpnContext)r).PeerIp)),
                    ("Spi", 10, r => F(((VpnContext)r).Spi)),
                    ("Packets", 11, r => F(((VpnContext)r).Packets)),
                    ("BadSpi", 7, r => F(((VpnContext)r).BadSpi)),
                    ("Spoof", 6, r => F(((VpnContext)r).Spoof)),
                    ("Flags", 0, r => F(((VpnContext)r).Flags)));
            if (type == typeof(PacketTrace))
                return new TableView(
                    ("Device", 10, r => F(((PacketTrace)r).Device)),
                    ("Flow", 48, r => Flow((PacketTrace)r)),
                    ("Action", 6, r => F(((PacketTrace)r).Action)),
                    ("Encrypt", 7, r => F(((PacketTrace)r).EncryptResult)),
                    ("VpnContext", 10, r => F(((PacketTrace)r).EncryptVpnContext)),
                    ("Hits", 9, r => F(((PacketTrace)r).EncryptRuleHits)),
                    ("Phases", 0, r => F(((PacketTrace)r).PhaseCount)));
            if (type == typeof(IkeSa))
                return new TableView(
                    ("Device", 10, r => F(((IkeSa)r).Device)),
                    ("Peer", 15, r => F(((IkeSa)r).Peer ?? ((IkeSa)r).DestinationAddress)),
                    ("IKE", 5, r => F(((IkeSa)r).IkeVersion)),
                    ("State", 12, r => F(((IkeSa)r).State ?? ((IkeSa)r).Status)),
                    ("Role", 9, r => F(((IkeSa)r).Role)),
                    ("Left s", 7, r => F(((IkeSa)r).RemainingSeconds)),
                    ("Child", 5, r => F(((IkeSa)r).ChildSaCount)),
                    ("Conn", 0, r => F(((IkeSa)r).ConnectionId ?? ((IkeSa)r).TunnelId)));
            if (type == typeof(InactiveIpsecSa))
                return new TableView(
                    ("Device", 10, r => F(((InactiveIpsecSa)r).Device)),
                    ("Peer", 15, r => F(((InactiveIpsecSa)r).Peer)),
                    ("Direction", 9, r => F(((InactiveIpsecSa)r).Direction)),
                    ("Spi", 10, r => F(((InactiveIpsecSa)r).Spi)),
                    ("State", 6, r => F(((InactiveIpsecSa)r).State)),
                    ("Reason", 0, r => F(((InactiveIpsecSa)r).Reason)));
            if (type == typeof(SaEvent))
                return new TableView(
                    ("Time", 15, r => ((SaEvent)r).Time?.ToString("MMM dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? F(((SaEvent)r).TimeText)),
                    ("Kind", 16, r => F(((SaEvent)r).Kind)),
                    ("Peer", 15, r => F(((SaEvent)r).Peer)),
                    ("Spi", 10, r => F(((SaEvent)r).Spi)),
                    ("Role", 9, r => F(((SaEvent)r).Role)),
                    ("Line", 0, r => F(((SaEvent)r).Line)));
            if (type == typeof(SaTimelineEntry))
                return new TableView(
                    ("Time", 12, r => TimelineCells.Time(((SaTimelineEntry)r).Time)),
                    ("MessageId", 10, r => F(((SaTimelineEntry)r).MessageId)),
                    ("A", 22, r => TimelineCells.Event(((SaTimelineEntry)r).EventA, ((SaTimelineEntry)r).SpiA)),
                    ("B", 22, r => TimelineCells.Event(((SaTimelineEntry)r).EventB, ((SaTimelineEntry)r).SpiB)),
                    ("Offset", 0, r => TimelineCells.Offset(((SaTimelineEntry)r).OffsetSeconds)));
            if (type == typeof(ParseDiagnostic))
                return new TableView(
                    ("Where", 34, r => $"{System.IO.Path.GetFileName(((ParseDiagnostic)r).Source ?? "")}:{((ParseDiagnostic)r).Line}"),
                    ("Severity", 8, r => F(((ParseDiagnostic)r).Severity)),
                    ("Code", 20, r => F(((ParseDiagnostic)r).Code)),
                    ("Message", 0, r => F(((ParseDiagnostic)r).Message)));
            return new TableView(("RecordType", 16, r => (r as ICaptureRecord)?.RecordType ?? r.GetType().Name), ("Record", 0, r => F(r)));
        }

        private static string Flow(PacketTrace t) =>
            $"{t.Protocol} {t.SourceAddress}{(t.SourcePort != null ? ":" + t.SourcePort : "")} -> {t.DestinationAddress}{(t.DestinationPort != null ? ":" + t.DestinationPort : "")}";
    }
}
