using System.Threading;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// A device is known by its identity (inventory name, else host[:port][/context]), never by its prompt: two contexts
    /// of one ASA and two boxes that both answer as <c>ciscoasa</c> are two devices, each with its own evidence folder,
    /// and what SpiTools saved reads back as saved, named by its manifest.
    /// </summary>
    public sealed class DeviceIdentityTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-identity").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>Every host is an examples/asa-stale-spi ASA whose prompt shows <see cref="Hostname"/>, with the contexts cust-a and cust-b.</summary>
        private sealed class Fleet : IDeviceConnector
        {
            public string Hostname = "ciscoasa";
            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                var d = ScriptedDevice.SeedAsa();
                d.Hostname = Hostname;
                d.Contexts.Add("cust-a");
                d.Contexts.Add("cust-b");
                d.Start();
                return d;
            }
        }

        private static DeviceTarget Target(string host, string? context = null, string? name = null, string? save = null) => new()
        {
            Name = host,
            InventoryName = name,
            Connect = new DeviceConnectOptions { Host = host, UserName = "netops", Password = new DeviceSecret("pw-Secret-9") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            Request = CollectionRequest.Create(context: context),
            CommandTimeout = TimeSpan.FromSeconds(5),
            DeviceTimeout = TimeSpan.FromSeconds(60),
            SaveCapture = save,
        };

        private static IEnumerable<string> Keys(IEnumerable<Finding> findings) =>
            findings.Select(f => $"{f.Device}|{f.Code}|{f.Peer}|{f.Severity}|{f.Evidence}").OrderBy(k => k, StringComparer.Ordinal);

        [Theory]
        [InlineData(null, 22, null, "10.0.0.1")]
        [InlineData(null, 2222, null, "10.0.0.1:2222")]
        [InlineData(null, 22, "cust-a", "10.0.0.1/cust-a")]
        [InlineData(null, 2222, "cust-a", "10.0.0.1:2222/cust-a")]
        [InlineData("edge-a", 2222, "cust-a", "edge-a")]
        public void The_identity_is_the_inventory_name_else_host_port_and_context(string? name, int port, string? context, string expected)
        {
            Assert.Equal(expected, DeviceId.For(name, "10.0.0.1", port, context));
            Assert.Equal("[2001:db8::1]:2222", DeviceId.For(null, "2001:db8::1", 2222));
            Assert.Equal("10.0.0.1_2222_cust-a", DeviceId.FolderName("10.0.0.1:2222/cust-a"));
        }

        [Theory]
        [InlineData(null, 22, null, "10.0.0.1")]
        [InlineData(null, 2222, "cust-a", "10.0.0.1:2222/cust-a")]
        [InlineData("edge-a", 22, null, "edge-a (10.0.0.1)")]
        [InlineData(" edge-a ", 2222, "cust-a", "edge-a (10.0.0.1:2222/cust-a)")]
        [InlineData("10.0.0.1:2222", 2222, null, "10.0.0.1:2222")] // a name that is the address is not said twice
        public void A_message_names_a_device_by_its_inventory_name_with_the_address_to_act_on(string? name, int port, string? context, string expected)
        {
            Assert.Equal(expected, DeviceId.Label(name, "10.0.0.1", port, context));
            Assert.Equal("core-1 ([2001:db8::1]:2222)", DeviceId.Label("core-1", "2001:db8::1", 2222));
        }

        [Fact]
        public void Two_contexts_of_one_ASA_are_two_devices_with_two_evidence_folders_and_the_callers_targets_are_not_written()
        {
            var targets = new List<DeviceTarget> { Target("10.0.0.1", "cust-a"), Target("10.0.0.1", "cust-b") };
            long budget = targets[0].OutputBudgetCharacters;
            var sink = new FakeSink();
            AuditService.Run(targets, new Fleet { Hostname = "fw-edge1" }, new AuditOptions { ThrottleLimit = 2, SaveCapture = _dir }, sink, CancellationToken.None);

            var summaries = sink.Outputs.OfType<DeviceAuditSummary>().OrderBy(s => s.Device).ToList();
            Assert.Equal(new[] { "10.0.0.1/cust-a", "10.0.0.1/cust-b" }, summaries.Select(s => s.Device));
            Assert.All(summaries, s => { Assert.Equal("fw-edge1", s.Hostname); Assert.Equal(AuditStatus.Findings, s.Status); Assert.Equal("10.0.0.1", s.Source); });
            var folders = summaries.Select(s => s.CaptureFolder!).ToList();
            Assert.Equal(2, folders.Distinct().Count());
            Assert.Equal(Path.Combine(_dir, "10.0.0.1_cust-a"), Path.GetDirectoryName(folders[0]));
            Assert.Equal(Path.Combine(_dir, "10.0.0.1_cust-b"), Path.GetDirectoryName(folders[1]));
            foreach (var (folder, id) in folders.Zip(new[] { "10.0.0.1/cust-a", "10.0.0.1/cust-b" }))
            {
                var manifest = CaptureManifest.Read(folder)!;
                Assert.Equal(id, manifest.Identity);
                Assert.Equal("fw-edge1", manifest.Hostname);
                Assert.Equal(id.Substring(id.IndexOf('/') + 1), manifest.Context);
                Assert.Equal(CaptureFiles.InFolder(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal),
                    manifest.Commands.Select(c => c.File).OrderBy(f => f, StringComparer.Ordinal));
                Assert.DoesNotContain("pw-Secret-9", File.ReadAllText(Path.Combine(folder, CaptureManifest.FileName)), StringComparison.Ordinal);
            }
            Assert.Equal(new[] { "10.0.0.1/cust-a", "10.0.0.1/cust-b" }, sink.Outputs.OfType<Finding>().Select(f => f.Device).Distinct().OrderBy(d => d));
            // The workers had their own copies: the caller's targets are as they were given.
            Assert.All(targets, t => { Assert.Null(t.SaveCapture); Assert.Null(t.SaveCaptureSubfolder); Assert.Equal(budget, t.OutputBudgetCharacters); });
        }

        [Fact]
        public void Two_boxes_sharing_a_host_name_are_two_devices_and_an_inventory_name_is_the_identity()
        {
            var targets = new List<DeviceTarget> { Target("10.0.0.1"), Target("10.0.0.2", name: "branch-7") };
            var sink = new FakeSink();
            AuditService.Run(targets, new Fleet(), new AuditOptions { ThrottleLimit = 1, SaveCapture = _dir }, sink, CancellationToken.None);

            var summaries = sink.Outputs.OfType<DeviceAuditSummary>().OrderBy(s => s.Device).ToList();
            Assert.Equal(new[] { "10.0.0.1", "branch-7" }, summaries.Select(s => s.Device));
            Assert.All(summaries, s => Assert.Equal("ciscoasa", s.Hostname));
            Assert.Equal(new[] { "10.0.0.1", "branch-7" }, Directory.GetDirectories(_dir).Select(Path.GetFileName).OrderBy(d => d));
            Assert.Equal(2, sink.Outputs.OfType<Finding>().Select(f => f.Device).Distinct().Count());
            // A report has one section per device.
            var report = new SpiTools.Reporting.AuditReport();
            foreach (var o in sink.Outputs) report.Add(o);
            var html = new StringWriter();
            report.Write(html);
            Assert.Contains("data-device=\"10.0.0.1\"", html.ToString(), StringComparison.Ordinal);
            Assert.Contains("data-device=\"branch-7\"", html.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void A_collect_root_reads_back_with_the_live_findings()
        {
            var live = LiveDiagnosis.Run(new[] { Target("10.0.0.1", save: _dir), Target("10.0.0.2", save: _dir) }, new Fleet(), new SpiTools.Diagnosis.DiagnosisOptions(),
                new FakeSink());
            Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, live.Select(d => d.Device));

            var sink = new FakeSink();
            var files = CaptureFiles.Expand(_dir);
            var replayed = Diagnosed.Run(files, Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new SpiTools.Diagnosis.DiagnosisOptions(), sink);

            Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, replayed.Select(d => d.Device));
            Assert.NotEmpty(live.SelectMany(d => d.Findings));
            Assert.Equal(Keys(live.SelectMany(d => d.Findings)), Keys(replayed.SelectMany(d => d.Findings)));
            Assert.DoesNotContain(sink.Warnings, w => w.Contains("folders", StringComparison.Ordinal)); // not one device from two folders
        }

        [Fact]
        public void An_audit_root_reads_back_with_the_live_findings_its_run_before_as_before()
        {
            var targets = new List<DeviceTarget> { Target("10.0.0.1", "cust-a"), Target("10.0.0.1", "cust-b") };
            var first = new FakeSink();
            AuditService.Run(targets, new Fleet(), new AuditOptions { SaveCapture = _dir, RunStarted = DateTimeOffset.UtcNow.AddMinutes(-10) }, first, CancellationToken.None);
            var second = new FakeSink();
            AuditService.Run(targets, new Fleet(), new AuditOptions { SaveCapture = _dir }, second, CancellationToken.None);
            Assert.Contains(second.VerboseMessages, v => v.Contains("counters judged against", StringComparison.Ordinal));

            var sink = new FakeSink();
            var replayed = Diagnosed.Run(CaptureFiles.Expand(_dir), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new SpiTools.Diagnosis.DiagnosisOptions(), sink);

            Assert.Equal(new[] { "10.0.0.1/cust-a", "10.0.0.1/cust-b" }, replayed.Select(d => d.Device));
            Assert.Equal(Keys(second.Outputs.OfType<Finding>()), Keys(replayed.SelectMany(d => d.Findings)));
            // The device folder of one device gives its latest run too.
            var one = Diagnosed.Run(CaptureFiles.Expand(Path.Combine(_dir, "10.0.0.1_cust-a")), Array.Empty<(string?, IReadOnlyList<string?>)>(), null,
                new SpiTools.Diagnosis.DiagnosisOptions(), new FakeSink());
            Assert.Equal("10.0.0.1/cust-a", Assert.Single(one).Device);
        }

        [Fact]
        public void A_prompt_that_names_another_device_than_the_last_run_is_a_warning_not_a_merge()
        {
            var sink = new FakeSink();
            CollectionService.Collect(Target("10.0.0.1", save: _dir), new Fleet { Hostname = "fw-old" }, sink, CancellationToken.None);
            Assert.DoesNotContain(sink.Warnings, w => w.Contains("last saved run", StringComparison.Ordinal));
            CollectionService.Collect(Target("10.0.0.1", save: _dir), new Fleet { Hostname = "fw-new" }, sink, CancellationToken.None);
            Assert.Contains(sink.Warnings, w => w.Contains("'fw-new'", StringComparison.Ordinal) && w.Contains("'fw-old'", StringComparison.Ordinal));
            Assert.Equal(new[] { "10.0.0.1" }, Directory.GetDirectories(_dir).Select(Path.GetFileName));
            Assert.Equal("fw-new", CaptureManifest.Read(Path.Combine(_dir, "10.0.0.1"))!.Hostname);
        }

        [Fact]
        public void A_capture_without_a_prompt_is_named_by_its_folder_in_every_reader()
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "fw-x")).FullName;
            var file = Path.Combine(folder, "sa.txt");
            // The seed's SA listing without its echoed command line.
            File.WriteAllText(file, string.Join("\n", File.ReadAllLines(Captures.PathOf("asa-stale-spi/device/show-crypto-ipsec-sa.txt")).Skip(1)));

            var read = new FakeSink();
            CaptureReadService.ReadFile(file, CaptureReadOptions.IpsecSas(false), read);
            var sas = read.Outputs.OfType<IpsecSa>().ToList();
            Assert.NotEmpty(sas);
            Assert.All(sas, s => Assert.Equal("fw-x", s.Device));
            var diagnosed = DiagnosisService.Read(new[] { file }, Array.Empty<(string?, IReadOnlyList<string?>)>(), new FakeSink());
            Assert.Equal("fw-x", Assert.Single(diagnosed).Device);
        }
    }
}
