using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>The plan what-if lists is, command for command, what the session sends.</summary>
    public class CollectionPlanTests
    {
        private static readonly DeviceFlow SeedFlow = DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389);

        /// <summary>Collects, then compares what the device received with the session plan listed for the platform found.</summary>
        private static void SentAsListed(ScriptedDevice d, CollectionRequest request)
        {
            d.Start();
            DeviceCollection c;
            using (var s = new DeviceSession(d, DeviceSessionTests.Fast()))
                c = DeviceCollector.Collect(s, request);
            Assert.Null(c.Failure);
            var listed = DeviceCollector.SessionPlan(c.Platform, request, asksVersion: true)
                .Where(x => x != DeviceCollector.PromptKeystrokeText)
                .Select(x => x.Replace("<peer>", c.Peer ?? "<peer>"))
                .ToList();
            Assert.Equal(listed, d.Commands);
        }

        [Fact]
        public void ASA_with_a_flow_sends_what_is_listed() => SentAsListed(ScriptedDevice.SeedAsa(), CollectionRequest.Create(SeedFlow).WithIkeSas().WithLog());

        [Fact]
        public void ASA_without_a_flow_in_a_context_sends_what_is_listed()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Contexts.Add("cust-a");
            SentAsListed(d, CollectionRequest.Create(null, null, "cust-a", includeInactive: true));
        }

        [Fact]
        public void IOS_XE_with_a_flow_lists_the_peer_it_finds_in_the_SAs()
        {
            var d = IosXe();
            var request = CollectionRequest.Create(DeviceFlow.Create("Tunnel0", "udp", "172.17.3.1", 500, "172.17.3.2", 500));
            SentAsListed(d, request);
            Assert.Contains("show crypto ipsec sa peer 172.17.3.2", d.Commands);
            Assert.Equal(new[] { "show crypto ipsec sa", "show crypto ipsec sa peer <peer>" },
                DeviceCollector.Plan(DevicePlatform.IosXe, request).Select(p => p.Command).Take(2));
        }

        [Fact]
        public void IOS_XE_without_a_flow_sends_what_is_listed() => SentAsListed(IosXe(), CollectionRequest.Create().WithIkeSas().WithLog());

        [Fact]
        public void A_collection_keeps_the_plan_it_ran()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Start();
            using var s = new DeviceSession(d, DeviceSessionTests.Fast());
            var request = CollectionRequest.Create(SeedFlow);
            var c = DeviceCollector.Collect(s, request);
            Assert.NotNull(c.Plan);
            Assert.Same(request, c.Plan!.Request);
            Assert.Equal(DevicePlatform.Asa, c.Plan.Platform);
            Assert.Equal(DeviceCollector.Plan(DevicePlatform.Asa, request).Select(p => p.Command), c.Plan.Commands.Select(p => p.Command));
        }

        [Fact]
        public void Each_profile_is_its_platform_and_sends_only_allowed_commands()
        {
            foreach (var p in PlatformProfile.All)
            {
                Assert.Same(p, PlatformProfile.For(p.Platform));
                foreach (var text in p.Paging.Concat(p.IkeSaCommands).Concat(p.LifetimeShowCommands))
                    Assert.True(CommandPolicy.IsAllowed(text, text.StartsWith("terminal", StringComparison.Ordinal) ? DeviceCommandKind.Setup : DeviceCommandKind.Show, out _), text);
                Assert.True(CommandPolicy.IsAllowed(p.LogFilter, DeviceCommandKind.Show, out _));
                foreach (var clear in p.ClearCommands)
                    Assert.True(CommandPolicy.IsAllowed(clear, DeviceCommandKind.StateChange, out _), clear);
            }
            Assert.Same(PlatformProfile.Asa, PlatformProfile.For(DevicePlatform.Auto));
            Assert.Same(PlatformProfile.IosXe, PlatformProfile.ForRecord("IOS"));
            Assert.Same(PlatformProfile.Asa, PlatformProfile.ForRecord("ASA"));
            Assert.Same(PlatformProfile.Ftd, PlatformProfile.FromVersion("Cisco Firepower Threat Defense for VMware v7.2 ... Cisco Adaptive Security Appliance Software Version 9.18"));
            Assert.Empty(PlatformProfile.IosXe.ClearCommands);
        }

        private static ScriptedDevice IosXe()
        {
            var d = new ScriptedDevice("hub1") { IosPager = true };
            d.Outputs["show version"] = "Cisco IOS XE Software, Version 16.12.05";
            var sas = File.ReadAllText(Captures.PathOf("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt")).Split('\n', 2)[1];
            d.Outputs["show crypto ipsec sa"] = sas;
            d.Outputs["show crypto ipsec sa peer 172.17.3.2"] = sas;
            return d;
        }
    }
}
