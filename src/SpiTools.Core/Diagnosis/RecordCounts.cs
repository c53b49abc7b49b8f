using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>
    /// What was read of one device, in words that fit its platform: "4 SAs, 5 VPN contexts, 1 packet trace" for an ASA
    /// or FTD (where a missing VPN context table is news; a packet trace is counted when there is one, as only a traced
    /// flow gives one), "6 SAs, 2 IKE SAs, 14 SA events" for IOS-XE (which has no VPN context table and no packet-tracer).
    /// </summary>
    public static class RecordCounts
    {
        /// <summary>The counts of a device's records, naming only what its platform has or what was read.</summary>
        public static string Describe(IEnumerable<ICaptureRecord> records)
        {
            var list = records as IReadOnlyCollection<ICaptureRecord> ?? records.ToList();
            var sas = list.OfType<IpsecSa>().ToList();
            int contexts = list.OfType<VpnContext>().Count(), traces = list.OfType<PacketTrace>().Count();
            bool ios = sas.Count > 0 && sas.All(s => s.Platform == PlatformNames.Ios) || list.OfType<IkeSa>().Any(s => s.Platform == PlatformNames.Ios);
            bool asaLike = !ios && (contexts > 0 || traces > 0 || sas.Any(s => s.Platform == PlatformNames.Asa));
            var parts = new List<string> { Count(sas.Count(s => s.Spi != null), "SA") };
            if (asaLike || contexts > 0) parts.Add(Count(contexts, "VPN context"));
            if (traces > 0) parts.Add(Count(traces, "packet trace"));
            int ike = list.OfType<IkeSa>().Count(), events = list.OfType<SaEvent>().Count();
            if (ike > 0) parts.Add(Count(ike, "IKE SA"));
            if (events > 0) parts.Add(Count(events, "SA event"));
            return string.Join(", ", parts);
        }

        private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
    }
}
