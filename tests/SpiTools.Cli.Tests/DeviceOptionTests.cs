using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpiTools.Services;
using SpiTools.Services.Targets;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The device options of the verbs, as the cmdlets have them: the flow only where a flow is traced, every number
    /// held to the limits the cmdlets' attributes name (<see cref="OptionLimits"/>), and the audit's targets made as
    /// Invoke-SpiAudit makes them: a device given twice worked on once, a partition keeping its part.
    /// </summary>
    [Collection(nameof(ProcessSecrets))]
    public sealed class DeviceOptionTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-device-options").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static Command Verb(string name) => name switch
        {
            "collect" => CollectCommand.Create(),
            "diagnose" => DiagnoseCommand.Create(),
            "clear-inactive" => ClearInactiveCommand.Create(),
            "audit" => AuditCommand.Create(),
            "timeline" => TimelineCommand.Create(),
            _ => throw new ArgumentException(name),
        };

        private static IReadOnlyList<string> Errors(string verb, params string[] args) =>
            Verb(verb).Parse(verb == "collect" ? args.Concat(new[] { "--out", "x" }).ToArray() : args).Errors.Select(e => e.Message).ToList();

        [Theory]
        [InlineData("diagnose", true)]
        [InlineData("collect", true)]
        [InlineData("clear-inactive", true)]
        [InlineData("audit", false)]
        [InlineData("timeline", false)]
        public void The_flow_is_an_option_of_the_verbs_that_trace_one_only(string verb, bool traces)
        {
            var flow = new[] { "--flow", "inside", "udp", "10.0.0.1", "1000", "10.0.0.2", "2000" };
            Assert.Equal(traces, Verb(verb).Options.Any(o => o.Name == "--flow"));
            if (traces)
            {
                Assert.Empty(Errors(verb, flow));
            }
            else
            {
                // Refused as any unknown option is, naming it, before anything runs.
                var (exit, stdout, stderr) = SpitoolsProcess.Run(new[] { verb }.Concat(flow).Concat(new[] { "--host", "127.0.0.1" }).ToArray());
                Assert.Equal(ExitCodes.InvalidArgument, exit);
                Assert.Equal("", stdout);
                Assert.StartsWith($"spitools: --flow: no such option of {verb}", stderr);
            }
            // Every verb still reaches devices.
            Assert.Contains(Verb(verb).Options, o => o.Name == "--host");
        }

        [Fact]
        public void An_audit_has_the_options_of_invoke_spi_audit_and_not_the_one_device_ones()
        {
            var names = Verb("audit").Options.Select(o => o.Name).ToHashSet();
            foreach (var name in new[] { "--inventory", "--partition", "--device-timeout", "--timeout", "--prompt-timeout", "--throttle", "--host-key-fingerprint", "--path-loss-tolerance", "--rekey-threshold", "--out" })
                Assert.Contains(name, names);
            Assert.DoesNotContain("--peer", names);
            Assert.Contains("--out", Verb("timeline").Options.Select(o => o.Name));
        }

        public static TheoryData<string, string, double, double> Limits => new()
        {
            { "collect", "--port", OptionLimits.MinPort, OptionLimits.MaxPort },
            { "audit", "--port", OptionLimits.MinPort, OptionLimits.MaxPort },
            { "collect", "--timeout", OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds },
            { "audit", "--timeout", OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds },
            { "diagnose", "--prompt-timeout", OptionLimits.MinPromptTimeoutSeconds, OptionLimits.MaxPromptTimeoutSeconds },
            { "audit", "--device-timeout", OptionLimits.MinDeviceTimeoutSeconds, OptionLimits.MaxDeviceTimeoutSeconds },
            { "audit", "--throttle", OptionLimits.MinThrottleLimit, OptionLimits.MaxThrottleLimit },
            { "clear-inactive", "--settle-seconds", OptionLimits.MinSettleSeconds, OptionLimits.MaxSettleSeconds },
            { "diagnose", "--rekey-threshold", OptionLimits.MinRekeyThresholdSeconds, OptionLimits.MaxRekeyThresholdSeconds },
            { "audit", "--path-loss-tolerance", OptionLimits.MinPathLossTolerancePercent, OptionLimits.MaxPathLossTolerancePercent },
        };

        [Theory]
        [MemberData(nameof(Limits))]
        public void Every_number_is_held_to_the_limits_the_cmdlets_name_and_the_limits_themselves_are_taken(string verb, string option, double min, double max)
        {
            string N(double v) => v.ToString(CultureInfo.InvariantCulture);
            Assert.Empty(Errors(verb, option, N(min)));
            Assert.Empty(Errors(verb, option, N(max)));
            Assert.Contains(Errors(verb, option, N(min - 1)), e => e.Contains("out of range"));
            Assert.Contains(Errors(verb, option, N(max + 1)), e => e.Contains("out of range"));
        }

        [Theory]
        [InlineData("diagnose", "--context", "cust;a", "cust-a")]
        [InlineData("audit", "--context", "cust a", "cust_a.1")]
        [InlineData("collect", "--host-key-fingerprint", "MD5:aa:bb", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
        [InlineData("audit", "--partition", "3/2", "2/2")]
        [InlineData("audit", "--partition", "1-2", "1/2")]
        public void A_value_of_the_wrong_shape_is_refused_as_the_cmdlets_refuse_it_and_a_good_one_taken(string verb, string option, string bad, string good)
        {
            Assert.NotEmpty(Errors(verb, option, bad));
            Assert.Empty(Errors(verb, option, good));
        }

        [Fact]
        public void An_audit_inventory_gives_each_device_once_by_host_port_and_context_and_the_partition_its_part()
        {
            var inventory = Path.Combine(_dir, "inventory.csv");
            File.WriteAllLines(inventory, new[]
            {
                "ComputerName,Port,Context,CredentialName,HostKeyFingerprint",
                "fw-edge1,,cust-a,,",
                "fw-edge1,,cust-b,,",
                "FW-EDGE1,22,cust-a,,",
                "fw-edge1,2222,cust-a,,",
                "rtr-b,,,lab,SHA256:" + new string('B', 43),
            });
            string variable = "SPITOOLS_PASSWORD_LAB";
            Environment.SetEnvironmentVariable(variable, "row-secret");
            Environment.SetEnvironmentVariable("SPITOOLS_TEST_DEVICE_OPTIONS_PW", "login-secret");
            try
            {
                var options = new DeviceOptions();
                var command = new Command("audit");
                options.AddFleetTo(command);
                var result = command.Parse(new[] { "--inventory", inventory, "--user", "netops", "--password-env", "SPITOOLS_TEST_DEVICE_OPTIONS_PW", "--device-timeout", "60" });
                Assert.Empty(result.Errors);
                var warnings = new List<string>();
                var targets = options.Targets(result, null, warnings.Add);
                Assert.Equal(new[] { "fw-edge1:22/cust-a", "fw-edge1:22/cust-b", "fw-edge1:2222/cust-a", "rtr-b:22/" },
                    targets.Select(t => $"{t.Name}:{t.Connect!.Port}/{t.Request.Context}"));
                Assert.Equal(new[] { "FW-EDGE1/cust-a: given twice; worked on once" }, warnings);
                Assert.All(targets, t => Assert.Equal(TimeSpan.FromSeconds(60), t.DeviceTimeout));
                Assert.Equal("SHA256:" + new string('B', 43), targets[3].Connect!.HostKeyFingerprint);
                Assert.Equal(10, targets[3].Connect!.Password!.Length);

                // The partition keeps the devices Invoke-SpiAudit -Partition keeps: host, and :port when not 22.
                var half = command.Parse(new[] { "--inventory", inventory, "--user", "netops", "--password-env", "SPITOOLS_TEST_DEVICE_OPTIONS_PW", "--partition", "1/2" });
                var kept = options.Targets(half, null).Select(t => DeviceTargetBuilder.PartitionKey(t.Connect!.Host, t.Connect.Port)).ToList();
                Assert.Equal(new[] { "fw-edge1", "fw-edge1", "fw-edge1:2222", "rtr-b" }.Where(k => AuditPartition.Includes(k, "1/2")), kept);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
                Environment.SetEnvironmentVariable("SPITOOLS_TEST_DEVICE_OPTIONS_PW", null);
                DeviceOptions.DisposeSecrets();
            }
        }

        [Fact]
        public void An_audit_of_a_host_given_twice_audits_it_once_with_a_warning()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithEnvironment("", new Dictionary<string, string> { ["SPITOOLS_TEST_AUDIT_PW"] = "unused" },
                "audit", "--format", "json", "--host", "127.0.0.1", "--host", "127.0.0.1", "--host", "127.0.0.2", "--port", "1", "--user", "netops", "--password-env", "SPITOOLS_TEST_AUDIT_PW");
            Assert.True(exit == ExitCodes.SomeFailed, $"exit {exit}: {stderr}");
            Assert.Contains("spitools: warning: 127.0.0.1:1: given twice; worked on once", stderr);
            using var json = JsonDocument.Parse(stdout);
            var summaries = json.RootElement.EnumerateArray().Where(e => e.GetProperty("RecordType").GetString() == "DeviceAuditSummary").ToList();
            // Each device once, both reached (port 1 refuses on loopback).
            // Named by identity: host and, as it is not 22, port.
            Assert.Equal(new[] { "127.0.0.1:1", "127.0.0.2:1" }, summaries.Select(s => s.GetProperty("Device").GetString()).OrderBy(d => d));
            Assert.All(summaries, s => Assert.Equal("ConnectionRefused", s.GetProperty("ErrorId").GetString()));
        }
    }
}
