using System.Threading;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>Live devices collected one after the other are paired as the two ends of their tunnels, as captures are.</summary>
    public class CollectionEndsTests
    {
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

        private static DeviceTarget Target(string host) => new()
        {
            Name = host,
            Connect = new DeviceConnectOptions { Host = host, Port = 22, UserName = "netops", Password = new DeviceSecret("login-Secret-1") },
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            Request = CollectionRequest.Create(),
            CommandTimeout = TimeSpan.FromSeconds(5),
        };

        /// <summary>The far end as a scripted ASA serving a fixture folder's outputs (each file's echoed command line dropped).</summary>
        private static ScriptedDevice FarEnd(string hostname, string folder)
        {
            var d = new ScriptedDevice(hostname);
            foreach (var file in Directory.EnumerateFiles(Captures.PathOf("../ends/" + folder)))
            {
                var lines = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
                d.Outputs[lines[0].Substring(lines[0].IndexOf('#') + 1).Trim()] = string.Join("\n", lines.Skip(1));
            }
            d.Outputs["show version"] = "Cisco Adaptive Security Appliance Software Version 9.16(4)";
            return d;
        }

        [Fact]
        public void Two_devices_collected_are_paired_and_a_fault_on_one_end_is_no_clean_tunnel()
        {
            var devices = new Dictionary<string, ScriptedDevice>
            {
                ["fw-edge1.example"] = ScriptedDevice.SeedAsa(),
                ["fw-branch.example"] = FarEnd("fw-branch", "asa-proxy/fw-branch"),
            };
            var sink = new FakeSink();
            var diagnosed = LiveDiagnosis.Run(new[] { Target("fw-edge1.example"), Target("fw-branch.example") }, new Connector(devices),
                new DiagnosisOptions { IncludeHealthy = true }, sink);
            Assert.Empty(sink.Errors);
            Assert.Equal(new[] { "fw-edge1.example", "fw-branch.example" }, diagnosed.Select(d => d.Device));
            var edge = diagnosed[0].Findings;
            // fw-edge1's own verdicts first, then what comparing it with fw-branch adds.
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic", "ProxyMismatch" }, edge.Select(f => f.Code));
            Assert.Equal("fw-branch.example", edge[2].PeerDevice);
            Assert.Contains(diagnosed[1].Findings, f => f.Code == "ProxyMismatch" && f.PeerDevice == "fw-edge1.example");
            Assert.DoesNotContain(diagnosed.SelectMany(d => d.Findings), f => f.Code == "EndsAgree");

            // Collected one by one (as Compare-SpiContext does, to output each device's findings early): the same pairing afterwards.
            var one = LiveDiagnosis.Run(new[] { Target("fw-edge1.example") }, new Connector(new() { ["fw-edge1.example"] = ScriptedDevice.SeedAsa() }), new DiagnosisOptions(), sink);
            var two = LiveDiagnosis.Run(new[] { Target("fw-branch.example") }, new Connector(new() { ["fw-branch.example"] = FarEnd("fw-branch", "asa-proxy/fw-branch") }), new DiagnosisOptions(), sink);
            Assert.DoesNotContain(one.Concat(two).SelectMany(d => d.Findings), f => f.PeerDevice != null);
            var ends = DiagnosisService.DiagnoseEnds(one.Concat(two).ToList(), null, new DiagnosisOptions());
            Assert.Equal(diagnosed.SelectMany(d => d.Findings).Where(f => f.PeerDevice != null).Select(f => f.Evidence), ends.Select(f => f.Evidence));
        }

        [Fact]
        public void A_clean_pair_collected_live_agrees_when_asked()
        {
            var edge = FarEnd("fw-edge1", "asa-clean/fw-edge1");
            var devices = new Dictionary<string, ScriptedDevice> { ["a"] = edge, ["b"] = FarEnd("fw-branch", "asa-clean/fw-branch") };
            var sink = new FakeSink();
            var diagnosed = LiveDiagnosis.Run(new[] { Target("a"), Target("b") }, new Connector(devices), new DiagnosisOptions { IncludeHealthy = true }, sink);
            Assert.Empty(sink.Errors);
            var agree = Assert.Single(diagnosed.SelectMany(d => d.Findings));
            Assert.Equal(("EndsAgree", "a", "b"), (agree.Code, agree.Device, agree.PeerDevice)); // by identity (the hosts), not the prompts
        }
    }
}
