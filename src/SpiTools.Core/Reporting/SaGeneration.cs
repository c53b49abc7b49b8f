using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// A generation of SAs to one peer: the inbound and outbound SA negotiated together (the same time left), or a single
    /// SA that could not be paired. Several generations live at once is what a rekey storm looks like.
    /// </summary>
    internal sealed class SaGeneration
    {
        public List<IpsecSa> Sas { get; } = new List<IpsecSa>();

        public long? RemainingSeconds => Sas.Select(s => s.RemainingSeconds).FirstOrDefault(s => s != null);

        public bool IsCurrent => Sas.Any(s => s.IsCurrentOutbound || s.IsCurrentInbound);

        /// <summary>
        /// The generations of one peer's SAs: inbound and outbound SAs of the same proxy pair with the same seconds left
        /// (within 2 s) are one generation; newest (most seconds left) first, then by SPI.
        /// </summary>
        public static List<SaGeneration> Of(IEnumerable<IpsecSa> sas)
        {
            var result = new List<SaGeneration>();
            foreach (var entry in sas.Where(s => s.Spi != null)
                         .GroupBy(s => (s.LocalIdent ?? "") + "\u0001" + (s.RemoteIdent ?? ""), StringComparer.Ordinal)
                         .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var outbound = entry.Where(s => s.Direction != SaDirection.Inbound).ToList();
                foreach (var inbound in entry.Where(s => s.Direction == SaDirection.Inbound))
                {
                    var gen = new SaGeneration();
                    gen.Sas.Add(inbound);
                    if (inbound.RemainingSeconds != null)
                    {
                        var match = outbound.Where(o => o.RemainingSeconds != null && Math.Abs(o.RemainingSeconds.Value - inbound.RemainingSeconds.Value) <= 2)
                            .OrderBy(o => Math.Abs(o.RemainingSeconds!.Value - inbound.RemainingSeconds.Value)).ThenBy(o => o.Spi, StringComparer.Ordinal).FirstOrDefault();
                        if (match != null)
                        {
                            gen.Sas.Add(match);
                            outbound.Remove(match);
                        }
                    }
                    result.Add(gen);
                }
                foreach (var o in outbound)
                {
                    var gen = new SaGeneration();
                    gen.Sas.Add(o);
                    result.Add(gen);
                }
            }
            return result.OrderByDescending(g => g.RemainingSeconds ?? long.MinValue)
                .ThenBy(g => g.Sas[0].Spi, StringComparer.Ordinal).ToList();
        }
    }
}
