using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>Collection for the front ends, over the scripted device: records, findings, saved captures, typed errors.</summary>
    public class CollectionServiceTests : IDisposable
    {
        private static readonly DeviceFlow SeedFlow = DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389);
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-collect").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        /// <summary>A connector that hands out the scripted device, or fails the way a connection can.</summary>
        private sealed class FakeConnector : IDeviceConnector
        {
            private readonly Func<DeviceConnectOptions, IDeviceChannel> _connect;
            public FakeConnector(Func<DeviceConnectOptions, IDeviceChannel> connect) => _connect = connect;
            public List<DeviceConnectOptions> Calls { get; } = new();
            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                Calls.Add(options);
                return _connect(options);
            }
        }

        private static DeviceTarget Target(string? save = null, DeviceFlow? flow = null) => new()
        {
            Name = "fw-edge1.example",
            Connect = new DeviceConnectOptions { Host = "127.0.0.1", Port = 2222, UserName = "netops", Password = new DeviceSecret("login-Secret-1") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            Request = CollectionRequest.Create(flow),
            CommandTimeout = TimeSpan.FromSeconds(5),
            SaveCapture = save,
        };

        private static IDeviceChannel Started(ScriptedDevice d)
        {
            d.Start();
            return d;
        }

        [Fact]
        public void Diagnosing_a_live_device_with_a_flow_finds_the_stale_context_and_saved_captures_replay_the_same()
        {
            var device = ScriptedDevice.SeedAsa();
            var connector = new FakeConnector(_ => Started(device));
            var sink = new FakeSink();
            var diagnosed = LiveDiagnosis.Run(new[] { Target(_dir, SeedFlow) }, connector, new DiagnosisOptions(), sink);
            var d = Assert.Single(diagnosed);
            Assert.Equal("127.0.0.1:2222", d.Device); // its identity (host:port), not its prompt's fw-edge1
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, d.Findings.Select(f => f.Code));
            Assert.Empty(sink.Errors);
            // The older device lacks the lifetime commands: warnings with its own error line; the diagnosis ran anyway.
            Assert.Equal(2, sink.Warnings.Count(w => w.Contains("show running-config crypto ipsec") || w.Contains("show vpn-sessiondb detail l2l")));

            var saved = Path.Combine(_dir, "127.0.0.1_2222");
            Assert.Equal(3, CaptureFiles.InFolder(saved).Count);
            var replay = new FakeSink();
            Diagnosed.Run(CaptureFiles.InFolder(saved), Array.Empty<(string?, IReadOnlyList<string?>)>(), null, new DiagnosisOptions(), replay);
            Assert.Equal(d.Findings.Select(f => (f.Code, f.Spi, f.Evidence)), replay.Outputs.OfType<Finding>().Select(f => (f.Code, f.Spi, f.Evidence)));

            // Secrets: the enable secret went to the device (once, as the answer to Password:) and nowhere else.
            Assert.Contains("s3cr3t-Enable!", device.AllWritten);
            var everything = string.Join("\n", sink.Warnings.Concat(sink.VerboseMessages).Concat(Directory.GetFiles(saved).Select(File.ReadAllText)));
            Assert.DoesNotContain("s3cr3t-Enable!", everything);
            Assert.DoesNotContain("login-Secret-1", everything);
            Assert.Equal(2222, Assert.Single(connector.Calls).Port);
        }

        [Fact]
        public void Reading_a_live_device_outputs_the_records_of_the_cmdlet()
        {
            var sink = new FakeSink();
            CollectionService.Read(Target(), new FakeConnector(_ => Started(ScriptedDevice.SeedAsa())), CaptureReadOptions.IpsecSas(false), sink, CancellationToken.None);
            var sas = sink.Outputs.OfType<IpsecSa>().ToList();
            Assert.Equal(4, sas.Count);
            Assert.All(sas, s => Assert.Equal("127.0.0.1:2222", s.Device));
            Assert.Empty(sink.Errors);
        }

        [Theory]
        [InlineData(nameof(ErrorIds.AuthenticationFailed))]
        [InlineData(nameof(ErrorIds.HostKeyUnknown))]
        [InlineData(nameof(ErrorIds.ConnectionRefused))]
        public void A_connection_failure_is_a_typed_error_and_the_next_device_is_still_collected(string errorId)
        {
            int calls = 0;
            var connector = new FakeConnector(o =>
            {
                if (calls++ == 0) throw new DeviceException(errorId, SpiErrorCategory.ConnectionError, $"{o.Host}: {errorId}");
                return Started(ScriptedDevice.SeedAsa());
            });
            var sink = new FakeSink();
            var diagnosed = LiveDiagnosis.Run(new[] { Target(), Target() }, connector, new DiagnosisOptions(), sink);
            var error = Assert.Single(sink.Errors);
            Assert.Equal(errorId, error.Id);
            Assert.Equal("127.0.0.1:2222", error.Target); // its identity: host:port
            Assert.Equal($"127.0.0.1:2222: {errorId}", error.Exception.Message);
            Assert.Single(diagnosed);
        }

        [Theory]
        [InlineData("127.0.0.1:2222: connection refused.", "connection refused.")] // the SSH connector's host:port
        [InlineData("[127.0.0.1]:2222: the ssh-ed25519 host key SHA256:x is not known.", "the ssh-ed25519 host key SHA256:x is not known.")] // the host-key check's
        [InlineData("127.0.0.1: authentication failed.", "authentication failed.")] // the bare host
        [InlineData("Port: 70000 is not a port (1-65535).", "Port: 70000 is not a port (1-65535).")] // no device named: the label goes in front
        public void A_connection_failure_is_named_by_the_inventorys_name_with_the_address_in_the_message_and_by_the_identity_as_target(string said, string rest)
        {
            var connector = new FakeConnector(_ => throw new DeviceException(ErrorIds.ConnectionRefused, SpiErrorCategory.ConnectionError, said));
            var target = Target();
            target.InventoryName = "branch-9";
            target.Request = CollectionRequest.Create(null, null, "cust-a");
            var sink = new FakeSink();
            Assert.Null(CollectionService.Collect(target, connector, sink, CancellationToken.None));
            var error = Assert.Single(sink.Errors);
            Assert.Equal("branch-9", error.Target);
            var ex = Assert.IsType<DeviceException>(error.Exception);
            Assert.Equal("branch-9 (127.0.0.1:2222/cust-a): " + rest, ex.Message);
            Assert.Equal("branch-9", ex.Device);
            Assert.Equal(ErrorIds.ConnectionRefused, ex.ErrorId);

            // Without an inventory name the identity is the address, and the message is named by it.
            var plain = Target();
            plain.Request = CollectionRequest.Create(null, null, "cust-a");
            var sink2 = new FakeSink();
            Assert.Null(CollectionService.Collect(plain, new FakeConnector(_ => throw new DeviceException(ErrorIds.ConnectionRefused, SpiErrorCategory.ConnectionError, said)), sink2, CancellationToken.None));
            var error2 = Assert.Single(sink2.Errors);
            Assert.Equal("127.0.0.1:2222/cust-a", error2.Target);
            Assert.Equal("127.0.0.1:2222/cust-a: " + rest, error2.Exception.Message);
        }

        [Fact]
        public void A_device_named_by_the_inventory_that_fails_in_its_session_is_named_so_and_one_that_works_is_collected_as_ever()
        {
            var device = ScriptedDevice.SeedAsa();
            device.DisconnectDuring.Add("show asp table vpn-context detail");
            var failing = Target(flow: SeedFlow);
            failing.InventoryName = "edge-lab";
            var sink = new FakeSink();
            var collection = CollectionService.Collect(failing, new FakeConnector(_ => Started(device)), sink, CancellationToken.None);
            Assert.NotNull(collection);
            var error = Assert.Single(sink.Errors, e => e.Id == ErrorIds.DeviceDisconnected);
            Assert.Equal("edge-lab", error.Target);
            Assert.StartsWith("edge-lab (127.0.0.1:2222): ", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal("edge-lab", ((DeviceException)error.Exception).Device);

            var healthy = Target();
            healthy.InventoryName = "edge-lab";
            var ok = new FakeSink();
            CollectionService.Read(healthy, new FakeConnector(_ => Started(ScriptedDevice.SeedAsa())), CaptureReadOptions.IpsecSas(false), ok, CancellationToken.None);
            Assert.Empty(ok.Errors);
            Assert.Equal(4, ok.Outputs.OfType<IpsecSa>().Count());
            Assert.All(ok.Outputs.OfType<IpsecSa>(), s => Assert.Equal("edge-lab", s.Device));
        }

        [Fact]
        public void A_device_that_drops_mid_output_is_a_typed_error_and_nothing_half_read_is_diagnosed()
        {
            var device = ScriptedDevice.SeedAsa();
            device.DisconnectDuring.Add("show asp table vpn-context detail");
            var sink = new FakeSink();
            var diagnosed = LiveDiagnosis.Run(new[] { Target(flow: SeedFlow) }, new FakeConnector(_ => Started(device)), new DiagnosisOptions(), sink);
            Assert.Contains(sink.Errors, e => e.Id == ErrorIds.DeviceDisconnected);
            Assert.DoesNotContain(diagnosed.SelectMany(d => d.Records).OfType<VpnContext>(), c => true);
        }

        [Fact]
        public void A_folder_name_never_escapes_the_capture_folder()
        {
            Assert.Equal("fw1", CollectionService.SafeFolderName("fw1"));
            Assert.Equal("_.._etc_passwd", CollectionService.SafeFolderName("/../etc/passwd"));
            Assert.Equal("fw-1.lab_ctx", CollectionService.SafeFolderName("fw-1.lab/ctx"));
            Assert.Equal("device", CollectionService.SafeFolderName(".."));
        }
    }
}
