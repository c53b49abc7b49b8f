using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpiTools.Abstractions;
using SpiTools.Devices;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>An error on the command line is followed by what to do, naming spitools' own options.</summary>
    public class RemedyTextTests
    {
        /// <summary>Every option of every verb.</summary>
        private static readonly HashSet<string> Options = new Command[]
            {
                ParseCommand.Create(), DiagnoseCommand.Create(), CollectCommand.Create(), ClearInactiveCommand.Create(),
                AuditCommand.Create(), ReportCommand.Create(), TimelineCommand.Create(),
            }
            .SelectMany(c => c.Options).SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).ToHashSet(StringComparer.Ordinal);

        public static IEnumerable<object[]> ErrorIdsWithRemedy() => ErrorRemedies.ErrorIdsWithRemedy.Select(id => new object[] { id });

        [Theory]
        [MemberData(nameof(ErrorIdsWithRemedy))]
        public void The_console_writes_the_remedy_under_the_error_with_the_options_of_spitools(string errorId)
        {
            var err = new StringWriter();
            using (var sink = new ConsoleSink(_ => { }, err, debug: false))
                sink.Error(errorId, SpiErrorCategory.NotSpecified, new DeviceException(errorId, SpiErrorCategory.NotSpecified, "fw-edge1: it failed."), null);
            var lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Equal($"spitools: fw-edge1: it failed. [{errorId}]", lines[0]);
            Assert.StartsWith("spitools: what to do: ", lines[1]);
            Assert.DoesNotContain("{", lines[1]);
            foreach (Match m in Regex.Matches(lines[1], @"(?<![\w-])--[a-z][a-z-]*"))
                Assert.True(Options.Contains(m.Value), $"{errorId}: {m.Value} is no spitools option");
            // No PowerShell parameter on the command line.
            Assert.DoesNotMatch(@"(?<![\w-])-[A-Z][A-Za-z]+", lines[1]);
        }

        [Fact]
        public void Every_parameter_a_remedy_may_name_has_a_spelling_that_is_a_spitools_option()
        {
            foreach (var key in RemedyParameter.All)
            {
                Assert.True(RemedyText.OptionNames.TryGetValue(key, out var name), $"no spelling for {key}");
                Assert.Contains(Regex.Match(name!, "--[a-z-]+").Value, Options);
            }
        }

        [Fact]
        public void A_host_key_failure_names_the_flags_and_the_fingerprint_and_an_error_without_remedy_stays_one_line()
        {
            var err = new StringWriter();
            using (var sink = new ConsoleSink(_ => { }, err, debug: false))
            {
                sink.Error(ErrorIds.HostKeyUnknown, SpiErrorCategory.PermissionDenied,
                    new DeviceException(ErrorIds.HostKeyUnknown, SpiErrorCategory.PermissionDenied, "127.0.0.1: the host key is not known."), null);
                sink.Error(ErrorIds.CaptureFileNotFound, SpiErrorCategory.ObjectNotFound, new FileNotFoundException("nope.txt: no such file"), null);
                Assert.Equal(ExitCodes.For(ErrorIds.HostKeyUnknown), sink.ExitCode);
            }
            var text = err.ToString();
            Assert.Contains("pass it with --host-key-fingerprint SHA256:…, or record it on first contact with --accept-new-host-key.", text);
            Assert.EndsWith("spitools: nope.txt: no such file [CaptureFileNotFound]\n", text.Replace("\r\n", "\n"));
        }

        [Fact]
        public void A_refused_connection_tells_the_operator_to_check_the_port_option()
        {
            string dir = Directory.CreateTempSubdirectory("spitools-remedy").FullName;
            var (exit, _, err) = SpitoolsProcess.RunWithEnvironment("", new Dictionary<string, string> { ["SPITOOLS_TEST_PW"] = "x" },
                "collect", "--host", "127.0.0.1", "--port", "1", "--user", "u", "--password-env", "SPITOOLS_TEST_PW", "--out", dir);
            Directory.Delete(dir, true);
            Assert.Equal(13, exit);
            Assert.Contains("[ConnectionRefused]", err);
            Assert.Matches(@"spitools: what to do: Check the address and the SSH port \(--port\)", err);
        }
    }
}
