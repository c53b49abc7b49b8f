using System;
using System.Collections.Generic;
using System.Globalization;
using SpiTools.Devices;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// Turns a run's <see cref="DeviceTargetSpec"/> and its devices' <see cref="DeviceTargetRow"/>s into
    /// <see cref="DeviceTarget"/>s, the one place every cmdlet and CLI verb makes its targets: the spec's values fill in
    /// what a row leaves out, a device given twice (same <see cref="IdentityKey"/>) is worked on once with a warning, and
    /// a partition keeps its part of the devices. Every value is checked against <see cref="OptionLimits"/> and the
    /// device argument rules; a bad one is a <see cref="DeviceException"/> with ErrorId
    /// <see cref="Abstractions.ErrorIds.InvalidDeviceArgument"/> before anything is sent.
    /// </summary>
    public sealed class DeviceTargetBuilder
    {

        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<DeviceTarget> _made = new List<DeviceTarget>();
        private readonly List<DeviceSetUpFailure> _failed = new List<DeviceSetUpFailure>();
        private readonly Action<string>? _warn;

        /// <summary>Checks the spec; <paramref name="warn"/> hears of each device given twice.</summary>
        /// <exception cref="DeviceException">A value outside its limits, a bad fingerprint, flow peer or context, or a partition that is not K/N.</exception>
        public DeviceTargetBuilder(DeviceTargetSpec spec, Action<string>? warn = null)
        {
            Spec = spec ?? throw new ArgumentNullException(nameof(spec));
            _warn = warn;
            DeviceArguments.Port(spec.Port);
            InRange(spec.CommandTimeoutSeconds, OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds, "TimeoutSeconds");
            InRange(spec.PromptTimeoutSeconds, OptionLimits.MinPromptTimeoutSeconds, OptionLimits.MaxPromptTimeoutSeconds, "PromptTimeoutSeconds");
            if (spec.DeviceTimeoutSeconds is int device)
                InRange(device, OptionLimits.MinDeviceTimeoutSeconds, OptionLimits.MaxDeviceTimeoutSeconds, "DeviceTimeoutSeconds");
            CheckFingerprint(spec.HostKeyFingerprint);
            if (spec.Partition != null)
            {
                try { AuditPartition.Parse(spec.Partition); }
                catch (ArgumentException) { throw DeviceException.InvalidArgument("Partition", $"Partition: '{DeviceArguments.Printable(spec.Partition)}' is not a part K/N with 1 <= K <= N, such as 1/2."); }
            }
            Request(spec.Context); // the peer and the spec's context, checked before any row
        }

        /// <summary>The run's options.</summary>
        public DeviceTargetSpec Spec { get; }

        /// <summary>Every target made so far, in the order the rows came.</summary>
        public IReadOnlyList<DeviceTarget> Targets => _made;

        /// <summary>The devices of the run that could not be made ready (<see cref="Failure"/>), in the order the rows came.</summary>
        public IReadOnlyList<DeviceSetUpFailure> Failures => _failed;

        /// <summary>
        /// Records that an admitted row's device cannot be worked on (no login for it, a secret its store lacks): its error,
        /// with ErrorId <paramref name="errorId"/> and the message headed by the device's label (<c>fw-edge1 (10.0.0.1:2222): …</c>),
        /// names it by its identity; an audit writes that error and gives the device a Failed summary. The row's password,
        /// if any, is overwritten. A context that is not a context name (never sent) is shown printable in the identity.
        /// </summary>
        public DeviceSetUpFailure Failure(DeviceTargetRow row, string errorId, Abstractions.SpiErrorCategory category, string message, Exception? inner = null)
        {
            if (row is null) throw new ArgumentNullException(nameof(row));
            string? context = ContextOf(row) is { } given ? DeviceArguments.Printable(given) : null;
            int port = PortOf(row);
            string device = DeviceId.For(row.Name, row.Host, port, context);
            var error = new DeviceException(errorId, category, DeviceId.Label(row.Name, row.Host, port, context) + ": " + message, inner) { Device = device };
            row.Password?.Dispose();
            var failure = new DeviceSetUpFailure(device, row.Host, row.InventoryColumns ?? Array.Empty<KeyValuePair<string, string>>(), error);
            _failed.Add(failure);
            return failure;
        }

        /// <summary>
        /// Checks the cells of an admitted inventory row (one with a <see cref="DeviceTargetRow.Origin"/>) before anything
        /// else is done for it: a <c>HostKeyFingerprint</c> or <c>Context</c> of the wrong shape fails that device only. Its
        /// <see cref="Failure"/> has ErrorId <see cref="Abstractions.ErrorIds.InvalidDeviceArgument"/> and a message naming
        /// the row, the column and what is wrong with the value, never the value itself (a cell may hold what was meant for
        /// another column); the device is named by its identity, a context shown printable. The other rows go on. Null when
        /// the row is good, or when it has no origin: a value given as a parameter is refused for the whole run (the
        /// constructor, <see cref="Build"/>).
        /// </summary>
        public DeviceSetUpFailure? RowFailure(DeviceTargetRow row)
        {
            if (row is null) throw new ArgumentNullException(nameof(row));
            if (row.Origin == null || row.OpenChannel != null) return null;
            var problems = new List<string>();
            if (!string.IsNullOrEmpty(row.HostKeyFingerprint) && FingerprintProblem(row.HostKeyFingerprint!) is { } fingerprint)
                problems.Add("column HostKeyFingerprint: " + fingerprint);
            if (!string.IsNullOrEmpty(row.Context) && ContextProblem(row.Context!) is { } context)
                problems.Add("column Context: " + context);
            if (problems.Count == 0) return null;
            return Failure(row, Abstractions.ErrorIds.InvalidDeviceArgument, Abstractions.SpiErrorCategory.InvalidArgument,
                $"{row.Origin}, {string.Join("; ", problems)}; the device was not contacted");
        }

        /// <summary>
        /// The key two rows name one device by: its identity (<see cref="DeviceId"/>: the inventory's name, else host,
        /// port and context), compared without case. It is the one place that says when two rows are the same device.
        /// </summary>
        public static string IdentityKey(string? name, string host, int port, string? context) =>
            DeviceId.For(name, host, port, context).ToLowerInvariant();

        /// <summary>What a partition hashes: the host, with <c>:port</c> when the port is not 22 (as <c>-Partition</c> and <c>--partition</c> always have).</summary>
        public static string PartitionKey(string host, int port) =>
            port == OptionLimits.DefaultPort ? host : host + ":" + port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// True when the run works on this row's device: it falls in the partition, and was not given before (a warning
        /// says so). A ready shell (<see cref="DeviceTargetRow.OpenChannel"/>) is always admitted.
        /// </summary>
        public bool Admits(DeviceTargetRow row)
        {
            if (row.OpenChannel != null) return true;
            int port = PortOf(row);
            if (Spec.Partition != null && !AuditPartition.Includes(PartitionKey(row.Host, port), Spec.Partition)) return false;
            string? context = ContextOf(row);
            if (_seen.Add(IdentityKey(row.Name, row.Host, port, context))) return true;
            _warn?.Invoke($"{DeviceId.For(row.Name, row.Host, port, context)}: given twice; worked on once");
            return false;
        }

        /// <summary>The target of an admitted row, the spec filling in what the row leaves out.</summary>
        /// <exception cref="DeviceException">A bad port or context, or no user name for an SSH connection.</exception>
        public DeviceTarget Build(DeviceTargetRow row)
        {
            var spec = Spec;
            int port = PortOf(row);
            DeviceArguments.Port(port);
            var password = row.Password ?? spec.Password;
            string? fingerprint = string.IsNullOrEmpty(row.HostKeyFingerprint) ? spec.HostKeyFingerprint : CheckFingerprint(row.HostKeyFingerprint);
            DeviceConnectOptions? connect = null;
            if (row.OpenChannel == null)
            {
                string user = row.UserName ?? spec.UserName ?? throw DeviceException.InvalidArgument("UserName", $"{DeviceId.Label(row.Name, row.Host, port, ContextOf(row))}: no user name to log in with.");
                connect = new DeviceConnectOptions
                {
                    Host = row.Host,
                    Port = port,
                    UserName = user,
                    Password = spec.KeyFilePath == null ? password : null,
                    KeyFilePath = spec.KeyFilePath,
                    KeyPassphrase = spec.KeyFilePath != null && password != null && password.Length > 0 ? password : null,
                    HostKeyFingerprint = fingerprint,
                    KnownHostsPath = spec.KnownHostsPath,
                    AcceptNewHostKey = spec.AcceptNewHostKey,
                };
            }
            var target = new DeviceTarget
            {
                Name = row.Host,
                InventoryName = row.Name,
                InventoryColumns = row.InventoryColumns ?? Array.Empty<KeyValuePair<string, string>>(),
                Connect = connect,
                OpenChannel = row.OpenChannel,
                EnableSecret = spec.EnableSecret,
                Request = Request(ContextOf(row)),
                CommandTimeout = TimeSpan.FromSeconds(spec.DeviceTimeoutSeconds is int device ? Math.Min(device, spec.CommandTimeoutSeconds) : spec.CommandTimeoutSeconds),
                PromptTimeout = TimeSpan.FromSeconds(spec.PromptTimeoutSeconds),
                SaveCapture = spec.SaveCapture,
            };
            if (spec.DeviceTimeoutSeconds is int seconds) target.DeviceTimeout = TimeSpan.FromSeconds(seconds);
            _made.Add(target);
            return target;
        }

        /// <summary>The targets of the rows the run works on (<see cref="Admits"/>), in their order.</summary>
        public IReadOnlyList<DeviceTarget> Add(IEnumerable<DeviceTargetRow> rows)
        {
            var added = new List<DeviceTarget>();
            foreach (var row in rows)
                if (Admits(row)) added.Add(Build(row));
            return added;
        }

        /// <summary>Overwrites the secrets of every target made and of the spec (for a front end that made them all for this run).</summary>
        public void DisposeSecrets()
        {
            foreach (var target in _made) target.DisposeSecrets();
            Spec.Password?.Dispose();
            Spec.EnableSecret?.Dispose();
        }

        private int PortOf(DeviceTargetRow row) => row.Port ?? Spec.Port;

        private string? ContextOf(DeviceTargetRow row) => string.IsNullOrEmpty(row.Context) ? Spec.Context : row.Context;

        private CollectionRequest Request(string? context)
        {
            var request = CollectionRequest.Create(Spec.Flow, Spec.Peer, context);
            if ((Spec.Extras & CollectionExtras.IkeSas) != 0) request = request.WithIkeSas();
            return (Spec.Extras & CollectionExtras.Log) != 0 ? request.WithLog() : request;
        }

        /// <summary>
        /// <see cref="OptionLimits.HostKeyFingerprintPattern"/> checked by hand (the core holds no regular expression):
        /// <c>SHA256:</c>, 43 base64 characters, an optional <c>=</c>.
        /// </summary>
        internal static bool IsSha256Fingerprint(string value)
        {
            const string prefix = "SHA256:";
            if (!value.StartsWith(prefix, StringComparison.Ordinal)) return false;
            int n = value.Length - prefix.Length;
            if (n == 44 && value[value.Length - 1] == '=') n = 43;
            if (n != 43) return false;
            for (int k = 0; k < 43; k++)
            {
                char c = value[prefix.Length + k];
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) return false;
            }
            return true;
        }

        /// <summary>What is wrong with a fingerprint, in words that repeat none of it; null when it is a SHA256 fingerprint.</summary>
        internal static string? FingerprintProblem(string value)
        {
            const string prefix = "SHA256:";
            const string needed = "a SHA256 fingerprint is SHA256: and 43 base64 characters, as ssh-keygen -l -E sha256 prints it";
            if (IsSha256Fingerprint(value)) return null;
            if (value.StartsWith("MD5:", StringComparison.OrdinalIgnoreCase)) return "an MD5 fingerprint; " + needed;
            if (!value.StartsWith(prefix, StringComparison.Ordinal)) return "does not start with SHA256:; " + needed;
            int n = value.Length - prefix.Length;
            if (n == 44 && value[value.Length - 1] == '=') n = 43;
            if (n != 43) return $"{n.ToString(CultureInfo.InvariantCulture)} characters after SHA256:, where 43 are needed; " + needed;
            for (int k = 0; k < 43; k++)
            {
                char c = value[prefix.Length + k];
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'))
                    return $"character {(k + 1).ToString(CultureInfo.InvariantCulture)} after SHA256: is not a base64 character; " + needed;
            }
            return "not a SHA256 fingerprint; " + needed;
        }

        /// <summary>What is wrong with a context name, in words that repeat none of it but the one punctuation character refused (a space, a control or non-ASCII character is named, not shown); null when it is one.</summary>
        internal static string? ContextProblem(string value)
        {
            const string needed = "a context name is letters, digits, '-', '_' or '.', at most 64, starting with a letter or digit";
            try
            {
                DeviceArguments.ContextName(value);
                return null;
            }
            catch (DeviceException)
            {
            }
            if (value.Length > 64) return $"{value.Length.ToString(CultureInfo.InvariantCulture)} characters long; " + needed;
            for (int k = 0; k < value.Length; k++)
            {
                char c = value[k];
                bool ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || k > 0 && (c == '-' || c == '_' || c == '.');
                if (ok) continue;
                string what = c == ' ' ? "a space" : c < ' ' || c == '\x7f' ? "a control character" : c > '\x7f' ? "not ASCII" : "'" + c + "'";
                return $"character {(k + 1).ToString(CultureInfo.InvariantCulture)} is {what}; " + needed;
            }
            return "not a context name; " + needed;
        }

        private static string? CheckFingerprint(string? fingerprint)
        {
            if (fingerprint != null && !IsSha256Fingerprint(fingerprint))
                throw DeviceException.InvalidArgument("HostKeyFingerprint", $"HostKeyFingerprint: '{DeviceArguments.Printable(fingerprint)}' is not a SHA256 fingerprint (SHA256: and 43 base64 characters).");
            return fingerprint;
        }

        private static void InRange(int value, int min, int max, string name)
        {
            if (value < min || value > max)
                throw DeviceException.InvalidArgument(name, $"{name}: {value.ToString(CultureInfo.InvariantCulture)} is out of range ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
