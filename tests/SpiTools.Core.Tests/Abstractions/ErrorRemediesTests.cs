using System.Reflection;
using System.Text.RegularExpressions;
using SpiTools.Abstractions;
using Xunit;

namespace SpiTools.Core.Tests.Abstractions
{
    /// <summary>
    /// Every device ErrorId says what to do: one remedy text per ErrorId, naming parameters only by their neutral keys,
    /// which both front ends spell in their own words. An ErrorId added to <see cref="ErrorIds"/> fails here until it has
    /// a remedy (or, when it is no device error, is listed in <see cref="NotDeviceErrors"/>).
    /// </summary>
    public class ErrorRemediesTests
    {
        /// <summary>The ErrorIds of capture files, piped text and the report: the message says it all (a path, a line).</summary>
        private static readonly HashSet<string> NotDeviceErrors = new HashSet<string>(StringComparer.Ordinal)
        {
            ErrorIds.CaptureFileNotFound, ErrorIds.CaptureFileIsDirectory, ErrorIds.CaptureFileUnreadable, ErrorIds.DeviceOutputEmpty,
            ErrorIds.PathNotFileSystem, ErrorIds.CaptureParseFailed,
            ErrorIds.ReportInputNotRecognized, ErrorIds.ReportInputInvalid, ErrorIds.ReportFileExists, ErrorIds.ReportWriteFailed,
            // spitools' own command line: its one line already names the option, what is wrong and what it accepts.
            ErrorIds.InvalidArgument,
        };

        public static IEnumerable<object[]> AllErrorIds() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => new object[] { (string)f.GetRawConstantValue()! });

        [Theory]
        [MemberData(nameof(AllErrorIds))]
        public void Every_device_ErrorId_has_a_remedy_naming_parameters_by_their_neutral_keys(string errorId)
        {
            var template = ErrorRemedies.Template(errorId);
            if (NotDeviceErrors.Contains(errorId))
            {
                Assert.Null(template);
                return;
            }
            Assert.True(template != null, $"{errorId} has no remedy: add one to ErrorRemedies (or list it in NotDeviceErrors if it is no device error)");
            Assert.EndsWith(".", template);
            foreach (Match m in Regex.Matches(template!, @"\{([^}]*)\}"))
                Assert.True(m.Groups[1].Value == "Fingerprint" || RemedyParameter.All.Contains(m.Groups[1].Value), $"{errorId}: unknown placeholder {m.Value}");
            // The rendered text holds no placeholder, and each key is replaced by the front end's spelling.
            var rendered = ErrorRemedies.Render(errorId, key => "<" + key + ">", "SHA256:abc");
            Assert.DoesNotContain("{", rendered);
            foreach (var key in ErrorRemedies.ParametersOf(errorId)) Assert.Contains("<" + key + ">", rendered);
        }

        [Fact]
        public void Every_remedy_belongs_to_an_ErrorId_and_the_remedies_that_fix_by_a_parameter_name_it()
        {
            var ids = AllErrorIds().Select(o => (string)o[0]).ToHashSet(StringComparer.Ordinal);
            Assert.All(ErrorRemedies.ErrorIdsWithRemedy, id => Assert.Contains(id, ids));
            Assert.Equal(new[] { RemedyParameter.HostKeyFingerprint, RemedyParameter.AcceptNewHostKey }, ErrorRemedies.ParametersOf(ErrorIds.HostKeyUnknown));
            Assert.Equal(new[] { RemedyParameter.EnableCredential }, ErrorRemedies.ParametersOf(ErrorIds.EnableFailed));
            Assert.Contains(RemedyParameter.Credential, ErrorRemedies.ParametersOf(ErrorIds.AuthenticationFailed));
            Assert.Contains(RemedyParameter.Port, ErrorRemedies.ParametersOf(ErrorIds.ConnectionRefused));
            Assert.Null(ErrorRemedies.Template("NoSuchErrorId"));
        }

        [Fact]
        public void The_fingerprint_the_error_carries_is_written_into_the_remedy()
        {
            string With(string? fp) => ErrorRemedies.Render(ErrorIds.HostKeyUnknown, key => key == RemedyParameter.HostKeyFingerprint ? "--host-key-fingerprint" : "--x", fp)!;
            Assert.Contains("--host-key-fingerprint SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", With("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));
            Assert.Contains("--host-key-fingerprint SHA256:…", With(null));
        }
    }
}
