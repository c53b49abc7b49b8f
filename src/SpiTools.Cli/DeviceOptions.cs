using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using SpiTools.Devices;
using SpiTools.Services;

namespace SpiTools.Cli
{
    /// <summary>
    /// The connection options of the verbs that talk to a device (<c>collect</c>, <c>diagnose --host</c>). A password
    /// is never taken on the command line: it comes from an environment variable named on it, or from standard input.
    /// </summary>
    internal sealed class DeviceOptions
    {
        public Option<string[]> Host { get; } = new("--host") { Description = "Device to connect to over SSH (host name or address); repeat for several.", AllowMultipleArgumentsPerToken = true };
        public Option<int> Port { get; } = new("--port") { Description = "SSH port.", DefaultValueFactory = _ => 22 };
        public Option<string> User { get; } = new("--user") { Description = "User name to log in as." };
        public Option<string> IdentityFile { get; } = new("--identity-file") { Description = "Private key file to log in with (its passphrase, if any, from --password-env or --password-stdin)." };
        public Option<string> PasswordEnv { get; } = new("--password-env") { Description = "Name of the environment variable holding the password." };
        public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input." };
        public Option<string> EnablePasswordEnv { get; } = new("--enable-password-env") { Description = "Name of the environment variable holding the enable secret." };
        public Option<string> KnownHosts { get; } = new("--known-hosts") { Description = "OpenSSH known_hosts file to check host keys against (default ~/.ssh/known_hosts)." };
        public Option<string> HostKeyFingerprint { get; } = new("--host-key-fingerprint") { Description = "Expected host key SHA256 fingerprint (SHA256:...), instead of known_hosts." };
        public Option<bool> AcceptNewHostKey { get; } = new("--accept-new-host-key") { Description = "Record the host key of a device with no key of any type on record; a changed key, or one of another type than the recorded one, is never accepted." };
        public Option<string> Context { get; } = new("--context") { Description = "Security context of a multi-context ASA." };
        public Option<int> Timeout { get; } = new("--timeout") { Description = "Longest wait for one command's output, in seconds.", DefaultValueFactory = _ => 120 };
        public Option<int> PromptTimeout { get; } = new("--prompt-timeout") { Description = "Longest wait for the prompt after login (a slow banner) and for each step of enable, in seconds.", DefaultValueFactory = _ => 20 };
        public Option<string[]> Flow { get; } = new("--flow")
        {
            Description = "The flow to trace: IF PROTO SRC SPORT DST DPORT (packet-tracer, then the VPN contexts and the peer's SAs).",
            Arity = new ArgumentArity(6, 6),
            AllowMultipleArgumentsPerToken = true,
        };
        public Option<string> Peer { get; } = new("--peer") { Description = "The VPN peer whose SAs to read." };

        public Option<bool> IncludeLog { get; } = new("--include-log")
        {
            Description = "Also collect the SA-relevant lines of each device's log buffer (show logging | include with a fixed filter): the invalid-SPI drops, SA deletions and rekeys.",
        };

        private bool _logOffered;
        private bool _logAlways;

        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { Host, Port, User, IdentityFile, PasswordEnv, PasswordStdin, EnablePasswordEnv, KnownHosts, HostKeyFingerprint, AcceptNewHostKey, Context, Timeout, PromptTimeout, Flow, Peer })
                command.Options.Add(o);
        }

        /// <summary>Adds <c>--include-log</c> (the verbs that read what they collect: <c>collect</c>, <c>diagnose</c>).</summary>
        public void AddLogTo(Command command)
        {
            command.Options.Add(IncludeLog);
            _logOffered = true;
        }

        /// <summary>The log's SA lines are always collected (<c>timeline</c>: the log is what it reads).</summary>
        public void AlwaysCollectLog() => _logAlways = true;

        /// <summary>
        /// The devices to collect from; an invalid value (flow, context, peer, a missing user or password variable) is a
        /// <see cref="DeviceException"/> with ErrorId <c>InvalidDeviceArgument</c> before anything is sent.
        /// </summary>
        public IReadOnlyList<DeviceTarget> Targets(ParseResult result, string? saveCapture) =>
            Targets(result, saveCapture, result.GetValue(Host) ?? Array.Empty<string>(), null, null, null, null);

        private DeviceSecret? _stdinPassword;

        private IReadOnlyList<DeviceTarget> Targets(ParseResult result, string? saveCapture, IReadOnlyList<string> hosts, string? rowUser, DeviceSecret? rowPassword,
            string? rowContext, int? rowPort)
        {
            string user = rowUser ?? result.GetValue(User) ?? throw Invalid("--user is required (or a User column in the inventory)");
            string? identity = result.GetValue(IdentityFile);
            DeviceSecret? password = rowPassword ?? Secret(result.GetValue(PasswordEnv), "--password-env");
            if (password == null && result.GetValue(PasswordStdin))
            {
                if (_stdinPassword == null)
                {
                    // Read into a buffer that is cleared at once: the password never becomes a string.
                    _stdinPassword = Keep(SecretLineReader.ReadLine(Console.In, new char[4096], "--password-stdin")
                        ?? throw Invalid("--password-stdin: standard input held no password"));
                }
                password = _stdinPassword;
            }
            if (password == null && identity == null) throw Invalid("give --identity-file, --password-env VAR or --password-stdin (a password is never taken on the command line)");
            var enable = Secret(result.GetValue(EnablePasswordEnv), "--enable-password-env");
            string? context = rowContext ?? result.GetValue(Context);
            var flowValues = result.GetValue(Flow);
            DeviceFlow? flow = null;
            if (flowValues is { Length: 6 })
            {
                if (!int.TryParse(flowValues[3], out int sport) || !int.TryParse(flowValues[5], out int dport))
                    throw Invalid("--flow: the ports must be numbers (IF PROTO SRC SPORT DST DPORT)");
                flow = DeviceFlow.Create(flowValues[0], flowValues[1], flowValues[2], sport, flowValues[4], dport);
            }
            var request = CollectionRequest.Create(flow, result.GetValue(Peer), context);
            if (_logAlways || _logOffered && result.GetValue(IncludeLog)) request = request.WithLog();
            var targets = new List<DeviceTarget>();
            foreach (var host in hosts)
            {
                targets.Add(new DeviceTarget
                {
                    Name = host,
                    Connect = new DeviceConnectOptions
                    {
                        Host = host,
                        Port = rowPort ?? result.GetValue(Port),
                        UserName = user,
                        Password = identity == null ? password : null,
                        KeyFilePath = identity == null ? null : Path.GetFullPath(identity),
                        KeyPassphrase = identity == null ? null : password,
                        KnownHostsPath = result.GetValue(KnownHosts) is { } kh ? Path.GetFullPath(kh) : null,
                        HostKeyFingerprint = result.GetValue(HostKeyFingerprint),
                        AcceptNewHostKey = result.GetValue(AcceptNewHostKey),
                    },
                    EnableSecret = enable,
                    Request = request,
                    CommandTimeout = TimeSpan.FromSeconds(Math.Max(1, result.GetValue(Timeout))),
                    PromptTimeout = TimeSpan.FromSeconds(Math.Min(600, Math.Max(1, result.GetValue(PromptTimeout)))),
                    SaveCapture = saveCapture == null ? null : Path.GetFullPath(saveCapture),
                });
            }
            return targets;
        }

        /// <summary>
        /// The inventory's devices, with the command line's connection options as defaults for every row: a row's
        /// Port, Context and User win, and its CredentialName's password comes from <c>SPITOOLS_PASSWORD_&lt;NAME&gt;</c>.
        /// </summary>
        public IReadOnlyList<DeviceTarget> Targets(ParseResult result, IReadOnlyList<InventoryRow> rows, string? saveCapture)
        {
            var targets = new List<DeviceTarget>();
            foreach (var row in rows)
            {
                DeviceSecret? password = null;
                if (row.CredentialName != null)
                {
                    var variable = InventoryRow.PasswordVariable(row.CredentialName);
                    password = Secret(variable, $"line {row.Line} CredentialName") ;
                }
                var single = Targets(result, saveCapture, new[] { row.Host }, row.User, password, row.Context, row.Port);
                foreach (var t in single) t.InventoryName = row.Name;
                targets.AddRange(single);
            }
            return targets;
        }

        /// <summary><see cref="Targets(ParseResult, string?)"/>, with an invalid value written as an error (null is returned then).</summary>
        public static IReadOnlyList<DeviceTarget>? TargetsOrReport(DeviceOptions options, ParseResult result, string? saveCapture, ConsoleSink sink)
        {
            try
            {
                return options.Targets(result, saveCapture);
            }
            catch (DeviceException ex)
            {
                sink.Error(ex.ErrorId, ex.Category, ex, null);
                return null;
            }
        }

        private static DeviceSecret? Secret(string? variable, string option)
        {
            if (string.IsNullOrEmpty(variable)) return null;
            string? value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value)) throw Invalid($"{option}: the environment variable {variable} is not set");
            return Keep(new DeviceSecret(value!));
        }

        private static readonly System.Collections.Concurrent.ConcurrentBag<DeviceSecret> Made = new System.Collections.Concurrent.ConcurrentBag<DeviceSecret>();

        private static DeviceSecret Keep(DeviceSecret secret)
        {
            Made.Add(secret);
            return secret;
        }

        /// <summary>Overwrites every secret the options made (passwords, the enable secret): called once the verb is done.</summary>
        public static void DisposeSecrets()
        {
            while (Made.TryTake(out var secret)) secret.Dispose();
        }

        private static DeviceException Invalid(string message) =>
            new DeviceException(Abstractions.ErrorIds.InvalidDeviceArgument, Abstractions.SpiErrorCategory.InvalidArgument, message);
    }
}
