using System.Management.Automation;
using System.Runtime.Versioning;
using SpiTools.TestSupport;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// A device is known by its identity in the module too: two contexts of one ASA audited from one inventory are two
    /// devices with two evidence folders, and Compare-SpiContext -Path on the -SaveCapture root gives the live findings;
    /// a device refused or never logged in to is a Failed row named as the inventory names it. The audits share one
    /// set-up (<see cref="InventoryAudit"/>).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class DeviceIdentityTests : IClassFixture<PowerShellFixture>, IDisposable
    {
        private readonly PowerShellHost _ps;
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-identity-ps").FullName;

        public DeviceIdentityTests(PowerShellFixture fixture) => _ps = fixture.Host;

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Text(PSObject o, string name) => InventoryAudit.Text(o, name);

        private static List<string> Keys(IEnumerable<PSObject> findings) => findings
            .Select(f => string.Join("|", Text(f, "Device"), Text(f, "Code"), Text(f, "Peer"), Text(f, "Severity"), Text(f, "Evidence")))
            .OrderBy(k => k, StringComparer.Ordinal).ToList();

        [Fact]
        public void Two_contexts_audited_from_one_inventory_are_two_devices_and_the_saved_root_compares_as_live()
        {
            using var audit = InventoryAudit.Start(_ps, _dir, "asa-multi-context");
            var evidence = Path.Combine(_dir, "evidence");
            audit.Variables["evidence"] = evidence;
            var live = audit.Run(new[]
            {
                "Name,ComputerName,Port,Context",
                ",127.0.0.1,{port},cust-a",
                "edge-b,127.0.0.1,{port},cust-b",
            }, options: "-SaveCapture $evidence");
            Assert.Empty(live.Errors);
            string cust = $"127.0.0.1:{audit.Device.Port}/cust-a";
            var summaries = live.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary").OrderBy(o => Text(o, "Device"), StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { cust, "edge-b" }, summaries.Select(s => Text(s, "Device")));
            Assert.All(summaries, s => Assert.Equal("fw-edge1", Text(s, "Hostname")));
            Assert.Equal(new[] { $"127.0.0.1_{audit.Device.Port}_cust-a", "edge-b" }, Directory.GetDirectories(evidence).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            var liveFindings = InventoryAudit.Findings(live);
            Assert.Contains(liveFindings, f => Text(f, "Device") == cust && Text(f, "Code") == "StaleVpnContext");

            var replay = _ps.Run("Compare-SpiContext -Path $evidence", audit.Variables);
            Assert.Empty(replay.Errors);
            Assert.Equal(Keys(liveFindings), Keys(replay.Output.Where(o => o.BaseObject.GetType().FullName == "SpiTools.Finding")));
        }

        [Fact]
        public void An_inventorys_own_columns_are_properties_of_the_summaries_and_a_failed_device_is_named_by_its_Name()
        {
            using var audit = InventoryAudit.Start(_ps, _dir);
            var run = audit.Run(new[]
            {
                "Site,Name,ComputerName,Port,Owner,Status",
                "Lab 3,edge-lab,127.0.0.1,{port},\"netops, night shift\",in service",
                "Branch 9,branch-9,127.0.0.1,1,,retired",
            });
            Assert.Single(run.Errors); // the refused device
            Assert.Equal("ConnectionRefused", run.Errors[0].FullyQualifiedErrorId.Split(',')[0]);
            var summaries = InventoryAudit.Summaries(run);
            Assert.Equal(new[] { "branch-9", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var lab = summaries["edge-lab"];
            Assert.Equal(("Lab 3", "netops, night shift", "Findings", "fw-edge1"), (Text(lab, "Site"), Text(lab, "Owner"), Text(lab, "Status"), Text(lab, "Hostname")));
            var branch = summaries["branch-9"];
            Assert.Equal(("Failed", "ConnectionRefused", "Branch 9", ""), (Text(branch, "Status"), Text(branch, "ErrorId"), Text(branch, "Site"), Text(branch, "Owner")));
            // Note properties of the object, in the inventory's order after the summary's own; the connection columns are not among them.
            Assert.Equal(new[] { "Site", "Owner" }, lab.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty).Select(p => p.Name));
            Assert.DoesNotContain(run.Output, o => Text(o, "Device") == "127.0.0.1:1");
            // The report's device table has the columns.
            var html = File.ReadAllText(audit.Report);
            Assert.Contains("<th scope=\"col\" class=\"inv\">Site</th><th scope=\"col\" class=\"inv\">Owner</th>", html);
            Assert.Contains(">branch-9</a></td><td class=\"inv\">Branch 9</td>", html);

            // Export-Csv writes them as columns; a device given by -ComputerName (no inventory row) still audits, with none.
            var csv = _ps.Run("$all | Where-Object { $_ -is [SpiTools.DeviceAuditSummary] -and $_.Device -eq 'edge-lab' } | ConvertTo-Csv -NoTypeInformation", audit.Variables).Output.Select(o => o.ToString()).ToList();
            // (PowerShell lists an object's note properties first.)
            Assert.StartsWith("\"Site\",\"Owner\",\"RecordType\",\"Device\",", csv[0]);
            Assert.StartsWith("\"Lab 3\",\"netops, night shift\",\"DeviceAuditSummary\",\"edge-lab\",", csv[1]);
            var plain = _ps.Run($"Invoke-SpiAudit -ComputerName 127.0.0.1 -Port {audit.Device.Port} -Credential $cred -EnableCredential $enable -KnownHostsPath $kh -TimeoutSeconds 60", audit.Variables);
            Assert.Empty(plain.Errors);
            var only = Assert.Single(plain.Output, o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary");
            Assert.Equal(($"127.0.0.1:{audit.Device.Port}", "Findings"), (Text(only, "Device"), Text(only, "Status")));
            Assert.DoesNotContain(only.Properties, p => p.MemberType == PSMemberTypes.NoteProperty);
        }

        [Fact]
        public void A_device_on_a_refused_port_is_named_by_its_inventory_name_with_its_address_in_the_error_the_summary_both_csvs_and_the_report()
        {
            using var audit = InventoryAudit.Start(_ps, _dir);
            var run = audit.Run(new[]
            {
                "Name,ComputerName,Port,Site",
                "edge-lab,127.0.0.1,{port},Lab 3",
                "branch-9,127.0.0.1,1,Branch 9",
            });
            const string Named = "branch-9 (127.0.0.1:1): connection refused (is SSH enabled for this address and interface?).";

            // The console: the error's message, its target and the exception's device name the inventory's name, with the address to act on.
            var error = Assert.Single(run.Errors);
            Assert.Equal("ConnectionRefused", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(Named, error.Exception.Message);
            Assert.Equal(Named, error.ErrorDetails.Message);
            Assert.Equal("branch-9", error.TargetObject);
            Assert.Equal("branch-9", error.Exception.GetType().GetProperty("Device")!.GetValue(error.Exception));

            // The summary: named, its message the same, the host as given kept as its Source.
            var summaries = InventoryAudit.Summaries(run);
            Assert.Equal(new[] { "branch-9", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var branch = summaries["branch-9"];
            Assert.Equal(("Failed", "ConnectionRefused", Named, "127.0.0.1", "Branch 9"),
                (Text(branch, "Status"), Text(branch, "ErrorId"), Text(branch, "ErrorMessage"), Text(branch, "Source"), Text(branch, "Site")));
            // The healthy device of the same run is reported as ever.
            var findings = HealthyLabDevice(run);

            // Both CSVs: the failed device's row carries the named message; nothing is named by the bare address.
            var summaryRows = File.ReadAllLines(audit.SummariesCsv);
            Assert.Equal(3, summaryRows.Length);
            Assert.Contains(summaryRows, l => l.StartsWith("\"Branch 9\",\"DeviceAuditSummary\",\"branch-9\",", StringComparison.Ordinal) && l.Contains($"\"{Named}\"", StringComparison.Ordinal));
            Assert.Contains(summaryRows, l => l.StartsWith("\"Lab 3\",\"DeviceAuditSummary\",\"edge-lab\",\"fw-edge1\",", StringComparison.Ordinal));
            var findingDevices = _ps.Run("Import-Csv -Path $findingsCsv | ForEach-Object Device", audit.Variables).Output.Select(o => o.ToString()).ToList();
            Assert.Equal(findings.Count, findingDevices.Count);
            Assert.All(findingDevices, d => Assert.Equal("edge-lab", d));
            Assert.DoesNotContain("127.0.0.1:1:", File.ReadAllText(audit.SummariesCsv) + File.ReadAllText(audit.FindingsCsv));

            // The report: the failed device's section and its failure, and the healthy device's findings.
            var html = File.ReadAllText(audit.Report);
            Assert.Contains("<span class=\"name\">branch-9</span>", html);
            Assert.Contains("<span class=\"errid\">ConnectionRefused</span></p><p>branch-9 (127.0.0.1:1): connection refused", html);
            Assert.DoesNotContain("127.0.0.1:1:", html);
            Assert.Contains("<span class=\"name\">edge-lab</span>", html);
            Assert.Contains("StaleVpnContext", html);
        }

        [Fact]
        public void A_device_that_cannot_be_logged_in_to_is_a_Failed_row_named_by_its_inventory_name_in_the_summaries_the_csv_and_the_report()
        {
            using var audit = InventoryAudit.Start(_ps, _dir);
            // No -Credential: edge-lab's login is in the store; branch-7 names none, branch-8 one the store lacks.
            var run = audit.Run(new[]
                {
                    "Name,ComputerName,Port,CredentialName,Site",
                    "edge-lab,127.0.0.1,{port},netops,Lab 3",
                    "branch-7,127.0.0.1,{port},,Branch 7",
                    "branch-8,127.0.0.1,{port},gone,Branch 8",
                }, login: "",
                before: "function Get-Secret { param([string] $Name) if ($Name -ne 'netops') { throw \"no secret $Name\" } [pscredential]::new($user, (ConvertTo-SecureString $pw -AsPlainText -Force)) }",
                after: "Remove-Item function:Get-Secret");
            const string Missing = "branch-7 (127.0.0.1:{0}): no -Credential, and no CredentialName for this device";
            const string NotFound = "branch-8 (127.0.0.1:{0}): secret 'gone' could not be read (no secret gone)";
            string port = audit.Device.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // The errors as they were: one a device, named, its target the inventory name.
            Assert.Equal(new[] { ("CredentialMissing", "branch-7", string.Format(Missing, port)), ("CredentialNotFound", "branch-8", string.Format(NotFound, port)) },
                run.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0], (string)e.TargetObject, e.Exception.Message)).OrderBy(e => e.Item2, StringComparer.Ordinal));
            Assert.Equal(new[] { "InvalidArgument", "ObjectNotFound" }, run.Errors.OrderBy(e => (string)e.TargetObject, StringComparer.Ordinal).Select(e => e.CategoryInfo.Category.ToString()));
            // What to do, in PowerShell's words.
            Assert.Equal("Check the inventory's CredentialName names a login that is there: a credential (user name and password) in a SecretManagement vault under that name; or give a login with -Credential.",
                run.Errors.Single(e => (string)e.TargetObject == "branch-8").ErrorDetails.RecommendedAction);

            // Each is a Failed summary, named and with its inventory columns, beside the healthy device's.
            var summaries = InventoryAudit.Summaries(run);
            Assert.Equal(new[] { "branch-7", "branch-8", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(("Failed", "CredentialMissing", string.Format(Missing, port), "127.0.0.1", "Branch 7", ""),
                (Text(summaries["branch-7"], "Status"), Text(summaries["branch-7"], "ErrorId"), Text(summaries["branch-7"], "ErrorMessage"), Text(summaries["branch-7"], "Source"), Text(summaries["branch-7"], "Site"), Text(summaries["branch-7"], "Hostname")));
            Assert.Equal(("Failed", "CredentialNotFound", string.Format(NotFound, port), "Branch 8"),
                (Text(summaries["branch-8"], "Status"), Text(summaries["branch-8"], "ErrorId"), Text(summaries["branch-8"], "ErrorMessage"), Text(summaries["branch-8"], "Site")));
            HealthyLabDevice(run);
            // Nothing was sent for the devices with no login: one session, the healthy device's.
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");

            // The summaries' CSV and the report have the rows.
            var rows = File.ReadAllLines(audit.SummariesCsv);
            Assert.Equal(4, rows.Length);
            Assert.Contains(rows, l => l.StartsWith("\"Branch 7\",\"DeviceAuditSummary\",\"branch-7\",", StringComparison.Ordinal) && l.Contains("\"Failed\"", StringComparison.Ordinal) && l.Contains("\"CredentialMissing\"", StringComparison.Ordinal));
            Assert.Contains(rows, l => l.StartsWith("\"Branch 8\",\"DeviceAuditSummary\",\"branch-8\",", StringComparison.Ordinal) && l.Contains("\"CredentialNotFound\"", StringComparison.Ordinal));
            var html = File.ReadAllText(audit.Report);
            Assert.Contains(">branch-7</a></td><td class=\"inv\">Branch 7</td>", html);
            Assert.Contains($"<span class=\"errid\">CredentialMissing</span></p><p>{string.Format(Missing, port)}", html);
            Assert.Contains($"<span class=\"errid\">CredentialNotFound</span></p><p>{System.Net.WebUtility.HtmlEncode(string.Format(NotFound, port))}", html);
            Assert.Contains("Failed <b>2</b>", html);
            Assert.Contains("<span class=\"name\">edge-lab</span>", html);
            Assert.Contains("StaleVpnContext", html);
        }

        [Fact]
        public void A_malformed_HostKeyFingerprint_or_Context_in_one_piped_row_fails_that_device_only_and_the_others_are_audited()
        {
            using var audit = InventoryAudit.Start(_ps, _dir);
            const string Md5 = "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48";
            string[] rows =
            {
                "Name,ComputerName,Port,Context,HostKeyFingerprint,Site",
                "edge-lab,127.0.0.1,{port},,,Lab 3",
                $"branch-5,127.0.0.1,{{port}},,{Md5},Branch 5",
                ",127.0.0.1,{port},cust a,,Branch 6",
            };
            var run = audit.Run(rows);
            string port = audit.Device.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string badContext = $"127.0.0.1:{port}/cust a";
            string fingerprintError = $"branch-5 (127.0.0.1:{port}): piped row 2, column HostKeyFingerprint: an MD5 fingerprint; " +
                "a SHA256 fingerprint is SHA256: and 43 base64 characters, as ssh-keygen -l -E sha256 prints it; the device was not contacted";
            string contextError = $"{badContext}: piped row 3, column Context: character 5 is a space; " +
                "a context name is letters, digits, '-', '_' or '.', at most 64, starting with a letter or digit; the device was not contacted";

            // No terminating error: one error a bad row, named by its identity, saying where and what, never the value.
            Assert.Null(run.Terminating);
            Assert.Equal(new[] { (badContext, contextError), ("branch-5", fingerprintError) },
                run.Errors.Select(e => ((string)e.TargetObject, e.Exception.Message)).OrderBy(e => e.Item1, StringComparer.Ordinal));
            Assert.All(run.Errors, e => Assert.Equal(("InvalidDeviceArgument", "InvalidArgument"), (e.FullyQualifiedErrorId.Split(',')[0], e.CategoryInfo.Category.ToString())));
            Assert.All(run.Errors, e => Assert.Equal("Correct the value the message names: nothing was sent to the device.", e.ErrorDetails.RecommendedAction));
            Assert.DoesNotContain(run.Errors, e => e.Exception.Message.Contains("16:27:ac", StringComparison.Ordinal));

            // Each bad row is a Failed summary with its inventory columns, beside the healthy device's.
            var summaries = InventoryAudit.Summaries(run);
            Assert.Equal(new[] { badContext, "branch-5", "edge-lab" }, summaries.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(("Failed", "InvalidDeviceArgument", fingerprintError, "127.0.0.1", "Branch 5"),
                (Text(summaries["branch-5"], "Status"), Text(summaries["branch-5"], "ErrorId"), Text(summaries["branch-5"], "ErrorMessage"), Text(summaries["branch-5"], "Source"), Text(summaries["branch-5"], "Site")));
            Assert.Equal(("Failed", "InvalidDeviceArgument", contextError, "Branch 6"),
                (Text(summaries[badContext], "Status"), Text(summaries[badContext], "ErrorId"), Text(summaries[badContext], "ErrorMessage"), Text(summaries[badContext], "Site")));
            HealthyLabDevice(run);
            // Nothing was sent for the bad rows: one session, the healthy device's.
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");
            var html = File.ReadAllText(audit.Report);
            Assert.Contains("Failed <b>2</b>", html);

            // The same fingerprint given as a parameter is the run's: refused before any device is contacted.
            var refused = audit.Run(rows, options: "-HostKeyFingerprint " + Md5);
            Assert.StartsWith("InvalidDeviceArgument,", (refused.Terminating as IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId ?? refused.Errors.Select(e => e.FullyQualifiedErrorId).FirstOrDefault());
            Assert.DoesNotContain(refused.Output, o => o.BaseObject.GetType().FullName == "SpiTools.DeviceAuditSummary");
            Assert.Single(audit.Device.ReadRecording(), l => l == "show crypto ipsec sa");
        }

        /// <summary>The findings of edge-lab, the device that answers, reported as ever: a StaleVpnContext, and nothing named otherwise.</summary>
        private static List<PSObject> HealthyLabDevice(PowerShellHost.Result run)
        {
            var lab = InventoryAudit.Summaries(run)["edge-lab"];
            Assert.Equal(("Findings", "fw-edge1", "", "Lab 3"), (Text(lab, "Status"), Text(lab, "Hostname"), Text(lab, "ErrorId"), Text(lab, "Site")));
            var findings = InventoryAudit.Findings(run);
            Assert.Contains(findings, f => Text(f, "Device") == "edge-lab" && Text(f, "Code") == "StaleVpnContext");
            Assert.All(findings, f => Assert.Equal("edge-lab", Text(f, "Device")));
            return findings;
        }

        [Fact]
        public void A_capture_without_a_prompt_is_named_by_its_folder_in_Get_IpsecSa_as_in_Compare_SpiContext()
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "fw-x")).FullName;
            foreach (var file in Directory.GetFiles(PowerShellHost.SeedDevice))
                File.WriteAllLines(Path.Combine(folder, Path.GetFileName(file)), File.ReadAllLines(file).Skip(1)); // the echoed prompt and command dropped
            var vars = new Dictionary<string, object?> { ["folder"] = folder };
            var sas = _ps.Run("Get-IpsecSa -Path $folder", vars).Output;
            Assert.NotEmpty(sas);
            Assert.All(sas, s => Assert.Equal("fw-x", Text(s, "Device")));
            var findings = _ps.Run("Compare-SpiContext -Path $folder", vars).Output;
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal("fw-x", Text(f, "Device")));
        }
    }
}
