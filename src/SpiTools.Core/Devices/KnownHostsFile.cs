using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    /// <summary>
    /// An OpenSSH <c>known_hosts</c> file: plain and hashed (<c>|1|salt|hash</c>) host patterns, wildcards and
    /// negations, <c>[host]:port</c> for other ports than 22, several keys per host, <c>@revoked</c> markers;
    /// <c>@cert-authority</c> lines are read but not used (certificates are not checked). Every line is either used,
    /// a comment or blank, or listed in <see cref="Problems"/> with its number. The file is read afresh on each
    /// check; <see cref="CheckOrAdd"/> holds an exclusive lock while it re-reads and appends, so parallel writers
    /// (threads or processes) never corrupt it or add a key twice.
    /// </summary>
    public sealed class KnownHostsFile
    {
        private const int DefaultPort = 22;
        private List<KnownHostsProblem> _problems = new List<KnownHostsProblem>();

        /// <summary>Uses the file at <paramref name="path"/> (it need not exist yet).</summary>
        public KnownHostsFile(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is required.", nameof(path));
            Path = path;
        }

        /// <summary>The file.</summary>
        public string Path { get; }

        /// <summary>How long to wait for another writer's lock.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Write new entries hashed (<c>|1|salt|hash</c>, as <c>HashKnownHosts yes</c>).</summary>
        public bool HashNewEntries { get; set; }

        /// <summary>Lines of the last read that were not used.</summary>
        public IReadOnlyList<KnownHostsProblem> Problems => _problems;

        /// <summary>Checks the key (strict: an unknown key stays unknown).</summary>
        public HostKeyResult Check(string host, int port, HostKey key)
        {
            Validate(host, port, key);
            string text;
            using (var fs = Open(FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, mayBeMissing: true))
                text = fs is null ? "" : ReadAll(fs);
            return Evaluate(text, host, port, key, recorded: false);
        }

        /// <summary>
        /// The key types recorded for the host (no <c>@revoked</c> or <c>@cert-authority</c> line counts), in the
        /// file's order: what the key exchange should ask the device for first.
        /// </summary>
        public IReadOnlyList<string> RecordedKeyTypes(string host, int port)
        {
            if (port < 1 || port > 65535 || string.IsNullOrEmpty(host)) return Array.Empty<string>();
            string text;
            using (var fs = Open(FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, mayBeMissing: true))
                text = fs is null ? "" : ReadAll(fs);
            return ScanTypes(text, HostName(host, port));
        }

        /// <summary>
        /// Checks the key and records it only when no key of any type is recorded for the host (OpenSSH's
        /// <c>StrictHostKeyChecking=accept-new</c>): a host with an <c>ssh-rsa</c> key on record that now presents an
        /// ed25519 key stays <see cref="HostKeyStatus.Unknown"/> and nothing is appended. A changed or revoked key is
        /// never recorded.
        /// </summary>
        public HostKeyResult CheckOrAdd(string host, int port, HostKey key)
        {
            Validate(host, port, key);
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            using var fs = Open(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, mayBeMissing: false)!;
            var text = ReadAll(fs);
            var result = Evaluate(text, host, port, key, recorded: false);
            if (result.Status != HostKeyStatus.Unknown || result.KnownKeyTypes.Count > 0) return result;
            var entry = new StringBuilder();
            if (text.Length > 0 && text[text.Length - 1] != '\n') entry.Append('\n');
            entry.Append(HashNewEntries ? Hash(HostName(host, port), NewSalt()) : HostName(host, port))
                 .Append(' ').Append(key.KeyType).Append(' ').Append(key.Base64).Append('\n');
            var bytes = new UTF8Encoding(false).GetBytes(entry.ToString());
            fs.Seek(0, SeekOrigin.End);
            fs.Write(bytes, 0, bytes.Length);
            fs.Flush(true);
            var lineCount = CountLines(text) + 1;
            return new HostKeyResult(HostKeyStatus.Known, host, port, key, lineCount, result.KnownKeyTypes, recorded: true);
        }

        private HostKeyResult Evaluate(string text, string host, int port, HostKey key, bool recorded)
        {
            var problems = new List<KnownHostsProblem>();
            var name = HostName(host, port);
            var types = new List<string>();
            int? knownLine = null, mismatchLine = null, revokedLine = null;
            int lineNo = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNo++;
                var line = raw.TrimEnd('\r').Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                int f = 0;
                string? marker = null;
                if (fields[0].StartsWith("@", StringComparison.Ordinal))
                {
                    marker = fields[0];
                    f = 1;
                    if (marker != "@revoked" && marker != "@cert-authority") { problems.Add(new KnownHostsProblem(lineNo, $"unknown marker {marker}")); continue; }
                }
                if (fields.Length < f + 3) { problems.Add(new KnownHostsProblem(lineNo, "expected host patterns, key type and key")); continue; }
                var patterns = fields[f];
                var type = fields[f + 1];
                byte[] blob;
                try { blob = Convert.FromBase64String(fields[f + 2]); }
                catch (FormatException) { problems.Add(new KnownHostsProblem(lineNo, "the key is not base64")); continue; }
                var blobType = HostKey.ReadKeyType(blob);
                if (blobType != type) { problems.Add(new KnownHostsProblem(lineNo, $"the key data is not a {type} key")); continue; }
                bool matches;
                try { matches = HostMatches(patterns, name); }
                catch (FormatException ex) { problems.Add(new KnownHostsProblem(lineNo, ex.Message)); continue; }
                if (marker == "@cert-authority") continue; // read, valid, not used: certificates are not checked
                if (!matches) continue;
                bool same = key.SameAs(blob);
                if (marker == "@revoked") { if (same) revokedLine ??= lineNo; continue; }
                if (!types.Contains(type)) types.Add(type);
                if (type != key.KeyType) continue;
                if (same) knownLine ??= lineNo;
                else mismatchLine ??= lineNo;
            }
            _problems = problems;
            if (revokedLine != null) return new HostKeyResult(HostKeyStatus.Revoked, host, port, key, revokedLine, types, recorded);
            if (knownLine != null) return new HostKeyResult(HostKeyStatus.Known, host, port, key, knownLine, types, recorded);
            if (mismatchLine != null) return new HostKeyResult(HostKeyStatus.Mismatch, host, port, key, mismatchLine, types, recorded);
            return new HostKeyResult(HostKeyStatus.Unknown, host, port, key, null, types, recorded);
        }

        private static IReadOnlyList<string> ScanTypes(string text, string name)
        {
            var types = new List<string>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r').Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == '@') continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 3) continue;
                bool matches;
                try { matches = HostMatches(fields[0], name); }
                catch (FormatException) { continue; }
                if (matches && !types.Contains(fields[1])) types.Add(fields[1]);
            }
            return types;
        }

        /// <summary>The name known_hosts uses: <c>host</c> on port 22, else <c>[host]:port</c>; lower case.</summary>
        internal static string HostName(string host, int port) =>
            (port == DefaultPort ? host : "[" + host + "]:" + port.ToString(CultureInfo.InvariantCulture)).ToLowerInvariant();

        internal static bool HostMatches(string patterns, string name)
        {
            if (patterns.StartsWith("|1|", StringComparison.Ordinal))
            {
                var parts = patterns.Split('|');
                if (parts.Length != 4) throw new FormatException("a hashed host is |1|salt|hash");
                byte[] salt;
                try { salt = Convert.FromBase64String(parts[2]); Convert.FromBase64String(parts[3]); }
                catch (FormatException) { throw new FormatException("the hashed host's salt or hash is not base64"); }
                return string.Equals(Hash(name, salt), patterns, StringComparison.Ordinal);
            }
            bool positive = false;
            foreach (var p in patterns.Split(','))
            {
                if (p.Length == 0) continue;
                bool negated = p[0] == '!';
                var pattern = (negated ? p.Substring(1) : p).ToLowerInvariant();
                if (!Wildcard(pattern, 0, name, 0)) continue;
                if (negated) return false;
                positive = true;
            }
            return positive;
        }

        private static bool Wildcard(string p, int pi, string s, int si)
        {
            while (pi < p.Length)
            {
                char c = p[pi];
                if (c == '*')
                {
                    for (int k = si; k <= s.Length; k++)
                        if (Wildcard(p, pi + 1, s, k)) return true;
                    return false;
                }
                if (si >= s.Length) return false;
                if (c != '?' && c != s[si]) return false;
                pi++;
                si++;
            }
            return si == s.Length;
        }

        internal static string Hash(string name, byte[] salt)
        {
            using var hmac = new HMACSHA1(salt);
            return "|1|" + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(name)));
        }

        private static byte[] NewSalt()
        {
            var salt = new byte[20];
            using var rng = RandomNumberGenerator.Create();
            rng.GetBytes(salt);
            return salt;
        }

        private static void Validate(string host, int port, HostKey key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (port < 1 || port > 65535) throw DeviceException.InvalidArgument("Port", $"Port: {port} is not a port (1-65535).");
            if (string.IsNullOrEmpty(host) || host.Length > 255)
                throw DeviceException.InvalidArgument("Host", "Host: a host name or address is required.");
            foreach (char c in host)
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '_'))
                    throw DeviceException.InvalidArgument("Host", $"Host: '{DeviceArguments.Printable(host)}' is not a host name or address.");
        }

        private FileStream? Open(FileMode mode, FileAccess access, FileShare share, bool mayBeMissing)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int attempt = 0;
            while (true)
            {
                try
                {
                    return new FileStream(Path, mode, access, share, 4096, FileOptions.None);
                }
                catch (FileNotFoundException) when (mayBeMissing) { return null; }
                catch (DirectoryNotFoundException) when (mayBeMissing) { return null; }
                catch (UnauthorizedAccessException ex)
                {
                    throw new DeviceException(ErrorIds.KnownHostsUnreadable, SpiErrorCategory.ReadError, $"{Path}: cannot be opened ({ex.Message}).", ex);
                }
                catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
                {
                    // Another writer holds the lock: wait a little and try again, for at most LockTimeout.
                    if (clock.Elapsed >= LockTimeout)
                        throw new DeviceException(ErrorIds.KnownHostsUnreadable, SpiErrorCategory.ReadError,
                            $"{Path}: still locked by another writer after {LockTimeout.TotalSeconds:0.#} s.", ex);
                    Thread.Sleep(Math.Min(5 + 5 * attempt++, 50));
                }
            }
        }

        private static string ReadAll(FileStream fs)
        {
            fs.Seek(0, SeekOrigin.Begin);
            var reader = new StreamReader(fs, new UTF8Encoding(false), false, 4096, leaveOpen: true);
            return reader.ReadToEnd();
        }

        private static int CountLines(string text)
        {
            if (text.Length == 0) return 0;
            int n = 0;
            foreach (char c in text) if (c == '\n') n++;
            return text[text.Length - 1] == '\n' ? n : n + 1;
        }
    }
}
