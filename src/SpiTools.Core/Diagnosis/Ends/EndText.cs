using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>
    /// Wording shared by the both-ends checks. Both ends' captures often have the same file names, so every cited
    /// line names its device: <c>fw-a show-crypto-ipsec-sa.txt:36</c>.
    /// </summary>
    internal static class EndText
    {
        /// <summary><c>device file:line</c>.</summary>
        public static string Cite(DiagnosisContext c, ICaptureRecord r) => $"{c.Device} {DiagnosisContext.Cite(r)}";

        /// <summary>
        /// The lines a both-ends finding rests on, each file named after its device (<c>fw-b show-logging.txt</c>), each
        /// line once, in order; absent records are skipped.
        /// </summary>
        public static IReadOnlyList<SourceLine> Lines(params (DiagnosisContext Device, ICaptureRecord? Record)[] records) =>
            records.Where(r => r.Record != null)
                .Select(r => new SourceLine($"{r.Device.Device} {(r.Record!.Source == null ? "?" : System.IO.Path.GetFileName(r.Record.Source))}", r.Record.Line))
                .Distinct().ToList();

        /// <summary>An entry's proxies as <c>local -> remote</c>.</summary>
        public static string Proxies(SaEntry e) => $"{e.LocalIdent} -> {e.RemoteIdent}";

        /// <summary><c> for local -> remote</c>; nothing when the output shows no proxies (Junos brief, PAN-OS tables).</summary>
        public static string ForProxies(SaEntry e) => e.LocalIdent == null && e.RemoteIdent == null ? "" : $" for {Proxies(e)}";

        /// <summary>The SAs of one direction of an entry.</summary>
        public static List<IpsecSa> Sas(SaEntry e, string direction) => e.Sas.Where(s => s.Spi != null && s.Direction == direction).ToList();

        /// <summary>The SPIs of one direction, each with its line: <c>0xCF559E0D (fw-b show-crypto-ipsec-sa.txt:31)</c>; <c>none</c> when there is none.</summary>
        public static string SpiList(DiagnosisContext c, SaEntry e, string direction)
        {
            var sas = Sas(e, direction);
            return sas.Count == 0 ? "none" : string.Join(", ", sas.Select(s => $"{s.Spi} ({Cite(c, s)})"));
        }

        /// <summary>The SA record of the entry's current outbound SPI (else the entry's first record, which carries the <c>current outbound spi</c> line's entry).</summary>
        public static IpsecSa CurrentOutbound(SaEntry e) =>
            e.Sas.FirstOrDefault(s => s.IsCurrentOutbound) ?? e.Sas.FirstOrDefault(s => s.Spi == e.CurrentOutboundSpi && s.Direction == SaDirection.Outbound) ?? e.First;

        /// <summary>True when the entry has an inbound SA with this SPI.</summary>
        public static bool HasInbound(SaEntry e, string? spi) => spi != null && e.Sas.Any(s => s.Direction == SaDirection.Inbound && s.Spi == spi);

        /// <summary>The command that ends the whole session (IKE and IPsec) with the entry's peer.</summary>
        public static string ClearSession(SaEntry e) => e.Facts is { } far ? far.ClearSession(e.First) :
            Remedies.ClearSession(e.IsIos, e.Peer, e.IsIos ? null : e.Sas.Select(s => s.IkeVersion).FirstOrDefault(v => v != null));

        /// <summary>What <see cref="Remedies.ClearEntry"/> disturbs.</summary>
        public static string EntryBlastRadius(string device) =>
            $"on {device} only: that SA pair and its siblings from the same negotiation; the tunnel's other SAs and the IKE SA stay, and traffic for these proxies renegotiates on the next packet";
    }
}
