using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>Options of a diagnosis.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>A projected volume-rekey interval below this many seconds is reported as churn.</summary>
        public double RekeyChurnThresholdSeconds { get; set; } = 300;
    }

    /// <summary>The SAs printed under one entry (one peer and proxy pair) of <c>show crypto ipsec sa</c>.</summary>
    public sealed class SaEntry
    {
        internal SaEntry(List<IpsecSa> sas)
        {
            Sas = sas;
            First = sas[0];
        }

        /// <summary>Every record of the entry (SAs, or one record without an SPI when none was printed).</summary>
        public IReadOnlyList<IpsecSa> Sas { get; }

        /// <summary>The first record: it carries the entry's fields and counters.</summary>
        public IpsecSa First { get; }

        public string? Peer => First.Peer;
        public string? LocalIdent => First.LocalIdent;
        public string? RemoteIdent => First.RemoteIdent;
        public string? CurrentOutboundSpi => First.CurrentOutboundSpi;
        public bool IsIos => First.Platform == "IOS";

        /// <summary>True for remote-access entries, which may legitimately be idle one way.</summary>
        public bool IsRemoteAccess => Sas.Any(s => s.TunnelType == "RA") || First.DynamicPeerIp != null || First.Username != null;

        internal string Key => Key_(First);

        internal static string Key_(IpsecSa s) => string.Join("|", s.Device, s.Interface, s.CryptoMap, s.CryptoMapSeq, s.Peer, s.LocalIdent, s.RemoteIdent);
    }

    /// <summary>Everything known about one device for one diagnosis.</summary>
    public sealed class DiagnosisContext
    {
        internal DiagnosisContext(string device, IReadOnlyList<ICaptureRecord> records, DiagnosisContext? before, DiagnosisOptions options)
        {
            Device = device;
            Options = options;
            Before = before;
            Sas = records.OfType<IpsecSa>().ToList();
            Contexts = records.OfType<VpnContext>().ToList();
            Traces = records.OfType<PacketTrace>().ToList();
            Lifetimes = records.OfType<IpsecLifetime>().ToList();
            SessionTunnels = records.OfType<VpnSessionTunnel>().Where(t => t.TunnelType?.StartsWith("IPsec", StringComparison.OrdinalIgnoreCase) == true).ToList();
            Diagnostics = records.OfType<ParseDiagnostic>().ToList();
            Entries = Sas.GroupBy(SaEntry.Key_).Select(g => new SaEntry(g.ToList())).ToList();
            Damaged = Diagnostics.Any(d => d.Severity != DiagnosticSeverity.Info);
        }

        public string Device { get; }
        public DiagnosisOptions Options { get; }
        public DiagnosisContext? Before { get; }
        public IReadOnlyList<IpsecSa> Sas { get; }
        public IReadOnlyList<SaEntry> Entries { get; }
        public IReadOnlyList<VpnContext> Contexts { get; }
        public IReadOnlyList<PacketTrace> Traces { get; }
        public IReadOnlyList<IpsecLifetime> Lifetimes { get; }

        /// <summary>IPsec tunnels of <c>show vpn-sessiondb detail l2l</c>: their Rekey Int (T)/(D) are the negotiated lifetimes.</summary>
        public IReadOnlyList<VpnSessionTunnel> SessionTunnels { get; }
        public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

        /// <summary>True when the parsers reported damage (anything above Info) in this device's captures.</summary>
        public bool Damaged { get; }

        /// <summary>The same entry in the earlier snapshot, if one was given.</summary>
        public SaEntry? BeforeEntry(SaEntry entry) => Before?.Entries.FirstOrDefault(e => e.Key == entry.Key);

        /// <summary>The same context (by handle) in the earlier snapshot.</summary>
        public VpnContext? BeforeContext(VpnContext c) => Before?.Contexts.FirstOrDefault(b => b.Context == c.Context);

        /// <summary>
        /// The lifetime that applies to an entry: a profile whose name starts the entry's crypto map tag
        /// (IOS-XE tunnel protection: <c>ENS_ipsec_profile-head-1</c>), else a global one, else the platform default.
        /// </summary>
        public (long Kilobytes, long Seconds, bool VolumeDisabled, string? Assumption) LifetimeFor(SaEntry entry)
        {
            // The negotiated lifetimes of this peer's tunnel for these proxies, when the session table was given.
            var session = SessionTunnels.FirstOrDefault(t => t.Peer == entry.Peer && t.LocalIdent == entry.LocalIdent && t.RemoteIdent == entry.RemoteIdent)
                          ?? SessionTunnels.FirstOrDefault(t => t.Peer == entry.Peer && t.LocalIdent == null);
            if (session?.RekeyIntervalSeconds != null || session?.RekeyIntervalKilobytes != null)
            {
                long sKb = session!.RekeyIntervalKilobytes ?? 4608000;
                long sSec = session.RekeyIntervalSeconds ?? (entry.IsIos ? 3600 : 28800);
                return (sKb, sSec, false,
                    $"lifetime {sKb} kB / {sSec} s negotiated for tunnel {session.TunnelId} (show vpn-sessiondb detail l2l, {Cite(session)})" +
                    (session.RekeyIntervalKilobytes == null ? "; no volume lifetime was printed, 4608000 kB is assumed" : ""));
            }
            var map = entry.First.CryptoMap ?? "";
            var chosen = Lifetimes.Where(l => l.Scope != "global" && map.StartsWith(l.Scope + "-", StringComparison.Ordinal) || map == l.Scope)
                             .OrderByDescending(l => l.Scope.Length).FirstOrDefault()
                         ?? Lifetimes.FirstOrDefault(l => l.Scope == "global");
            long defSeconds = entry.IsIos ? 3600 : 28800;
            const long defKb = 4608000;
            string platform = entry.IsIos ? "IOS-XE" : "ASA";
            if (chosen == null)
                return (defKb, defSeconds, false, $"no lifetime configuration was given: the {platform} defaults {defKb} kB / {defSeconds} s are assumed");
            long kb = chosen.Kilobytes ?? defKb;
            long sec = chosen.Seconds ?? defSeconds;
            string? assumption = chosen.Kilobytes == null || chosen.Seconds == null
                ? $"lifetime {kb} kB / {sec} s from '{chosen.Scope}' ({Cite(chosen)}), defaults for what it does not set"
                : $"lifetime {kb} kB / {sec} s from '{chosen.Scope}' ({Cite(chosen)})";
            return (kb, sec, chosen.KilobytesDisabled, assumption);
        }

        /// <summary><c>file:line</c> of a record.</summary>
        public static string Cite(ICaptureRecord r) => $"{(r.Source == null ? "?" : Path.GetFileName(r.Source))}:{r.Line}";

        /// <summary>Joins the citations of several records.</summary>
        public static string Cite(IEnumerable<ICaptureRecord?> records) =>
            string.Join("; ", records.Where(r => r != null).Select(r => Cite(r!)).Distinct());

        internal static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        internal static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }

    /// <summary>One failure mode: looks at a device's records and says what it finds.</summary>
    public interface IFindingCheck
    {
        /// <summary>The findings for one device (none when healthy).</summary>
        IEnumerable<Finding> Check(DiagnosisContext context);
    }

    /// <summary>Commands to clear SAs, by platform, least disruptive first.</summary>
    internal static class Remedies
    {
        public static string ClearInactive => "clear crypto ipsec sa inactive";

        public static string ClearPeer(SaEntry e) => e.IsIos ? $"clear crypto sa peer {e.Peer}" : $"clear crypto ipsec sa peer {e.Peer}";

        public static string ClearEntry(SaEntry e, string spi) => e.IsIos ? $"clear crypto sa entry {e.Peer} esp {spi}" : $"clear crypto ipsec sa entry {e.Peer} esp {spi}";

        public static string PeerBlastRadius(SaEntry e) =>
            $"drops every IPsec SA to {e.Peer} (all its proxy pairs); the IKE SA stays and traffic renegotiates on the next interesting packet";
    }
}
