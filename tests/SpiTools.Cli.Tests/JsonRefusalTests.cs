using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// <c>--format json</c> keeps standard output a JSON document a script can parse, or empty: a verb refused before
    /// its first record writes nothing there (its one error line is on standard error), and a run that went on, with or
    /// without failed devices, writes one whole array.
    /// </summary>
    public sealed class JsonRefusalTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-json-refusal").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static readonly Dictionary<string, string> Login = new() { ["SPITOOLS_TEST_JSON_PW"] = "unused" };

        private (int Exit, string Out, string Err) Audit(params string[] args) =>
            SpitoolsProcess.RunWithEnvironment("", Login, new[] { "audit", "--format", "json" }.Concat(args).ToArray());

        [Fact]
        public void An_audit_refused_before_any_device_writes_nothing_to_standard_output_and_one_that_ran_writes_one_json_array()
        {
            var noLogin = Path.Combine(_dir, "no-login.csv");
            File.WriteAllLines(noLogin, new[] { "Name,ComputerName,User", "edge-lab,127.0.0.1,netops" });
            var noHost = Path.Combine(_dir, "no-host.csv");
            File.WriteAllLines(noHost, new[] { "Name,Site", "edge-lab,Lab 3" });
            var refusals = new (string[] Args, int Exit, string Error)[]
            {
                // No login anywhere: the command line's mistake.
                (new[] { "--inventory", noLogin }, ExitCodes.InvalidArgument, "[InvalidDeviceArgument]"),
                // An inventory without a host column, and one that is not there.
                (new[] { "--inventory", noHost, "--user", "netops", "--password-env", "SPITOOLS_TEST_JSON_PW" }, ExitCodes.InvalidArgument, "[InvalidInventory]"),
                (new[] { "--inventory", Path.Combine(_dir, "nope.csv"), "--user", "netops", "--password-env", "SPITOOLS_TEST_JSON_PW" }, ExitCodes.InputError, "[InvalidInventory]"),
                // A password variable that is not set.
                (new[] { "--host", "127.0.0.1", "--port", "1", "--user", "netops", "--password-env", "SPITOOLS_TEST_JSON_UNSET" }, ExitCodes.InvalidArgument, "[InvalidDeviceArgument]"),
            };
            foreach (var (args, code, error) in refusals)
            {
                var (exit, stdout, stderr) = Audit(args);
                Assert.True(exit == code, $"{string.Join(" ", args)}: exit {exit}: {stderr}");
                Assert.Equal("", stdout);
                Assert.Contains(error, stderr);
            }

            // A run with a failed device (port 1 refuses on loopback): one whole array, its summary in it.
            var (failedExit, failed, failedErr) = Audit("--host", "127.0.0.1", "--port", "1", "--user", "netops", "--password-env", "SPITOOLS_TEST_JSON_PW");
            Assert.True(failedExit == ExitCodes.SomeFailed, failedErr);
            using (var json = JsonDocument.Parse(failed))
            {
                var summary = Assert.Single(json.RootElement.EnumerateArray());
                Assert.Equal(("DeviceAuditSummary", "Failed", "ConnectionRefused"),
                    (summary.GetProperty("RecordType").GetString(), summary.GetProperty("Status").GetString(), summary.GetProperty("ErrorId").GetString()));
            }
        }

        [Fact]
        public void Diagnose_and_parse_keep_standard_output_valid_json_or_empty_when_refused()
        {
            // diagnose refused on an argument before reading anything: nothing on standard output.
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--format", "json", "--peer-of", "fwa", "examples-not-read");
            Assert.True(exit == ExitCodes.InvalidArgument, stderr);
            Assert.Equal("", stdout);
            Assert.Contains("[PeerOfInvalid]", stderr);
            // parse of a file that is not there: its error, and still one whole (empty) array.
            var (parseExit, parsed, parseErr) = SpitoolsProcess.Run("parse", "--format", "json", Path.Combine(_dir, "nope.txt"));
            Assert.True(parseExit == ExitCodes.InputError, parseErr);
            using var json = JsonDocument.Parse(parsed);
            Assert.Equal(0, json.RootElement.GetArrayLength());
        }
    }
}
