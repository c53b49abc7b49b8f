using System.Management.Automation;
using System.Security;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>
    /// Invoke-SpiAudit's parameters, held to what spitools audit holds its options to (-PathLossTolerancePercent,
    /// -Partition, -CommandTimeoutSeconds, -HostKeyFingerprint), and its targets made as every verb makes them: a device
    /// given twice (host, port, context) audited once, two contexts of one box two devices.
    /// </summary>
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

        private static string? ErrorId(PowerShellHost.Result r) =>
            r.Errors.Select(e => e.FullyQualifiedErrorId).FirstOrDefault() ?? (r.Terminating as IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId;

        [Theory]
        [InlineData("-Partition 3/2", "ParameterArgumentValidationError,")]
        [InlineData("-Partition 0/2", "ParameterArgumentValidationError,")]
        [InlineData("-CommandTimeoutSeconds 0", "ParameterArgumentValidationError,")]
        [InlineData("-CommandTimeoutSeconds 3601", "ParameterArgumentValidationError,")]
        [InlineData("-HostKeyFingerprint MD5:aa:bb", "InvalidDeviceArgument,")]
        [InlineData("-Context 'cust a'", "InvalidDeviceArgument,")]
        public void A_value_spitools_audit_refuses_is_refused_before_any_device_is_contacted(string parameter, string errorId)
        {
            var r = _ps.Run($"Invoke-SpiAudit -ComputerName 127.0.0.1 -Port 1 -Credential $cred {parameter}", Login());
            Assert.StartsWith(errorId, ErrorId(r));
            Assert.Empty(r.Output);
        }

        [Theory]
        [InlineData("-Partition 1/1")]
        [InlineData("-CommandTimeoutSeconds 3600")]
        [InlineData("-HostKeyFingerprint SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
        [InlineData("-Context cust_a.1")]
        public void The_same_parameters_in_range_are_taken_and_the_audit_runs(string parameter)
        {
            var r = _ps.Run($"Invoke-SpiAudit -ComputerName 127.0.0.1 -Port 1 -Credential $cred {parameter} -ErrorAction SilentlyContinue", Login());
            Assert.Null(r.Terminating);
            var summary = Assert.Single(r.Output, o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary");
            Assert.Equal("ConnectionRefused", summary.Properties["ErrorId"].Value);
        }

        [Fact]
        public void A_device_given_twice_is_audited_once_and_two_contexts_of_one_box_are_two_devices()
        {
            var r = _ps.Run("""
                @(
                    [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Context = 'cust-a' }
                    [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Context = 'cust-b' }
                    [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Context = 'CUST-A' }
                    [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Context = '' }
                    [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = 1; Context = '' }
                ) | Invoke-SpiAudit -Credential $cred -ErrorAction SilentlyContinue
                """, Login());
            Assert.Null(r.Terminating);
            var summaries = r.Output.Where(o => o.TypeNames[0] == "SpiTools.DeviceAuditSummary").ToList();
            Assert.Equal(3, summaries.Count);
            Assert.Equal(new[] { "127.0.0.1:1/CUST-A: given twice; worked on once", "127.0.0.1:1: given twice; worked on once" }, r.Warnings);
        }
    }
}
