using System;
using System.Linq;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// What spitools says about a command line it refuses: exit 3, nothing on standard output, one line on standard error
    /// naming the option, what is wrong and what it accepts, ending in [InvalidArgument], with no .NET type names; and the
    /// same verb with the mistake corrected still runs.
    /// </summary>
    public class ArgumentErrorTests
    {
        private static string Device => System.IO.Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device");

        private static string Refused(params string[] args)
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run(args);
            Assert.True(exit == 3, $"exit {exit}: {stderr}");
            Assert.Equal("", stdout);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("spitools: ", lines[0]);
            Assert.EndsWith(" [InvalidArgument]", lines[0].TrimEnd('\r'));
            Assert.DoesNotContain("System.", lines[0]);
            Assert.DoesNotContain("SpiTools.Cli", lines[0]);
            return lines[0];
        }

        [Fact]
        public void An_unknown_option_is_named_with_the_nearest_one_and_nothing_is_read()
        {
            var line = Refused("diagnose", "--formt", "csv", Device);
            Assert.StartsWith("spitools: --formt: no such option of diagnose (did you mean --format?); the options of diagnose: --format, ", line);
            // Corrected, the same line runs.
            var (exit, stdout, _) = SpitoolsProcess.Run("diagnose", "--format", "csv", Device);
            Assert.Equal(0, exit);
            Assert.Contains("StaleVpnContext", stdout);
        }

        [Fact]
        public void An_unknown_option_among_the_before_snapshot_is_still_an_option_but_after_a_double_dash_it_is_a_path()
        {
            Assert.StartsWith("spitools: --bogus: no such option of diagnose;", Refused("diagnose", "--before", Device, "--bogus", "--", Device));
            var (exit, _, stderr) = SpitoolsProcess.Run("diagnose", "--before", Device, "--", "--bogus");
            Assert.Equal(2, exit); // a file named --bogus, which does not exist
            Assert.Contains("--bogus: no such file [CaptureFileNotFound]", stderr);
        }

        [Fact]
        public void A_value_the_option_does_not_accept_lists_the_accepted_values()
        {
            Assert.Equal("spitools: --format: 'xml' is not accepted; one of csv, json, table [InvalidArgument]", Refused("diagnose", "--format", "xml", Device));
            Assert.Equal("spitools: --format: needs a value; one of csv, json, table [InvalidArgument]", Refused("parse", "--format"));
            Assert.StartsWith("spitools: --kind: 'bogus' is not accepted; one of auto, ", Refused("parse", "--kind", "bogus", Device));
            Assert.Equal("spitools: --fail-on: 'minor' is not accepted; one of critical, info, never, warning [InvalidArgument]",
                Refused("diagnose", "--fail-on", "minor", Device));
        }

        [Fact]
        public void A_bad_number_says_what_a_good_one_is()
        {
            Assert.Equal("spitools: --rekey-threshold: 'abc' is not a number; a number such as 300 (the default) [InvalidArgument]",
                Refused("diagnose", "--rekey-threshold", "abc", Device));
            Assert.Equal("spitools: --throttle: 'many' is not a whole number; a number such as 8 (the default) [InvalidArgument]",
                Refused("audit", "--throttle", "many", "--host", "192.0.2.1", "--user", "u", "--password-env", "X"));
            Assert.Equal("spitools: --path-loss-tolerance: 150 is out of range; a percentage from 0 to 100 [InvalidArgument]",
                Refused("diagnose", "--path-loss-tolerance", "150", Device));
            Assert.Equal("spitools: --path-loss-tolerance: -1 is out of range; a percentage from 0 to 100 [InvalidArgument]",
                Refused("audit", "--path-loss-tolerance", "-1", "--host", "192.0.2.1"));
            Assert.Equal("spitools: --throttle: 0 is out of range; a whole number from 1 to 256 [InvalidArgument]",
                Refused("audit", "--throttle", "0", "--host", "192.0.2.1"));
            Assert.Equal("spitools: --partition: '3/2' is not a part; K/N with 1 <= K <= N, such as 1/2 [InvalidArgument]",
                Refused("audit", "--partition", "3/2", "--host", "192.0.2.1"));
            var (exit, _, _) = SpitoolsProcess.Run("diagnose", "--path-loss-tolerance", "100", "--rekey-threshold", "60", Device);
            Assert.Equal(0, exit);
        }

        [Fact]
        public void An_unknown_command_lists_the_commands()
        {
            Assert.Equal("spitools: frob: no such command; the commands: parse, diagnose, collect, clear-inactive, audit, report, timeline [InvalidArgument]", Refused("frob"));
        }

        [Fact]
        public void Help_still_goes_to_standard_output_with_exit_zero()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("diagnose", "--help");
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.Contains("--fail-on", stdout);
            // Help wins over a mistake on the same line.
            var (exit2, stdout2, _) = SpitoolsProcess.Run("audit", "--format", "xml", "--help");
            Assert.Equal(0, exit2);
            Assert.Contains("--record-type", stdout2);
        }

        [Fact]
        public void Audit_csv_to_standard_output_asks_for_one_record_type_before_connecting()
        {
            var line = Refused("audit", "--format", "csv", "--host", "192.0.2.1", "--user", "u", "--password-env", "X");
            Assert.Contains("--record-type Finding|DeviceAuditSummary, or give --out DIR", line);
        }

        [Fact]
        public void A_verb_given_no_device_or_no_input_says_so_in_one_line_and_connects_to_nothing()
        {
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spitools-no-host-" + Guid.NewGuid().ToString("N"));
            Assert.Equal("spitools: --host: no devices; give --host H… [InvalidArgument]", Refused("collect", "--user", "u", "--out", dir));
            Assert.False(System.IO.Directory.Exists(dir));
            Assert.Equal("spitools: --host: no devices; give --host H… [InvalidArgument]", Refused("clear-inactive", "--what-if", "--user", "u", "--password-env", "X"));
            Assert.StartsWith("spitools: --yes: clear-inactive changes device state: give --yes to send 'clear crypto ipsec sa inactive', or --what-if",
                Refused("clear-inactive", "--host", "192.0.2.1", "--user", "u", "--password-env", "X"));
            Assert.Equal("spitools: PATH: timeline needs log files or folders, or --host [InvalidArgument]", Refused("timeline"));
            // Given its input, the same verb runs.
            var (exit, stdout, stderr) = SpitoolsProcess.Run("timeline", System.IO.Path.Combine(SpitoolsProcess.Examples, "iosxe-dmvpn-multi-spi"));
            Assert.True(exit == 0, stderr);
            Assert.Contains("Rekeys: 2, interval 37 s", stdout);
        }

        [Fact]
        public void Fail_on_makes_the_exit_code_of_diagnose_say_findings_at_or_above_the_severity()
        {
            // The stale-SPI device has a Critical finding; after the clear it has none.
            foreach (var (failOn, expected) in new[] { ("critical", 4), ("warning", 4), ("info", 4), ("never", 0) })
                Assert.Equal(expected, SpitoolsProcess.Run("diagnose", "--fail-on", failOn, Device).Exit);
            Assert.Equal(0, SpitoolsProcess.Run("diagnose", Device).Exit); // no --fail-on: findings are output, not a failure
            var after = System.IO.Path.Combine(SpitoolsProcess.Examples, "asa-stale-spi", "device-after-clear");
            Assert.Equal(0, SpitoolsProcess.Run("diagnose", "--fail-on", "info", after).Exit);
            // The IOS-XE hub's findings are all informational.
            var hub = System.IO.Path.Combine(SpitoolsProcess.Examples, "iosxe-dmvpn-multi-spi");
            Assert.Equal(0, SpitoolsProcess.Run("diagnose", "--fail-on", "warning", hub).Exit);
            Assert.Equal(4, SpitoolsProcess.Run("diagnose", "--fail-on", "info", hub).Exit);
        }
    }
}
