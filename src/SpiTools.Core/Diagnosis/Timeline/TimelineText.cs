using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Diagnosis.Timeline;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>Time formatting and the device's side of a timeline, shared by the timeline checks.</summary>
    internal static class TimelineText
    {
        public static string At(DateTime t) => SaTimeline.At(t);

        public static string Spis(IEnumerable<string> spis)
        {
            var list = spis.ToList();
            return list.Count == 0 ? "no SPI logged" : string.Join(", ", list);
        }

        /// <summary>The SA capture's entry for the tunnel's peer (either end's view), when one was given.</summary>
        public static SaEntry? Entry(DiagnosisContext c, SaTimeline t) =>
            c.Entries.FirstOrDefault(e => e.Peer != null && (e.Peer == t.Tunnel.Peer || e.Peer == t.Tunnel.BPeer));

        /// <summary>
        /// The timelines of this device's tunnels: its own logs, paired with the other devices' logs where those hold a
        /// tunnel's other end. A tunnel between two devices is reported once, under the device whose name sorts first.
        /// </summary>
        public static IReadOnlyList<SaTimeline> Timelines(DiagnosisContext c) => c.Timelines ??= Build(c);

        private static IReadOnlyList<SaTimeline> Build(DiagnosisContext c) =>
            SaTimeline.Build(c.Events.Concat(c.OtherDevicesEvents), c.Options).Where(t =>
                t.Tunnel.A.Device == c.Device &&
                (t.Tunnel.B == null || t.Tunnel.B.Device == c.Device || string.CompareOrdinal(c.Device, t.Tunnel.B.Device) < 0)).ToList();

        /// <summary>What each end that logged an exchange installed in it: <c>A installed 0x…</c>.</summary>
        public static string Installs(SaTimeline t, RekeyExchange x, string separator)
        {
            var parts = new List<string>();
            if (x.EventsA.Count > 0) parts.Add($"{t.Tunnel.A.Name} installed {Spis(x.SpisA)}");
            if (x.EventsB.Count > 0) parts.Add($"{t.Tunnel.B!.Name} installed {Spis(x.SpisB)}");
            return string.Join(separator, parts);
        }

        public static string Name(SaTimeline t, bool a) => a ? t.Tunnel.A.Name : t.Tunnel.B?.Name ?? $"the peer {t.Tunnel.Peer}";
    }
}
