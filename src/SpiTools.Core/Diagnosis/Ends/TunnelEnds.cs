using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Two devices that are the two ends of a tunnel: A's SA entries to B, B's SA entries to A, and the entries
    /// that mirror each other (A's local ident is B's remote ident and the other way round). A's outbound SPIs
    /// are B's inbound SPIs and the other way round.
    /// </summary>
    public sealed class TunnelEnds
    {
        internal TunnelEnds(DiagnosisContext a, DiagnosisContext b, IReadOnlyList<SaEntry> aToB, IReadOnlyList<SaEntry> bToA)
        {
            A = a;
            B = b;
            AToB = aToB;
            BToA = bToA;
            Mirrored = aToB.SelectMany(x => bToA.Where(y => Mirrors(x, y)).Select(y => (x, y))).ToList();
        }

        /// <summary>The first end (the first device given, or the device of a hand-made pairing).</summary>
        public DiagnosisContext A { get; }

        /// <summary>The other end.</summary>
        public DiagnosisContext B { get; }


        /// <summary>A's SA entries whose peer is B.</summary>
        public IReadOnlyList<SaEntry> AToB { get; }

        /// <summary>B's SA entries whose peer is A.</summary>
        public IReadOnlyList<SaEntry> BToA { get; }

        /// <summary>Pairs of entries, one on each end, whose proxies mirror each other.</summary>
        public IReadOnlyList<(SaEntry A, SaEntry B)> Mirrored { get; }

        /// <summary>The entries of one end (A when <paramref name="fromA"/>) towards the other.</summary>
        internal IReadOnlyList<SaEntry> Towards(bool fromA) => fromA ? AToB : BToA;

        /// <summary>True when <paramref name="x"/>'s local ident is <paramref name="y"/>'s remote ident and the other way round.</summary>
        public static bool Mirrors(SaEntry x, SaEntry y) =>
            x.LocalIdent != null && x.RemoteIdent != null &&
            string.Equals(x.LocalIdent, y.RemoteIdent, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(x.RemoteIdent, y.LocalIdent, StringComparison.OrdinalIgnoreCase)
            || x.LocalIdent == null && y.LocalIdent == null && SpisMirror(x, y);

        /// <summary>
        /// For outputs that print no proxies (Junos brief, PAN-OS tables): <paramref name="x"/>'s inbound SPIs include one of
        /// <paramref name="y"/>'s outbound SPIs and the other way round.
        /// </summary>
        public static bool SpisMirror(SaEntry x, SaEntry y) =>
            Spis(x, SaDirection.Inbound).Overlaps(Spis(y, SaDirection.Outbound)) && Spis(x, SaDirection.Outbound).Overlaps(Spis(y, SaDirection.Inbound));

        private static HashSet<string> Spis(SaEntry e, string direction) =>
            new HashSet<string>(e.Sas.Where(s => s.Direction == direction && s.Spi != null).Select(s => s.Spi!), StringComparer.Ordinal);

        /// <inheritdoc />
        public override string ToString() => $"{A.Device} <-> {B.Device} ({Mirrored.Count} mirrored entr{(Mirrored.Count == 1 ? "y" : "ies")})";
    }
}
