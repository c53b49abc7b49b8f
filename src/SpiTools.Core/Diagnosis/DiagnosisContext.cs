using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpiTools.Devices;

namespace SpiTools.Diagnosis
{

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
            IkeSas = records.OfType<IkeSa>().ToList();
            InactiveSas = records.OfType<InactiveIpsecSa>().ToList();
            Events = records.OfType<SaEvent>().ToList();
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

        /// <summary>IKE SAs (<c>show crypto ikev1|ikev2|isakmp sa [detail]</c>, <c>show crypto session</c>).</summary>
        public IReadOnlyList<IkeSa> IkeSas { get; }

        /// <summary>Inactive IPsec SAs (<c>show crypto ipsec sa inactive</c>, ASA and FTD).</summary>
        public IReadOnlyList<InactiveIpsecSa> InactiveSas { get; }

        /// <summary>Events from debugs and syslog, in the order they were read.</summary>
        public IReadOnlyList<SaEvent> Events { get; }

        /// <summary>
        /// The log events of the other devices of the same diagnosis: a tunnel's other end may have been read as another
        /// device (another folder), and the rekey timeline pairs the two.
        /// </summary>
        public IReadOnlyList<SaEvent> OtherDevicesEvents { get; internal set; } = Array.Empty<SaEvent>();

        /// <summary>The timelines this device reports on, built once for all the checks that read them.</summary>
        internal IReadOnlyList<Timeline.SaTimeline>? Timelines { get; set; }

        /// <summary>
        /// What a check judged on counter growth could not judge: an entry or context whose counters did not grow since the
        /// earlier snapshot, so the check found nothing because there was no traffic, not because all is well. Each is the
        /// finding the check would have made for it (its code, peer, proxies and SPI), its evidence saying which counters
        /// stood still; a previous run's finding with the same identity is then not judged, not resolved (<see cref="RunComparison"/>).
        /// </summary>
        internal List<Finding> NotJudged { get; } = new List<Finding>();

        /// <summary>True when the parsers reported damage (anything above Info) in this device's captures.</summary>
        public bool Damaged { get; }

        /// <summary>The same entry in the earlier snapshot, if one was given.</summary>
        public SaEntry? BeforeEntry(SaEntry entry) => Before?.Entries.FirstOrDefault(e => e.Key == entry.Key);

        /// <summary>The same context (by handle) in the earlier snapshot.</summary>
        public VpnContext? BeforeContext(VpnContext c) => Before?.Contexts.FirstOrDefault(b => b.Context == c.Context);

        /// <summary>
        /// The lifetime the captures show for an entry: the negotiated values of the session table, then a profile whose
        /// name starts the entry's crypto map tag (IOS-XE tunnel protection: <c>ENS_ipsec_profile-head-1</c>) or a crypto
        /// map, then a global setting; null when the captures show none (a default would only be an assumption). A part
        /// the record does not set takes the platform default.
        /// </summary>
        internal ShownLifetime? ShownLifetimeFor(SaEntry entry)
        {
            long defSeconds = entry.Facts?.DefaultIpsecLifetimeSeconds ?? entry.Cisco.DefaultIpsecLifetimeSeconds;
            long defKb = entry.Facts is { } far ? far.DefaultIpsecLifetimeKilobytes ?? 0 : entry.Cisco.DefaultIpsecLifetimeKilobytes;
            // The negotiated lifetimes of this peer's tunnel for these proxies, when the session table was given.
            var session = SessionTunnels.FirstOrDefault(t => t.Peer == entry.Peer && t.LocalIdent == entry.LocalIdent && t.RemoteIdent == entry.RemoteIdent)
                          ?? SessionTunnels.FirstOrDefault(t => t.Peer == entry.Peer && t.LocalIdent == null);
            if (session?.RekeyIntervalSeconds != null || session?.RekeyIntervalKilobytes != null)
                return new ShownLifetime
                {
                    Seconds = session!.RekeyIntervalSeconds ?? defSeconds,
                    Kilobytes = session.RekeyIntervalKilobytes ?? defKb,
                    Record = session,
                    Session = session,
                    From = $"Rekey Int of tunnel {session.TunnelId}, show vpn-sessiondb detail l2l",
                };
            // A far end that is not Cisco names its lifetime setting after its connection (libreswan's ipsec_life).
            var map = entry.First.CryptoMap ?? entry.First.Connection ?? "";
            var chosen = Lifetimes.Where(l => l.Scope != "global" && map.StartsWith(l.Scope + "-", StringComparison.Ordinal) || map == l.Scope)
                             .OrderByDescending(l => l.Scope.Length).FirstOrDefault()
                         ?? Lifetimes.FirstOrDefault(l => l.Scope == "global");
            if (chosen == null) return null;
            return new ShownLifetime
            {
                Seconds = chosen.Seconds ?? defSeconds,
                Kilobytes = chosen.Kilobytes ?? defKb,
                VolumeDisabled = chosen.KilobytesDisabled,
                Record = chosen,
                Setting = chosen,
                From = $"lifetime setting '{chosen.Scope}'" + (chosen.Seconds == null || chosen.Kilobytes == null && !chosen.KilobytesDisabled ? ", platform default for what it does not set" : ""),
            };
        }

        /// <summary>
        /// The lifetime an entry runs on when the captures show none: its system's default (<see cref="PlatformFacts"/>,
        /// else the ASA / IOS-XE default), marked as assumed. Used only where one end of a tunnel is not Cisco, whose
        /// defaults differ from Cisco's (a common cause of rekey trouble across vendors).
        /// </summary>
        internal ShownLifetime DefaultLifetimeFor(SaEntry entry)
        {
            var far = entry.Facts;
            long seconds = far?.DefaultIpsecLifetimeSeconds ?? entry.Cisco.DefaultIpsecLifetimeSeconds;
            long? kb = far == null ? entry.Cisco.DefaultIpsecLifetimeKilobytes : far.DefaultIpsecLifetimeKilobytes;
            return new ShownLifetime
            {
                Seconds = seconds,
                Kilobytes = kb ?? 0,
                VolumeDisabled = kb == null,
                Record = entry.First,
                Assumed = true,
                From = far != null ? $"no lifetime shown: the {far.System} default, {far.LifetimeSource}"
                    : $"no lifetime shown: the {entry.Cisco.Name} default",
            };
        }

        /// <summary>
        /// The lifetime that applies to an entry: the one the captures show (<see cref="ShownLifetimeFor"/>), else the platform default.
        /// </summary>
        public (long Kilobytes, long Seconds, bool VolumeDisabled, string? Assumption) LifetimeFor(SaEntry entry)
        {
            var shown = ShownLifetimeFor(entry);
            if (shown?.Session is { } session)
                return (shown.Kilobytes, shown.Seconds, false,
                    $"lifetime {shown.Kilobytes} kB / {shown.Seconds} s negotiated for tunnel {session.TunnelId} (show vpn-sessiondb detail l2l, {Cite(session)})" +
                    (session.RekeyIntervalKilobytes == null ? $"; no volume lifetime was printed, {entry.Cisco.DefaultIpsecLifetimeKilobytes} kB is assumed" : ""));
            if (shown?.Setting == null && entry.Facts is { } far)
                return (far.DefaultIpsecLifetimeKilobytes ?? 0, far.DefaultIpsecLifetimeSeconds, far.DefaultIpsecLifetimeKilobytes == null,
                    $"no lifetime configuration was given: the {far.System} defaults {far.DefaultsText} are assumed");
            if (shown?.Setting is not { } chosen)
            {
                long defSeconds = entry.Cisco.DefaultIpsecLifetimeSeconds;
                long defKb = entry.Cisco.DefaultIpsecLifetimeKilobytes;
                string platform = entry.Cisco.Name;
                return (defKb, defSeconds, false, $"no lifetime configuration was given: the {platform} defaults {defKb} kB / {defSeconds} s are assumed");
            }
            long kb = shown.Kilobytes;
            long sec = shown.Seconds;
            string? assumption = chosen.Kilobytes == null || chosen.Seconds == null
                ? $"lifetime {kb} kB / {sec} s from '{chosen.Scope}' ({Cite(chosen)}), defaults for what it does not set"
                : $"lifetime {kb} kB / {sec} s from '{chosen.Scope}' ({Cite(chosen)})";
            return (kb, sec, shown.VolumeDisabled, assumption);
        }

        /// <summary><c>file:line</c> of a record, for the text of a finding.</summary>
        public static string Cite(ICaptureRecord r) => SourceLine.Of(r).ToString();

        /// <summary>The lines a finding rests on: the first line of each record given, each once.</summary>
        internal static IReadOnlyList<SourceLine> Sources(params ICaptureRecord?[] records) => SourceLine.Of(records);

        internal static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        internal static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
