using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Services;
using SpiTools.Devices;
using SpiTools.Reporting;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>
    /// The enable secret is masked in the enable exchange only, secrets are overwritten once used, and text from a
    /// device or an unauthenticated server shows its control characters visibly wherever it is printed.
    /// </summary>
    public sealed class SecretAndUntrustedTextTests : IDisposable
    {
        // A secret that is also a word every ASA output holds ("interface: outside").
        private const string Outside = "outside";
        private readonly string _dir = Directory.CreateTempSubdirectory("spitools-secret-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static DeviceTarget Target(ScriptedDevice d, string secret, string? save = null) => new()
        {
            Name = "fw-edge1",
            EnableSecret = new DeviceSecret(secret),
            Request = CollectionRequest.Create(),
            CommandTimeout = TimeSpan.FromSeconds(5),
            DeviceTimeout = TimeSpan.FromSeconds(60),
            OpenChannel = () => { d.Start(); return d; },
            SaveCapture = save,
        };

        private static string Everything(FakeSink sink) => string.Join("\n",
            sink.Errors.Select(e => e.Exception.ToString() + "\n" + (e.Exception as DeviceException)?.PartialOutput + "\n" + (e.Exception as DeviceException)?.DeviceErrorLine)
                .Concat(sink.Warnings).Concat(sink.VerboseMessages).Concat(sink.Outputs.Select(o => o.ToString() ?? "")));

        [Fact]
        public void A_secret_that_is_also_a_word_of_the_output_leaves_the_output_whole()
        {
            var d = ScriptedDevice.SeedAsa();
            d.EnableSecret = Outside;
            d.EchoSecret = true; // a device that echoes what is typed at Password:
            using var s = DeviceSessionTests.OpenOn(d, DeviceSessionTests.Fast(Outside));
            Assert.True(s.IsPrivileged);
            var o = s.Execute(DeviceCommand.ShowCryptoIpsecSa());
            Assert.Contains("interface: outside\n", o.Output);
            Assert.DoesNotContain(DeviceSecret.Mask, o.Capture);
        }

        [Fact]
        public void An_echoed_secret_is_masked_in_the_enable_exchange_error_and_its_partial_text()
        {
            const string wrong = "wrong-secret-123";
            var d = ScriptedDevice.SeedAsa();
            d.EchoSecret = true;
            d.Start();
            using var s = new DeviceSession(d, DeviceSessionTests.Fast(wrong));
            var ex = Assert.Throws<DeviceException>(() => s.Open());
            Assert.Equal(ErrorIds.EnableFailed, ex.ErrorId);
            Assert.Equal("Access denied.", ex.DeviceErrorLine);
            Assert.DoesNotContain(wrong, ex.ToString());
            Assert.DoesNotContain(wrong, ex.PartialOutput ?? "");
        }

        [Fact]
        public void No_secret_reaches_errors_verbose_evidence_or_the_report_and_the_evidence_stays_whole()
        {
            // Collected with the right secret (echoed by the device) and saved: the evidence is the device's own text.
            var ok = ScriptedDevice.SeedAsa();
            ok.EnableSecret = Outside;
            ok.EchoSecret = true;
            var sink = new FakeSink();
            var save = Path.Combine(_dir, "evidence");
            var collection = CollectionService.Collect(Target(ok, Outside, save), null, sink, CancellationToken.None);
            Assert.NotNull(collection);
            Assert.Empty(sink.Errors);
            var saved = Directory.GetFiles(save, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(saved);
            var sa = File.ReadAllText(saved.Single(f => Path.GetFileName(f) == "show-crypto-ipsec-sa.txt"));
            Assert.Contains("interface: outside", sa);
            Assert.DoesNotContain(DeviceSecret.Mask, sa);

            // A refused secret, echoed: not in the error ($Error), its partial text, verbose, the records or the report.
            const string wrong = "wrong-secret-123";
            var bad = ScriptedDevice.SeedAsa();
            bad.EchoSecret = true;
            var audit = new FakeSink();
            AuditService.Run(new[] { Target(bad, wrong, Path.Combine(_dir, "audit")) }, null, new AuditOptions { ThrottleLimit = 1 }, audit, CancellationToken.None);
            var failure = Assert.Single(audit.Errors);
            Assert.Equal(ErrorIds.EnableFailed, failure.Id);
            Assert.Contains(wrong, bad.AllWritten); // it was typed, as the answer to Password:
            Assert.DoesNotContain(wrong, Everything(audit));
            var report = new AuditReport { Title = "audit" };
            foreach (var o in audit.Outputs) report.Add(o);
            var html = report.ToHtml();
            Assert.Contains("EnableFailed", html);
            Assert.DoesNotContain(wrong, html);
            foreach (var file in Directory.GetFiles(_dir, "*", SearchOption.AllDirectories))
                Assert.DoesNotContain(wrong, File.ReadAllText(file));
        }

        [Fact]
        public void Disposing_a_targets_secrets_overwrites_each_one()
        {
            var target = new DeviceTarget
            {
                Connect = new DeviceConnectOptions { Password = new DeviceSecret("pw-1"), KeyPassphrase = new DeviceSecret("pp-2") },
                EnableSecret = new DeviceSecret("en-3"),
            };
            target.DisposeSecrets();
            Assert.True(target.Connect.Password!.IsDisposed);
            Assert.True(target.Connect.KeyPassphrase!.IsDisposed);
            Assert.True(target.EnableSecret.IsDisposed);
            Assert.Equal(0, target.EnableSecret.Length);
            target.DisposeSecrets(); // twice is harmless
        }

        [Fact]
        public void A_secret_read_from_standard_input_leaves_the_buffer_cleared()
        {
            var buffer = new char[64];
            using var secret = SecretLineReader.ReadLine(new StringReader("pa ss\r\nnext line\n"), buffer, "--password-stdin");
            Assert.NotNull(secret);
            Assert.Equal(5, secret!.Length);
            Assert.Equal("pa ss", secret.Reveal());
            Assert.All(buffer, c => Assert.Equal('\0', c));

            Assert.Null(SecretLineReader.ReadLine(new StringReader(""), buffer, "--password-stdin"));
            var tooLong = new char[4];
            var e = Assert.Throws<DeviceException>(() => SecretLineReader.ReadLine(new StringReader("123456\n"), tooLong, "--password-stdin"));
            Assert.Equal(ErrorIds.InvalidDeviceArgument, e.ErrorId);
            Assert.DoesNotContain("123456", e.Message);
            Assert.All(tooLong, c => Assert.Equal('\0', c));
        }

        [Fact]
        public void Redaction_masks_every_occurrence_in_place()
        {
            using var secret = new DeviceSecret("abab");
            Assert.Equal("x" + DeviceSecret.Mask + DeviceSecret.Mask + "aby", secret.Redact("xabababababy", out int n));
            Assert.Equal(2, n);
            Assert.Equal("nothing", secret.Redact("nothing", out n));
            Assert.Equal(0, n);
        }

        [Fact]
        public void Control_characters_are_shown_visibly()
        {
            Assert.Equal("\\e]0;pwned\\x07\\e[2J name\\r\\n\\t\\x7F\\x9B\\u202E", UntrustedText.Visible("\x1b]0;pwned\a\x1b[2J name\r\n\t\x7f\x9b\u202e"));
            Assert.Equal("plain text, ümlaut", UntrustedText.Visible("plain text, ümlaut"));
            Assert.Null(UntrustedText.Visible(null));
            var e = new DeviceException(ErrorIds.CommandRejected, SpiErrorCategory.InvalidArgument, "fw: \x1b]2;title\a") { DeviceErrorLine = "% \x1b[2J", Device = "fw\x1b" };
            Assert.Equal("fw: \\e]2;title\\x07", e.Message);
            Assert.Equal("% \\e[2J", e.DeviceErrorLine);
            Assert.Equal("fw\\e", e.Device);
        }

        [Fact]
        public void A_device_error_line_with_escape_sequences_reaches_the_message_visibly()
        {
            var d = ScriptedDevice.SeedAsa();
            d.RawReplies["show crypto ipsec profile"] = "ERROR: \x1b]0;owned\a\x9b2J% Invalid input detected\r\nfw-edge1# ";
            using var s = DeviceSessionTests.OpenOn(d);
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ShowCryptoIpsecProfile()));
            Assert.Equal(ErrorIds.CommandRejected, ex.ErrorId);
            foreach (var text in new[] { ex.Message, ex.DeviceErrorLine! })
            {
                Assert.DoesNotContain('\x1b', text);
                Assert.DoesNotContain('\a', text);
                Assert.DoesNotContain('\x9b', text);
            }
            Assert.Contains("ERROR:", ex.DeviceErrorLine);
            // The session goes on.
            Assert.Contains("interface: outside", s.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output);
        }
    }
}
