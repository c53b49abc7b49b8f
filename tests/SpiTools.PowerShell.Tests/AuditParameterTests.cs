using System.Management.Automation;
using System.Security;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>Invoke-SpiAudit's -PathLossTolerancePercent: the range spitools audit --path-loss-tolerance holds it to.</summary>
    public class AuditParameterTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public AuditParameterTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private static Dictionary<string, object?> Login()
        {
            var password = new SecureString();
            foreach (char c in "unused") password.AppendChar(c);
            return new Dictionary<string, object?> { ["cred"] = new PSCredential("netops", password) };
        }

        [Theory]
        [InlineData("150")]
        [InlineData("-1")]
        public void A_tolerance_outside_0_to_100_is_refused_before_any_device_is_contacted(string value)
        {
            var r = _ps.Run($"Invoke-SpiAudit -ComputerName 127.0.0.1 -Port 1 -Credential $cred -PathLossTolerancePercent {value}", Login());
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Contains("PathLossTolerancePercent", error.Exception.Message);
            Assert.Empty(r.Output);
        }

        [Fact]
        public void A_tolerance_in_range_is_taken_and_the_audit_runs()
        {
            // Port 1 on loopback refuses: the audit ran and reported the device as failed.
            var r = _ps.Run("Invoke-SpiAudit -ComputerName 127.0.0.1 -Port 1 -Credential $cred -PathLossTolerancePercent 100 -ErrorAction SilentlyContinue", Login());
            Assert.Null(r.Terminating);
            var summary = Assert.Single(r.Output, o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary");
            Assert.Equal("ConnectionRefused", summary.Properties["ErrorId"].Value);
        }
    }
}
