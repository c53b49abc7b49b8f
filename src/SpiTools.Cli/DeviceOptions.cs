using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Cli
{
    /// <summary>
    /// The options of the verbs that talk to a device (<c>collect</c>, <c>diagnose --host</c>, <c>clear-inactive</c>,
    /// <c>timeline --host</c>, <c>audit</c>), bound into the core's <see cref="DeviceTargetSpec"/> and made into targets by
    /// its <see cref="DeviceTargetBuilder"/>, as the cmdlets make theirs: the same limits (<see cref="OptionLimits"/>), a
    /// device given twice worked on once. A password is never taken on the command line: it comes from an environment
    /// variable named on it, or from standard input.
    /// </summary>
    internal sealed class DeviceOptions
    {
        public Option<string[]> Host { get; } = new("--host") { Description = "Device to connect to over SSH (host name or address); repeat for several.", AllowMultipleArgumentsPerToken = true };
        public Option<int> Port { get; } = new Option<int>("--port") { Description = "SSH port.", DefaultValueFactory = _ => OptionLimits.DefaultPort }
            .InRange(OptionLimits.MinPort, OptionLimits.MaxPort, $"a port from {OptionLimits.MinPort} to {OptionLimits.MaxPort}");
        public Option<string> User { get; } = new("--user") { Description = "User name to log in as." };
        public Option<string> IdentityFile { get; } = new("--identity-file") { Description = "Private key file to log in with (its passphrase, if any, from --password-env or --password-stdin)." };
        public Option<string> PasswordEnv { get; } = new("--password-env") { Description = "Name of the environment variable holding the password." };
        public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input." };
        public Option<string> EnablePasswordEnv { get; } = new("--enable-password-env") { Description = "Name of the environment variable holding the enable secret." };
        public Option<string> KnownHosts { get; } = new("--known-hosts") { Description = "OpenSSH known_hosts file to check host keys against (default ~/.ssh/known_hosts)." };
        public Option<string> HostKeyFingerprint { get; } = new Option<string>("--host-key-fingerprint") { Description = "Expected host key SHA256 fingerprint (SHA256:...), instead of known_hosts." }
            .Matching(OptionLimits.HostKeyFingerprintPattern, "SHA256: and the 43 base64 characters OpenSSH prints");
        public Option<bool> AcceptNewHostKey { get; } = new("--accept-new-host-key") { Description = "Record the host key of a device with no key of any type on record; a changed key, or one of another type than the recorded one, is never accepted." };
        public Option<string> Context { get; } = new Option<string>("--context") { Description = "Security context of a multi-context ASA." }
            .Matching(OptionLimits.ContextPattern, "a context name: letters, digits, '-', '_' or '.' (at most 64)");
        public Option<int> Timeout { get; } = new Option<int>("--timeout") { Description = "Longest wait for one command's output, in seconds.", DefaultValueFactory = _ => OptionLimits.DefaultCommandTimeoutSeconds }
            .InRange(OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds, $"seconds from {OptionLimits.MinCommandTimeoutSeconds} to {OptionLimits.MaxCommandTimeoutSeconds}");
        public Option<int> PromptTimeout { get; } = new Option<int>("--prompt-timeout") { Description = "Longest wait for the prompt after login (a slow banner) and for each step of enable, in seconds.", DefaultValueFactory = _ => OptionLimits.DefaultPromptTimeoutSeconds }
            .InRange(OptionLimits.MinPromptTimeoutSeconds, OptionLimits.MaxPromptTimeoutSeconds, $"seconds from {OptionLimits.MinPromptTimeoutSeconds} to {OptionLimits.MaxPromptTimeoutSeconds}");
        public Option<string[]> Flow { get; } = new("--flow")
        {
            Description = "The flow to trace: IF PROTO SRC SPORT DST DPORT (packet-tracer, then the VPN contexts and the peer's SAs).",
            Arity = new ArgumentArity(6, 6),
            AllowMultipleArgumentsPerToken = true,
        };
        public Option<string> Peer { get; } = new("--peer") { Description = "The VPN peer whose SAs to read." };

        public Option<bool> IncludeLog { get; } = new("--include-log")
        {
            Description = "Also collect the SA-relevant lines of each device's log buffer (show logging | include with a fixed filter): the invalid-SPI drops, SA deletions and rekeys (on IOS-XE with the ISAKMP and IKEv2 debug lines of each rekey).",
        };

        public Option<string> Inventory { get; } = new("--inventory")
        {
            Description = "CSV inventory: ComputerName or Host, and optionally Name (the device's identity), Port, Context, User, CredentialName (its password from SPITOOLS_PASSWORD_<NAME>), HostKeyFingerprint.",
        };
        public Option<int> DeviceTimeout { get; } = new Option<int>("--device-timeout") { Description = "Longest time for one device, connection included, in seconds.", DefaultValueFactory = _ => OptionLimits.DefaultDeviceTimeoutSeconds }
            .InRange(OptionLimits.MinDeviceTimeoutSeconds, OptionLimits.MaxDeviceTimeoutSeconds, $"seconds from {OptionLimits.MinDeviceTimeoutSeconds} to {OptionLimits.MaxDeviceTimeoutSeconds}");
        public Option<string> Partition { get; } = new Option<string>("--partition")
        {
            Description = "Audit one part of the inventory: K/N keeps the devices whose host (and :port when not 22) falls in part K of N, as Invoke-SpiAudit -Partition.",
        }.IsPartition();

        private bool _flowOffered;
        private bool _logOffered;
        private bool _logAlways;
        private bool _fleet;

        /// <summary>The options of a verb that works on the devices given one by one: the connection, the host key's fingerprint, the peer.</summary>
        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { Host, Port, User, IdentityFile, PasswordEnv, PasswordStdin, EnablePasswordEnv, KnownHosts, HostKeyFingerprint, AcceptNewHostKey, Context, Timeout, PromptTimeout, Peer })
                command.Options.Add(o);
        }

        /// <summary>
        /// The options of <c>audit</c>, as <c>Invoke-SpiAudit</c> has them: the connection, the inventory, each device's
        /// deadline and the partition. No flow and no peer: a fleet has no one flow to trace.
        /// </summary>
        public void AddFleetTo(Command command)
        {
            foreach (var o in new Option[] { Host, Port, User, IdentityFile, PasswordEnv, PasswordStdin, EnablePasswordEnv, KnownHosts, HostKeyFingerprint, AcceptNewHostKey, Context, Timeout, PromptTimeout, Inventory, DeviceTimeout, Partition })
                command.Options.Add(o);
            _fleet = true;
        }

        /// <summary>Adds <c>--flow</c> (the verbs that trace a flow: <c>diagnose</c>, <c>collect</c>, <c>clear-inactive</c>).</summary>
        public void AddFlowTo(Command command)
        {
            command.Options.Add(Flow);
            _flowOffered = true;
        }

        /// <summary>Adds <c>--include-log</c> (the verbs that read what they collect: <c>collect</c>, <c>diagnose</c>).</summary>
        public void AddLogTo(Command command)
        {
            command.Options.Add(IncludeLog);
            _logOffered = true;
        }

        /// <summary>The log's SA lines are always collected (<c>timeline</c>: the log is what it reads).</summary>
        public void AlwaysCollectLog() => _logAlways = true;

        private DeviceSecret? _stdinPassword;

        /// <summary>
        /// The devices to work on: each <c>--host</c>, or (<c>audit</c>) the inventory's rows with the command line's
        /// options as defaults for every row (a row's Port, Context, User and HostKeyFingerprint win, and its
        /// CredentialName's password comes from <c>SPITOOLS_PASSWORD_&lt;NAME&gt;</c>), in the partition, a device given
        /// twice once (<paramref name="warn"/> hears of it). An invalid option (flow, context, peer, a missing user or
        /// password variable) is a <see cref="DeviceException"/> with ErrorId <c>InvalidDeviceArgument</c> before anything
        /// is sent; an unreadable inventory an <see cref="InvalidDataException"/> or <see cref="IOException"/>. An inventory
        /// row with no login or a malformed HostKeyFingerprint or Context is not a target but a device of <see cref="NotReady"/>.
        /// </summary>
        public IReadOnlyList<DeviceTarget> Targets(ParseResult result, string? saveCapture, Action<string>? warn = null)
        {
            var rows = new List<DeviceTargetRow>();
            // Inventory rows whose login is missing: each is a Failed device of the audit, not a refusal of the whole run.
            var noLogin = new Dictionary<DeviceTargetRow, (string ErrorId, string Message)>();
            bool inventoryLogins = false;
            if (_fleet && result.GetValue(Inventory) is { } inventory)
            {
                foreach (var row in InventoryRow.Read(inventory))
                {
                    var target = new DeviceTargetRow
                    {
                        Host = row.Host,
                        Name = row.Name,
                        Port = row.Port,
                        Context = row.Context,
                        UserName = row.User,
                        HostKeyFingerprint = row.HostKeyFingerprint,
                        InventoryColumns = row.Extra,
                        Line = row.Line,
                        Origin = $"{inventory} line {row.Line}",
                    };
                    if (row.CredentialName != null)
                    {
                        inventoryLogins = true;
                        string variable = InventoryRow.PasswordVariable(row.CredentialName);
                        target.Password = SecretOrNull(variable);
                        if (target.Password == null)
                            noLogin[target] = (Abstractions.ErrorIds.CredentialNotFound, $"CredentialName '{row.CredentialName}': the environment variable {variable} is not set");
                    }
                    rows.Add(target);
                }
            }
            else
            {
                foreach (var host in result.GetValue(Host) ?? Array.Empty<string>()) rows.Add(new DeviceTargetRow { Host = host });
            }
            var spec = Spec(result, saveCapture, rows, inventoryLogins);
            var builder = new DeviceTargetBuilder(spec, warn);
            foreach (var row in rows)
            {
                if (!builder.Admits(row)) continue;
                // A cell of the wrong shape (HostKeyFingerprint, Context) fails its device only, as a missing login does.
                if (builder.RowFailure(row) != null) continue;
                if (noLogin.TryGetValue(row, out var missing))
                    builder.Failure(row, missing.ErrorId, Abstractions.SpiErrorCategory.ObjectNotFound, missing.Message);
                else if (row.Password == null && spec.Password == null && spec.KeyFilePath == null)
                    builder.Failure(row, Abstractions.ErrorIds.CredentialMissing, Abstractions.SpiErrorCategory.InvalidArgument,
                        "no --password-env, --password-stdin or --identity-file, and no CredentialName for this device");
                else
                    builder.Build(row);
            }
            NotReady = builder.Failures;
            return builder.Targets;
        }

        /// <summary>
        /// The inventory's devices that <see cref="Targets"/> could not make ready (no login for them: a CredentialName whose
        /// variable is not set, or no password at all while other rows have one; a HostKeyFingerprint or Context cell of
        /// the wrong shape); an audit gives each a Failed summary.
        /// </summary>
        public IReadOnlyList<DeviceSetUpFailure> NotReady { get; private set; } = Array.Empty<DeviceSetUpFailure>();

        /// <summary>The command line's options as the core's target spec.</summary>
        private DeviceTargetSpec Spec(ParseResult result, string? saveCapture, List<DeviceTargetRow> rows, bool inventoryLogins)
        {
            string? user = result.GetValue(User);
            if (user == null && rows.Count > 0 && rows.Exists(r => r.UserName == null)) throw Invalid("--user is required (or a User column in the inventory)");
            string? identity = result.GetValue(IdentityFile);
            DeviceSecret? password = Secret(result.GetValue(PasswordEnv), "--password-env");
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
            // No login anywhere is a mistake of the command line; an inventory that names logins fails only its rows without one.
            if (password == null && identity == null && !inventoryLogins && rows.Exists(r => r.Password == null))
                throw Invalid("give --identity-file, --password-env VAR or --password-stdin (a password is never taken on the command line)");
            return new DeviceTargetSpec
            {
                Port = result.GetValue(Port),
                UserName = user,
                Password = password,
                KeyFilePath = identity == null ? null : Path.GetFullPath(identity),
                HostKeyFingerprint = result.GetValue(HostKeyFingerprint),
                KnownHostsPath = result.GetValue(KnownHosts) is { } kh ? Path.GetFullPath(kh) : null,
                AcceptNewHostKey = result.GetValue(AcceptNewHostKey),
                EnableSecret = Secret(result.GetValue(EnablePasswordEnv), "--enable-password-env"),
                Context = result.GetValue(Context),
                Flow = _flowOffered ? FlowOf(result.GetValue(Flow)) : null,
                Peer = _fleet ? null : result.GetValue(Peer),
                Extras = _logAlways || _logOffered && result.GetValue(IncludeLog) ? CollectionExtras.Log : CollectionExtras.None,
                CommandTimeoutSeconds = result.GetValue(Timeout),
                PromptTimeoutSeconds = result.GetValue(PromptTimeout),
                DeviceTimeoutSeconds = _fleet ? result.GetValue(DeviceTimeout) : null,
                SaveCapture = saveCapture == null ? null : Path.GetFullPath(saveCapture),
                Partition = _fleet ? result.GetValue(Partition) : null,
            };
        }

        private static DeviceFlow? FlowOf(string[]? values)
        {
            if (values is not { Length: 6 }) return null;
            if (!int.TryParse(values[3], out int sport) || !int.TryParse(values[5], out int dport))
                throw Invalid("--flow: the ports must be numbers (IF PROTO SRC SPORT DST DPORT)");
            return DeviceFlow.Create(values[0], values[1], values[2], sport, values[4], dport);
        }

        /// <summary><see cref="Targets"/>, with an invalid value written as an error (null is returned then).</summary>
        public static IReadOnlyList<DeviceTarget>? TargetsOrReport(DeviceOptions options, ParseResult result, string? saveCapture, ConsoleSink sink)
        {
            try
            {
                return options.Targets(result, saveCapture, sink.Warning);
            }
            catch (DeviceException ex)
            {
                sink.Error(ex.ErrorId, ex.Category, ex, null);
                return null;
            }
        }

        /// <summary>The secret an environment variable holds; null when it is not set.</summary>
        private static DeviceSecret? SecretOrNull(string variable)
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrEmpty(value) ? null : Keep(new DeviceSecret(value!));
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
