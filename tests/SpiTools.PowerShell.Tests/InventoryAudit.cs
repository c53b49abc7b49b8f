using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// An inventory audited as a nightly script does it, against one simulated ASA (a real sshd on loopback): the rows are
    /// written to a CSV (<c>{port}</c> in a row stands for the simulator's port), piped from <c>Import-Csv</c> to
    /// <c>Invoke-SpiAudit</c> with the simulator's login, enable secret and known_hosts file, and everything the run output
    /// is kept in <c>$all</c> and written where the morning report reads it: the findings' and the summaries' CSV files
    /// and the HTML report (<see cref="FindingsCsv"/>, <see cref="SummariesCsv"/>, <see cref="Report"/>).
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal sealed class InventoryAudit : IDisposable
    {
        private readonly PowerShellHost _ps;

        private InventoryAudit(PowerShellHost ps, string dir, SshdHost device)
        {
            _ps = ps;
            Device = device;
            KnownHosts = Path.Combine(dir, "known_hosts");
            File.WriteAllLines(KnownHosts, device.KnownHostsLines);
            Inventory = Path.Combine(dir, "inventory.csv");
            Report = Path.Combine(dir, "report.html");
            FindingsCsv = Path.Combine(dir, "findings.csv");
            SummariesCsv = Path.Combine(dir, "summaries.csv");
            Variables = new Dictionary<string, object?>
            {
                ["inv"] = Inventory,
                ["cred"] = new PSCredential(device.UserName, Secure(device.Password)),
                ["user"] = device.UserName,
                ["pw"] = device.Password,
                ["enable"] = new PSCredential("enable", Secure("sim-enable-secret")),
                ["kh"] = KnownHosts,
                ["report"] = Report,
                ["findingsCsv"] = FindingsCsv,
                ["summariesCsv"] = SummariesCsv,
            };
        }

        /// <summary>Starts a simulated device of <paramref name="scenario"/>; the run's files go to <paramref name="dir"/>.</summary>
        public static InventoryAudit Start(PowerShellHost ps, string dir, string scenario = "asa-stale-spi") =>
            new InventoryAudit(ps, dir, SshdHost.Start(new SshdOptions { Scenario = scenario }));

        /// <summary>The simulated device.</summary>
        public SshdHost Device { get; }

        public string KnownHosts { get; }

        public string Inventory { get; }

        public string Report { get; }

        public string FindingsCsv { get; }

        public string SummariesCsv { get; }

        /// <summary>The script's variables: <c>$inv $cred $user $pw $enable $kh $report $findingsCsv $summariesCsv</c>.</summary>
        public Dictionary<string, object?> Variables { get; }

        /// <summary>
        /// Audits the rows (the header first) with <paramref name="login"/> (default: the simulator's login for every row),
        /// and <paramref name="options"/> (more parameters of Invoke-SpiAudit), after <paramref name="before"/> (a function the
        /// run needs, such as a stand-in Get-Secret, removed again by <paramref name="after"/>); the output is <c>$all</c>
        /// itself, then nothing: the CSV files and the report are written.
        /// </summary>
        public PowerShellHost.Result Run(string[] rows, string login = "-Credential $cred", string before = "", string after = "", string options = "")
        {
            File.WriteAllLines(Inventory, rows.Select(r => r.Replace("{port}", Device.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            return _ps.Run($"try {{ {before}" + Environment.NewLine +
                $"$all = Import-Csv $inv | Invoke-SpiAudit {login} -EnableCredential $enable -KnownHostsPath $kh -ThrottleLimit 2 -TimeoutSeconds 60 {options}; $all; " +
                "$all | Where-Object { $_ -is [SpiTools.Finding] } | Export-Csv -Path $findingsCsv -NoTypeInformation; " +
                "$all | Where-Object { $_ -is [SpiTools.DeviceAuditSummary] } | Export-Csv -Path $summariesCsv -NoTypeInformation; " +
                $"$all | Export-SpiReport -Path $report | Out-Null }} finally {{ {after} }}", Variables);
        }

        /// <summary>The summaries of a run by their Device.</summary>
        public static Dictionary<string, PSObject> Summaries(PowerShellHost.Result run) =>
            run.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary").ToDictionary(s => Text(s, "Device"));

        /// <summary>The findings of a run.</summary>
        public static List<PSObject> Findings(PowerShellHost.Result run) =>
            run.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.Finding").ToList();

        /// <summary>A property as text ("" when it is null or missing).</summary>
        public static string Text(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";

        /// <summary>A read-only secure string of <paramref name="s"/>, as a credential takes it.</summary>
        public static System.Security.SecureString Secure(string s)
        {
            var ss = new System.Security.SecureString();
            foreach (var c in s) ss.AppendChar(c);
            ss.MakeReadOnly();
            return ss;
        }

        public void Dispose() => Device.Dispose();
    }
}
