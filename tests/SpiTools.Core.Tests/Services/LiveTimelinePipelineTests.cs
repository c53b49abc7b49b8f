using System.Threading;
using SpiTools.Core.Tests.Devices;
using SpiTools.Core.Tests.Diagnosis;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Services;
using SpiTools.Services.Pipelines;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// The diagnosis pipeline gives the timeline findings every device's log, the same way for live devices as for the
    /// captures they were saved in: two ends whose logs hold one rekey collision give one RekeyCollision, live and replayed.
    /// </summary>
    public sealed class LiveTimelinePipelineTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-live-timeline").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private sealed class Connector : IDeviceConnector
        {
            private readonly Dictionary<string, ScriptedDevice> _devices;
            public Connector(Dictionary<string, ScriptedDevice> devices) => _devices = devices;
            public IDeviceChannel Connect(DeviceConnectOptions options, CancellationToken cancellationToken)
            {
                var d = _devices[options.Host];
                d.Start();
                return d;
            }
        }

        /// <summary>An end whose SA table is empty and whose log buffer holds its debug of the collision.</summary>
        private static ScriptedDevice End(string hostname, string log)
        {
            var d = new ScriptedDevice(hostname);
            d.Outputs.Clear();
            d.Outputs["show version"] = "Cisco Adaptive Security Appliance Software Version 9.16(4)";
            d.Outputs["show crypto ipsec sa"] = "There are no ipsec sas";
            d.Outputs[CommandPolicy.AsaLogFilter] = log;
            return d;
        }

        private DeviceTarget Target(string host) => new()
        {
            Name = host,
            Connect = new DeviceConnectOptions { Host = host, Port = 22, UserName = "netops", Password = new DeviceSecret("login-Secret-1") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            Request = CollectionRequest.Create().WithLog(),
            CommandTimeout = TimeSpan.FromSeconds(5),
            SaveCapture = _dir,
        };

        private static string Key(Finding f) => $"{f.Device} {f.Code} {f.Peer} {f.Severity} | {f.Evidence}";

        [Fact]
        public void Two_live_ends_logging_one_collision_give_it_once_as_their_saved_captures_do()
        {
            var devices = new Dictionary<string, ScriptedDevice>
            {
                ["hub.example"] = End("hub1", TimelineFindingTests.HubText(0.3)),
                ["spoke.example"] = End("spoke9", TimelineFindingTests.SpokeText(0.3)),
            };
            var sink = new FakeSink();
            var live = LiveDiagnosis.Run(new[] { Target("hub.example"), Target("spoke.example") }, new Connector(devices), new DiagnosisOptions(), sink);
            Assert.Empty(sink.Errors);
            // Named by their identities (the host each was reached by), not by the host names their prompts show.
            Assert.Equal(new[] { "hub.example", "spoke.example" }, live.Select(d => d.Device));
            // Each end's own log alone shows the collision too; with both logs in one diagnosis it is one tunnel, reported once.
            var collision = Assert.Single(live.SelectMany(d => d.Findings), f => f.Code == FindingCodes.RekeyCollision);
            Assert.Equal("hub.example", collision.Device);
            Assert.Contains("spoke.example started M-ID 2970012264", collision.Evidence);
            // Written to the sink once each, at the end (both devices hold a log, so nothing was final before).
            Assert.Equal(live.SelectMany(d => d.Findings).Select(Key), sink.Outputs.OfType<Finding>().Select(Key));

            var replaySink = new FakeSink();
            var replay = DiagnosePipeline.Begin(new DiagnosePipelineOptions(), replaySink);
            // The saved root, as `spitools diagnose DIR` reads it: each device folder named by its manifest.
            foreach (var file in CaptureFiles.Expand(_dir)) replay.Add(PipelineInput.File(file));
            var replayed = replay.End();
            Assert.Empty(replaySink.Errors);
            Assert.Equal(live.SelectMany(d => d.Findings).Select(Key), replayed.SelectMany(d => d.Findings).Select(Key));
        }

        [Fact]
        public void A_live_device_without_a_log_has_its_findings_written_when_it_is_collected()
        {
            var devices = new Dictionary<string, ScriptedDevice> { ["a"] = ScriptedDevice.SeedAsa(), ["b"] = End("spoke9", TimelineFindingTests.SpokeText(0.3)) };
            var sink = new FakeSink();
            var target = Target("a");
            target.Request = CollectionRequest.Create();
            var pipeline = DiagnosePipeline.Begin(new DiagnosePipelineOptions(), sink);
            pipeline.Add(PipelineInput.Live(target, new Connector(devices)));
            var early = sink.Outputs.OfType<Finding>().Select(Key).ToList();
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, sink.Outputs.OfType<Finding>().Select(f => f.Code));
            pipeline.Add(PipelineInput.Live(Target("b"), new Connector(devices)));
            Assert.Equal(early, sink.Outputs.OfType<Finding>().Select(Key)); // spoke9 has a log: its findings wait for the end
            var all = pipeline.End();
            // Nothing written twice, and everything the result holds was written.
            Assert.Equal(all.SelectMany(d => d.Findings).Select(Key).OrderBy(k => k, StringComparer.Ordinal),
                sink.Outputs.OfType<Finding>().Select(Key).OrderBy(k => k, StringComparer.Ordinal));
        }
    }
}
