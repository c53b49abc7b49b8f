using SpiTools.Diagnosis;
using SpiTools.Core.Tests.Services;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Diagnosis
{
    /// <summary>
    /// The shared SRX hub and satellite outputs (Fixtures/vendors/juniper-srx, MANIFEST.md): the brief prints neither end's
    /// own address nor any proxy, so the two ends are known by their mirrored SPIs, and they agree.
    /// </summary>
    public class JunosPairTests
    {
        private static string Vendor(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "vendors", "juniper-srx", "show-security-ipsec-sa", file);

        private static List<Finding> Diagnose(params string[] files)
        {
            var sink = new FakeSink();
            var devices = Diagnosed.Run(files.Select(Vendor), Array.Empty<(string?, IReadOnlyList<string?>)>(), null,
                new DiagnosisOptions { IncludeHealthy = true }, sink);
            Assert.Empty(sink.Errors);
            return devices.SelectMany(d => d.Findings).ToList();
        }

        [Theory]
        [InlineData("junos-bits-vsrx12-ospf-hub-2tunnels-pair-with-sat1.txt", "junos-bits-vsrx12-ospf-sat1-1tunnel-pair-with-hub.txt", "vsrxhub", "vsrxsat1", "0x612799D9")]
        [InlineData("junos-bits-vsrx12-multihub-hub1-2tunnels-pair-with-sat1.txt", "junos-bits-vsrx12-multihub-sat1-2tunnels-mon-U-pair-with-hub1.txt", "vsrxhub1", "vsrxsat1", "0x2267FF45")]
        public void The_shared_hub_and_satellite_are_reported_as_agreeing(string hub, string sat, string hubName, string satName, string hubEncrypts)
        {
            var findings = Diagnose(hub, sat);
            var agree = Assert.Single(findings, f => f.Code == FindingCodes.EndsAgree);
            Assert.Equal((hubName, satName, hubEncrypts), (agree.Device, agree.PeerDevice, agree.Spi));
            // Neither end prints proxies: the evidence names none (no empty "for  -> ").
            Assert.StartsWith($"the SPIs agree in both directions: {hubName} encrypts with {hubEncrypts}", agree.Evidence);
            Assert.DoesNotContain(findings, f => f.Code == FindingCodes.SpiDesync);
        }
    }
}
