using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SpiTools.PowerShell.Tests
{
    /// <summary>A device error record says what to do (ErrorDetails.RecommendedAction), naming the module's own parameters.</summary>
    public class ErrorRemedyTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellHost _ps;

        public ErrorRemedyTests(PowerShellFixture fixture) => _ps = fixture.Host;

        private static Assembly Module() => AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "SpiTools" && a.GetType("SpiTools.Internal.ErrorRecords") != null);

        private static Assembly Core() => AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "SpiTools.Core" && a.GetType("SpiTools.Abstractions.ErrorRemedies") != null);

        /// <summary>The ErrorIds that have a remedy, read from the core the module loaded.</summary>
        public static IEnumerable<object[]> ErrorIdsWithRemedy()
        {
            using var host = new PowerShellHost();
            var ids = (IEnumerable<string>)Core().GetType("SpiTools.Abstractions.ErrorRemedies")!.GetProperty("ErrorIdsWithRemedy")!.GetValue(null)!;
            return ids.Select(id => new object[] { id }).ToList();
        }

        private HashSet<string> Parameters() =>
            _ps.Run("(Get-Command -Module SpiTools).Parameters.Keys").Strings().ToHashSet(StringComparer.OrdinalIgnoreCase);

        [Theory]
        [MemberData(nameof(ErrorIdsWithRemedy))]
        public void The_error_record_recommends_an_action_with_the_parameters_of_the_module(string errorId)
        {
            var create = Module().GetType("SpiTools.Internal.ErrorRecords")!.GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic)!;
            var record = (ErrorRecord)create.Invoke(null, new object?[] { new InvalidOperationException("fw-edge1: it failed."), errorId, ErrorCategory.NotSpecified, "fw-edge1" })!;
            Assert.Equal(errorId, record.FullyQualifiedErrorId);
            Assert.Equal("fw-edge1: it failed.", record.ErrorDetails.Message);
            var action = record.ErrorDetails.RecommendedAction;
            Assert.False(string.IsNullOrEmpty(action));
            Assert.DoesNotMatch(@"\{[A-Za-z]+\}", action); // every placeholder replaced
            Assert.DoesNotContain("--", action);
            var parameters = Parameters();
            foreach (Match m in Regex.Matches(action, @"(?<![\w-])-([A-Z][A-Za-z]+)"))
                Assert.True(parameters.Contains(m.Groups[1].Value), $"{errorId}: -{m.Groups[1].Value} is no parameter of a SpiTools cmdlet");
        }

        [Fact]
        public void Every_parameter_a_remedy_may_name_has_a_spelling()
        {
            var keys = (string[])Core().GetType("SpiTools.Abstractions.RemedyParameter")!.GetField("All")!.GetValue(null)!;
            var names = (IReadOnlyDictionary<string, string>)Module().GetType("SpiTools.Internal.ErrorRecords")!.GetField("ParameterNames", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
            Assert.All(keys, k => Assert.True(names.ContainsKey(k), $"no PowerShell spelling for {k}"));
        }

        [Fact]
        public void A_refused_connection_recommends_checking_the_port_and_the_records_still_carry_the_ErrorId()
        {
            var r = _ps.Run("$c = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)); Get-IpsecSa -ComputerName 127.0.0.1 -Port 1 -Credential $c");
            var e = Assert.Single(r.Errors);
            Assert.Equal("ConnectionRefused", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("connection refused", e.ErrorDetails.Message);
            Assert.StartsWith("Check the address and the SSH port (-Port)", e.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_missing_enable_secret_names_EnableCredential_and_an_unknown_host_key_names_the_host_key_parameters()
        {
            var module = Module().GetType("SpiTools.Internal.ErrorRecords")!.GetMethod("Remedy", BindingFlags.Static | BindingFlags.NonPublic)!;
            Assert.StartsWith("Give the enable secret with -EnableCredential,", (string)module.Invoke(null, new object?[] { "EnableFailed", null })!);
            Assert.Contains("pass it with -HostKeyFingerprint SHA256:…, or record it on first contact with -AcceptNewHostKey.", (string)module.Invoke(null, new object?[] { "HostKeyUnknown", null })!);
        }
    }
}
