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
            SameIdent(x.LocalIdent, y.RemoteIdent) && SameIdent(x.RemoteIdent, y.LocalIdent)
            || x.LocalIdent == null && y.LocalIdent == null && SpisMirror(x, y)
            // One end prints proxies, the other none (PAN-OS tables): an SPI shared in either direction.
            || (x.LocalIdent == null) != (y.LocalIdent == null) && SharesSpi(x, y);

        /// <summary>
        /// One of <paramref name="x"/>'s outbound SPIs is one of <paramref name="y"/>'s inbound SPIs, or the other way round.
        /// </summary>
        public static bool SharesSpi(SaEntry x, SaEntry y) =>
            Spis(x, SaDirection.Outbound).Overlaps(Spis(y, SaDirection.Inbound)) || Spis(x, SaDirection.Inbound).Overlaps(Spis(y, SaDirection.Outbound));

        /// <summary>
        /// Two proxies as two systems print them: Cisco's <c>10.1.0.0/255.255.0.0/0/0</c>, strongSwan's and Junos'
        /// <c>10.1.0.0/16</c>, FortiOS' <c>0:10.1.0.0/255.255.0.0:0</c> are the same network.
        /// </summary>
        internal static bool SameIdent(string? x, string? y) =>
            string.Equals(x, y, StringComparison.OrdinalIgnoreCase) ||
            x != null && y != null && string.Equals(Canonical(x), Canonical(y), StringComparison.OrdinalIgnoreCase);

        private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsDigit);

        private static string Canonical(string ident)
        {
            if (Parsing.TrafficSelector.TryIdent(ident, out var cisco, out _, out _, out _, out _)) return cisco;
            // FortiOS: protocol:address/mask:port.
            int first = ident.IndexOf(':'), last = ident.LastIndexOf(':');
            string protocol = "0", port = "0";
            if (first > 0 && last > first && ident.IndexOf('.') > 0 && IsNumber(ident.Substring(0, first)) && IsNumber(ident.Substring(last + 1)))
            {
                protocol = ident.Substring(0, first);
                port = ident.Substring(last + 1);
                ident = ident.Substring(first + 1, last - first - 1);
            }
            var parts = ident.Split('/');
            // address/mask without protocol and port.
            return parts.Length == 2 && parts[1].IndexOf('.') > 0 ? $"{ident}/{protocol}/{port}" : ident;
        }

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
