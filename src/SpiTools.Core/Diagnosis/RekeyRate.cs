using System;
using System.Collections.Generic;
using System.Linq;
using static SpiTools.Diagnosis.DiagnosisContext;

namespace SpiTools.Diagnosis
{
    /// <summary>The rate and projected volume-rekey interval of an entry, from its newest outbound SA.</summary>
    internal sealed class RekeyRate
    {
        public IpsecSa Newest = null!;
        public long LifetimeKb;
        public long LifetimeSeconds;
        public long UsedKb;
        public long AgeSeconds;
        public double KbPerSecond;
        public double Mbps;
        public double IntervalSeconds;
        public string? Assumption;

        /// <summary>
        /// The range of rekey intervals the rate projects, in whole 5 s steps: from 5 s below the 90 % soft limit up to the
        /// whole volume lifetime (examples/iosxe-dmvpn-multi-spi: 35-45 s).
        /// </summary>
        public (double Low, double High) ProjectedRange() =>
            (Math.Floor(IntervalSeconds * 0.9 / 5) * 5 - 5, Math.Ceiling(IntervalSeconds / 5) * 5);

        /// <summary>
        /// age = lifetime s − seconds left, used = lifetime kB − kB left, rate = used / age (kB = 1000 bytes);
        /// interval = lifetime kB / rate. Null when the entry carries no measurable traffic.
        /// </summary>
        public static RekeyRate? Measure(DiagnosisContext c, SaEntry e)
        {
            var newest = e.Sas.FirstOrDefault(s => s.IsCurrentOutbound)
                         ?? e.Sas.Where(s => s.Direction == SaDirection.Outbound && s.RemainingSeconds != null).OrderByDescending(s => s.RemainingSeconds).FirstOrDefault();
            if (newest?.RemainingKilobytes == null || newest.RemainingSeconds == null || newest.VolumeRekeyDisabled) return null;
            var (kb, sec, disabled, assumption) = c.LifetimeFor(e);
            if (disabled || newest.RemainingKilobytes > kb || newest.RemainingSeconds > sec) return null;
            long age = sec - newest.RemainingSeconds.Value;
            long used = kb - newest.RemainingKilobytes.Value;
            if (age <= 0 || used <= 0) return null;
            double rate = (double)used / age;
            return new RekeyRate
            {
                Newest = newest, LifetimeKb = kb, LifetimeSeconds = sec, UsedKb = used, AgeSeconds = age,
                KbPerSecond = rate, Mbps = rate * 8 / 1000, IntervalSeconds = kb / rate, Assumption = assumption,
            };
        }

        /// <summary>
        /// The SAs of an entry that never carried a byte: not the current outbound SA, with an SPI and the whole volume
        /// lifetime left. <paramref name="pairable"/> asks for what an orphan pair is made of (<see cref="OrphanPairs(SaEntry)"/>):
        /// not the current inbound SA either, and with the time left printed; without it, an SA of a rekey collision the
        /// logs show counts even when it is the current inbound one.
        /// </summary>
        public static IEnumerable<IpsecSa> Unused(SaEntry e, long lifetimeKb, bool pairable) =>
            e.Sas.Where(s => !s.IsCurrentOutbound && s.Spi != null && s.RemainingKilobytes == lifetimeKb && (!pairable || !s.IsCurrentInbound && s.RemainingSeconds != null));

        /// <summary>
        /// The orphan SA pairs of an entry (OrphanSaPair, <see cref="OrphanSaPairCheck"/>): a non-current inbound and outbound SA with
        /// the same time left that never carried a byte, older than two rekey intervals and than a minute; with the pair's age in s.
        /// </summary>
        public IEnumerable<(IpsecSa Inbound, IpsecSa Outbound, long AgeSeconds)> OrphanPairs(SaEntry e)
        {
            var idle = Unused(e, LifetimeKb, pairable: true).ToList();
            foreach (var outbound in idle.Where(s => s.Direction == SaDirection.Outbound))
            {
                var inbound = idle.FirstOrDefault(s => s.Direction == SaDirection.Inbound && s.RemainingSeconds == outbound.RemainingSeconds);
                if (inbound == null) continue;
                long age = LifetimeSeconds - outbound.RemainingSeconds!.Value;
                if (age < 2 * IntervalSeconds || age < 60) continue;
                yield return (inbound, outbound, age);
            }
        }

        /// <summary>The orphan SA pairs of an entry (<see cref="OrphanPairs(SaEntry)"/>); none when its rekey rate cannot be measured.</summary>
        public static IEnumerable<(IpsecSa Inbound, IpsecSa Outbound, long AgeSeconds)> OrphanPairs(DiagnosisContext c, SaEntry e) =>
            Measure(c, e)?.OrphanPairs(e) ?? Enumerable.Empty<(IpsecSa, IpsecSa, long)>();
    }
}
