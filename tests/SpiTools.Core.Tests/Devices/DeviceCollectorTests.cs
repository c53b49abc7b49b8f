using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    public class DeviceCollectorTests
    {
        private static readonly DeviceFlow SeedFlow = DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389);

        private static DeviceCollection CollectFrom(ScriptedDevice d, CollectionRequest request, DeviceSessionOptions? options = null)
        {
            d.Start();
            using var s = new DeviceSession(d, options ?? DeviceSessionTests.Fast());
            return DeviceCollector.Collect(s, request);
        }

        [Fact]
        public void With_a_flow_the_seed_procedure_runs_and_finds_the_stale_context()
        {
            var d = ScriptedDevice.SeedAsa();
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow));

            Assert.Equal(new[]
            {
                "enable", "show version", "terminal pager 0",
                "packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed",
                "show asp table vpn-context detail",
                "show crypto ipsec sa",                     // the trace names no peer: the SAs do
                "show crypto ipsec sa peer 203.0.113.10",
                "show running-config crypto ipsec",
                "show vpn-sessiondb detail l2l",
            }, d.Commands);
            Assert.Equal(new[]
            {
                "packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed",
                "show asp table vpn-context detail",
                "show crypto ipsec sa peer 203.0.113.10",
            }, c.Outputs.Select(o => o.Command));
            Assert.Equal("203.0.113.10", c.Peer);
            Assert.Equal("fw-edge1", c.Device);

            // This (older) device has neither lifetime command: two warnings with its error line, and collection is complete.
            Assert.Equal(new[] { "show running-config crypto ipsec", "show vpn-sessiondb detail l2l" }, c.Warnings.Select(w => w.Command));
            Assert.All(c.Warnings, w => Assert.Equal("ERROR: % Invalid input detected at '^' marker.", w.DeviceErrorLine));
            Assert.True(c.IsComplete);

            var records = c.Parse().ToList();
            Assert.Equal("0x2D2EA0A4", records.OfType<PacketTrace>().Single().EncryptVpnContext);
            Assert.All(records.OfType<IpsecSa>(), sa => Assert.Equal("203.0.113.10", sa.Peer));
            Assert.Empty(records.OfType<ParseDiagnostic>());
            var findings = SpiDiagnosis.Diagnose(records).ToList();
            Assert.Contains(findings, f => f.Code == "StaleVpnContext");
        }

        [Fact]
        public void A_peer_given_or_named_is_used_without_listing_every_SA()
        {
            var d = ScriptedDevice.SeedAsa();
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow, peer: "203.0.113.10"));
            Assert.DoesNotContain("show crypto ipsec sa", d.Commands);
            Assert.Contains("show crypto ipsec sa peer 203.0.113.10", d.Commands);
            Assert.True(c.IsComplete);

            Assert.Equal("192.0.2.20", DeviceCollector.PeerNamedIn("Tunnel peer: 192.0.2.20, IKEv2\n"));
            Assert.Equal("2001:db8::5", DeviceCollector.PeerNamedIn("peer=2001:DB8::5\n"));
            Assert.Null(DeviceCollector.PeerNamedIn("Phase: 6\nType: VPN\n"));
        }

        [Fact]
        public void Saved_captures_replay_offline_as_the_bundled_files_do()
        {
            var d = ScriptedDevice.SeedAsa();
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow));
            var folder = Path.Combine(Path.GetTempPath(), "spitools-collect-" + Guid.NewGuid().ToString("N"));
            try
            {
                var paths = c.SaveCapture(folder);
                Assert.Equal(3, paths.Count);
                foreach (var name in new[] { "packet-tracer-input-inside-udp-10.255.203.102-1610-10.220.100.17-3389-detailed.txt", "show-asp-table-vpn-context-detail.txt" })
                    Assert.Equal(File.ReadAllText(Captures.PathOf("asa-stale-spi/device/" + name)), File.ReadAllText(Path.Combine(folder, name)));
                var offline = paths.SelectMany(p => CaptureParser.ParseFile(p)).ToList();
                Assert.Equal(c.Parse().Count(), offline.Count);
                Assert.Contains(SpiDiagnosis.Diagnose(offline), f => f.Code == "StaleVpnContext");
                Assert.DoesNotContain(Directory.EnumerateFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Without_a_flow_the_SAs_contexts_and_lifetimes_are_collected()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs["show running-config crypto ipsec"] = "crypto ipsec security-association lifetime seconds 28800\ncrypto ipsec security-association lifetime kilobytes 4608000";
            var c = CollectFrom(d, CollectionRequest.Create());
            Assert.Equal(new[] { "show crypto ipsec sa", "show asp table vpn-context detail", "show running-config crypto ipsec" }, c.Outputs.Select(o => o.Command));
            Assert.Equal("show vpn-sessiondb detail l2l", Assert.Single(c.Warnings).Command);
            Assert.Single(c.Parse().OfType<IpsecLifetime>());
            Assert.Equal(c.Outputs.Select(o => o.Command), DeviceCollector.Plan(DevicePlatform.Asa, CollectionRequest.Create()).Select(p => p.Command).Take(3));
        }

        [Fact]
        public void IOS_XE_collects_its_own_lifetime_commands()
        {
            var d = new ScriptedDevice("hub1") { IosPager = true };
            d.Outputs["show version"] = "Cisco IOS XE Software, Version 16.12.05";
            d.Outputs["show crypto ipsec sa"] = File.ReadAllText(Captures.PathOf("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt")).Split('\n', 2)[1];
            d.Outputs["show crypto ipsec profile"] = File.ReadAllText(Captures.PathOf("iosxe-dmvpn-multi-spi/show-crypto-ipsec-profile.txt")).Split('\n', 2)[1];
            var c = CollectFrom(d, CollectionRequest.Create());
            Assert.Equal(DevicePlatform.IosXe, c.Platform);
            Assert.Equal(new[] { "show crypto ipsec sa", "show crypto ipsec profile" }, c.Outputs.Select(o => o.Command));
            Assert.Equal("show crypto ipsec security-association lifetime", Assert.Single(c.Warnings).Command);
            Assert.Equal(6, c.Parse().OfType<IpsecSa>().Count(sa => sa.Spi != null));
            Assert.DoesNotContain(d.Commands, x => x.StartsWith("packet-tracer", StringComparison.Ordinal) || x.StartsWith("show asp", StringComparison.Ordinal));
        }

        [Fact]
        public void A_rejected_required_command_is_an_error_and_collection_goes_on()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs.Remove("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed");
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow));
            var e = Assert.Single(c.Errors);
            Assert.Equal(ErrorIds.CommandRejected, e.ErrorId);
            Assert.False(c.IsComplete);
            Assert.Contains(c.Outputs, o => o.Command == "show crypto ipsec sa peer 203.0.113.10");
        }

        [Fact]
        public void A_disconnect_ends_collection_keeping_only_complete_outputs()
        {
            var d = ScriptedDevice.SeedAsa();
            d.DisconnectDuring.Add("show asp table vpn-context detail");
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow));
            Assert.Equal(ErrorIds.DeviceDisconnected, c.Failure?.ErrorId);
            Assert.Equal("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed", Assert.Single(c.Outputs).Command);
            Assert.False(c.IsComplete);
        }

        [Fact]
        public void A_multi_context_collection_runs_in_the_context_and_says_so_in_the_captures()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Contexts.Add("cust-a");
            var c = CollectFrom(d, CollectionRequest.Create(context: "cust-a"));
            Assert.Equal("cust-a", c.Context);
            Assert.All(c.Outputs, o => Assert.Equal("fw-edge1/cust-a#", o.Prompt));
            Assert.Equal("changeto context cust-a", d.Commands[3]);
        }

        [Fact]
        public void Secrets_reach_no_output_saved_file_warning_or_error()
        {
            var d = ScriptedDevice.SeedAsa();
            d.EchoSecret = true; // echoed in the enable exchange: masked there, and nothing of that exchange is handed on
            d.RawReplies["show vpn-sessiondb detail l2l"] = "ERROR: % Invalid input detected\r\nfw-edge1# ";
            var c = CollectFrom(d, CollectionRequest.Create(SeedFlow));
            var folder = Path.Combine(Path.GetTempPath(), "spitools-secret-" + Guid.NewGuid().ToString("N"));
            try
            {
                c.SaveCapture(folder);
                var everything = string.Join("\n", c.Captures()) + string.Join("\n", c.Warnings.Select(w => w.Message + w.DeviceErrorLine))
                    + string.Join("\n", Directory.EnumerateFiles(folder).Select(File.ReadAllText));
                Assert.DoesNotContain(DeviceSessionTests.Secret, everything);
                Assert.DoesNotContain(DeviceSecret.Mask, everything);
                Assert.Contains(c.Warnings, w => w.DeviceErrorLine == "ERROR: % Invalid input detected");
                Assert.Equal(3, c.Outputs.Count);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void A_request_with_a_bad_value_fails_before_any_session()
        {
            Assert.Equal(ErrorIds.InvalidDeviceArgument, Assert.Throws<DeviceException>(() => CollectionRequest.Create(peer: "1.2.3.4\nreload")).ErrorId);
            Assert.Equal(ErrorIds.InvalidDeviceArgument, Assert.Throws<DeviceException>(() => CollectionRequest.Create(context: "a;b")).ErrorId);
            Assert.Equal("1.2.3.4", CollectionRequest.Create(peer: "1.2.3.4").Peer);
        }

        [Theory]
        [InlineData("10.220.100.17", "10.220.100.0", "255.255.255.0", true)]
        [InlineData("10.220.101.17", "10.220.100.0", "255.255.255.0", false)]
        [InlineData("2001:db8:1::5", "2001:db8:1::", "48", true)]
        [InlineData("2001:db8:2::5", "2001:db8:1::", "/48", false)]
        [InlineData("10.0.0.1", "2001:db8:1::", "48", false)]
        public void Network_containment(string address, string network, string mask, bool expected)
        {
            Assert.Equal(expected, DeviceCollector.Contains(network, mask, System.Net.IPAddress.Parse(address)));
        }
    }
}

namespace SpiTools.Core.Tests.Devices
{
    public class IkeCollectionTests
    {
        [Fact]
        public void The_ike_sa_tables_are_collected_only_when_asked_and_parse_into_ike_sas()
        {
            var ikeText = File.ReadAllLines(Captures.PathOf("peers/ntc-templates/cisco_asa/show-crypto-ikev1-sa-detail/cisco_asa_show_crypto_ikev1_sa_detail.raw"))
                .SkipWhile(l => l.Contains("show crypto", StringComparison.Ordinal));
            var plain = ScriptedDevice.SeedAsa();
            plain.Start();
            using (var s = new DeviceSession(plain, DeviceSessionTests.Fast()))
                DeviceCollector.Collect(s, CollectionRequest.Create());
            Assert.DoesNotContain(plain.Commands, c => c.Contains("ike", StringComparison.Ordinal) || c.Contains("isakmp", StringComparison.Ordinal));

            var d = ScriptedDevice.SeedAsa();
            d.Outputs["show crypto ikev1 sa detail"] = string.Join("\n", ikeText);
            d.Start();
            DeviceCollection c;
            using (var s = new DeviceSession(d, DeviceSessionTests.Fast()))
                c = DeviceCollector.Collect(s, CollectionRequest.Create().WithIkeSas());
            Assert.Contains("show crypto ikev1 sa detail", d.Commands);
            Assert.Contains("show crypto ikev2 sa detail", d.Commands);
            // This device has no IKEv2 table: a warning with its own error line, and the collection goes on.
            Assert.Contains(c.Warnings, w => w.Command == "show crypto ikev2 sa detail");
            Assert.NotEmpty(c.Parse().OfType<IkeSa>());
            Assert.Equal(4, c.Parse().OfType<IpsecSa>().Count());
        }
    }
}
