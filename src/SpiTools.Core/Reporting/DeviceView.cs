using System;
using System.Collections.Generic;
using System.Linq;

namespace SpiTools.Reporting
{
    /// <summary>One device as the page shows it: its summary (if given), its findings, SAs and chart.</summary>
    internal sealed class DeviceView
    {
        /// <summary>A device the report has records of but no diagnosis for (no summary, no finding): not known to be healthy.</summary>
        public const string NotDiagnosed = "Not diagnosed";

        private const string Unnamed = "(unnamed device)";

        public string Name = "";
        public string Id = "";
        public DeviceAuditSummary? Summary;
        public List<Finding> Findings = new List<Finding>();
        public List<IpsecSa> Sas = new List<IpsecSa>();
        public List<SaInstall> Installs = new List<SaInstall>();
        public List<(string Peer, List<IpsecSa> Sas)> Peers = new List<(string, List<IpsecSa>)>();
        public DeviceChart? Chart;
        public string Status = AuditStatus.Healthy;
        public string? Platform;
        public int Critical, Warning, Info, SaCount;

        /// <summary>Worst first: critical findings, then failed devices (their state is unknown), warnings, info, not diagnosed, healthy.</summary>
        public int Rank => Critical > 0 ? 5 : Status == AuditStatus.Failed ? 4 : Warning > 0 ? 3 : Info > 0 ? 2 : Status == NotDiagnosed ? 1 : 0;

        /// <summary>The CSS class of a status.</summary>
        public static string StatusClass(string status) => status switch
        {
            AuditStatus.Healthy => "healthy",
            AuditStatus.Findings => "findings",
            AuditStatus.Failed => "failed",
            _ => "other",
        };

        public static List<DeviceView> Build(AuditReport report)
        {
            var byName = new Dictionary<string, DeviceView>(StringComparer.Ordinal);
            DeviceView Get(string? device)
            {
                string name = string.IsNullOrEmpty(device) ? Unnamed : device!;
                if (!byName.TryGetValue(name, out var view)) byName[name] = view = new DeviceView { Name = name };
                return view;
            }
            foreach (var s in report.Devices)
            {
                var v = Get(s.Device);
                // The same device twice (two audits given): the later start wins, so the page shows one state per device.
                if (v.Summary == null || s.StartedAt > v.Summary.StartedAt) v.Summary = s;
            }
            // A finding resolved since the previous run is counted in the line the page opens with, not as a finding of its device.
            foreach (var f in report.Findings.Where(f => f.Change != FindingChange.Resolved)) Get(f.Device).Findings.Add(f);
            foreach (var sa in report.SecurityAssociations) Get(sa.Device).Sas.Add(sa);
            foreach (var i in report.Installs) Get(i.Device).Installs.Add(i);

            var list = byName.Values.ToList();
            foreach (var v in list) v.Complete();
            list = list.OrderByDescending(v => v.Rank).ThenByDescending(v => v.Critical).ThenByDescending(v => v.Warning).ThenByDescending(v => v.Info)
                .ThenBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
            for (int i = 0; i < list.Count; i++) list[i].Id = "device-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return list;
        }

        private void Complete()
        {
            Findings = Findings.OrderByDescending(f => FindingSeverity.Rank(f.Severity)).ThenBy(f => f.Code, StringComparer.Ordinal)
                .ThenBy(f => f.Peer ?? "", StringComparer.Ordinal).ThenBy(f => f.Spi ?? "", StringComparer.Ordinal).ThenBy(f => f.PeerDevice ?? "", StringComparer.Ordinal).ToList();
            if (Findings.Count > 0)
            {
                Critical = Findings.Count(f => f.Severity == FindingSeverity.Critical);
                Warning = Findings.Count(f => f.Severity == FindingSeverity.Warning);
                Info = Findings.Count - Critical - Warning;
            }
            else if (Summary != null)
            {
                Critical = Summary.CriticalCount;
                Warning = Summary.WarningCount;
                Info = Summary.InfoCount;
            }
            // Without a summary, only findings say the device was diagnosed: SAs or events alone are no proof of health.
            Status = Summary?.Status ?? (Findings.Count > 0 ? AuditStatus.Findings : NotDiagnosed);
            Platform = PlatformNames.Vendor(Summary?.Platform ?? Sas.Select(s => s.Platform).FirstOrDefault(p => p != null));
            var withSpi = Sas.Where(s => s.Spi != null).ToList();
            SaCount = withSpi.Count > 0 ? withSpi.Count : Summary?.SaCount ?? 0;
            Peers = Sas.GroupBy(s => s.Peer ?? "(no peer)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.OrderBy(s => s.Direction ?? "", StringComparer.Ordinal).ThenByDescending(s => s.RemainingSeconds ?? -1)
                    .ThenBy(s => s.Spi ?? "", StringComparer.Ordinal).ToList())).ToList();

            var chart = new DeviceChart();
            long maxKb = withSpi.Select(s => s.RemainingKilobytes ?? 0).DefaultIfEmpty(0).Max();
            long maxS = withSpi.Select(s => s.RemainingSeconds ?? 0).DefaultIfEmpty(0).Max();
            foreach (var (peer, sas) in Peers)
            {
                var generations = SaGeneration.Of(sas);
                if (generations.Count > 0) chart.Add(new PeerLifetimePanel(peer, generations, maxKb, maxS));
            }
            if (Installs.Count > 0) chart.Add(new InstallTimelinePanel(Installs));
            Chart = chart.Panels.Count > 0 ? chart : null;
        }
    }
}
