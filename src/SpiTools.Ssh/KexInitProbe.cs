using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using SpiTools.Devices;

namespace SpiTools.Ssh
{
    /// <summary>
    /// What an SSH server offers, read from its first (clear-text) key-exchange packet, SSH_MSG_KEXINIT. Used only
    /// after a handshake failed, to say which algorithm list had nothing in common with the client's instead of the
    /// SSH library's "connection aborted": the probe sends nothing but its identification line.
    /// </summary>
    internal sealed class KexInitOffer
    {
        private KexInitOffer(IReadOnlyList<string>[] lists)
        {
            KeyExchange = lists[0];
            HostKey = lists[1];
            Ciphers = lists[2].Intersect(lists[3]).ToList();
            Macs = lists[4].Intersect(lists[5]).ToList();
            Compression = lists[6].Intersect(lists[7]).ToList();
        }

        public IReadOnlyList<string> KeyExchange { get; }
        public IReadOnlyList<string> HostKey { get; }
        public IReadOnlyList<string> Ciphers { get; }
        public IReadOnlyList<string> Macs { get; }
        public IReadOnlyList<string> Compression { get; }

        /// <summary>
        /// The first list (key exchange, host key, cipher, MAC, compression) with nothing the client supports, as
        /// "MAC: the device offers …; SpiTools supports …"; null when every list has a match.
        /// </summary>
        public string? Mismatch(IEnumerable<string> kex, IEnumerable<string> hostKey, IEnumerable<string> ciphers, IEnumerable<string> macs, IEnumerable<string> compression)
        {
            string? Check(string what, IReadOnlyList<string> offered, IEnumerable<string> supported)
            {
                var ours = supported.ToList();
                if (offered.Any(ours.Contains)) return null;
                return $"{what}: the device offers {Join(offered)}; SpiTools supports {Join(ours)}";
            }
            var cipherList = ciphers.ToList();
            var r = Check("key exchange", KeyExchange, kex)
                    ?? Check("host key", HostKey, hostKey)
                    ?? Check("cipher", Ciphers, cipherList);
            if (r != null) return r;
            // An AEAD cipher (GCM, ChaCha20-Poly1305) carries its own integrity: no MAC is negotiated then.
            var chosen = cipherList.First(c => Ciphers.Contains(c));
            bool aead = chosen.IndexOf("gcm", StringComparison.Ordinal) >= 0 || chosen.IndexOf("poly1305", StringComparison.Ordinal) >= 0;
            return (aead ? null : Check("MAC", Macs, macs)) ?? Check("compression", Compression, compression);
        }

        /// <summary>
        /// The names as a list for a message: what the device offers comes from a server not yet authenticated, so each
        /// name shows its control characters visibly, and the list is cut after <see cref="MaxListCharacters"/>.
        /// </summary>
        private static string Join(IEnumerable<string> names)
        {
            var list = names.ToList();
            if (list.Count == 0) return "(none)";
            var text = string.Join(", ", list.Select(n => UntrustedText.Visible(n)));
            return text.Length <= MaxListCharacters ? text : text.Substring(0, MaxListCharacters) + "…";
        }

        private const int MaxListCharacters = 1000;

        /// <summary>Connects, exchanges identification lines, reads the server's KEXINIT; null when it cannot be learnt in time.</summary>
        public static KexInitOffer? Read(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout <= TimeSpan.Zero) return null;
            try
            {
                using var tcp = new TcpClient();
                var connect = tcp.ConnectAsync(host, port);
                if (!connect.Wait((int)timeout.TotalMilliseconds, cancellationToken) || !tcp.Connected) return null;
                int ms = (int)Math.Max(100, timeout.TotalMilliseconds);
                tcp.ReceiveTimeout = ms;
                tcp.SendTimeout = ms;
                using var registration = cancellationToken.Register(() => { try { tcp.Close(); } catch (Exception) { } });
                var stream = tcp.GetStream();
                // The server's identification may follow other lines (RFC 4253 4.2).
                for (int lines = 0; ; lines++)
                {
                    if (lines > 50) return null;
                    var line = ReadLine(stream);
                    if (line is null) return null;
                    if (line.StartsWith("SSH-", StringComparison.Ordinal)) break;
                }
                var ident = Encoding.ASCII.GetBytes("SSH-2.0-SpiTools\r\n");
                stream.Write(ident, 0, ident.Length);
                for (int packets = 0; packets < 4; packets++)
                {
                    var header = ReadExactly(stream, 5);
                    if (header is null) return null;
                    int length = (header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
                    int padding = header[4];
                    if (length < 1 + padding + 1 || length > 256 * 1024) return null;
                    var rest = ReadExactly(stream, length - 1);
                    if (rest is null) return null;
                    int payloadLength = length - 1 - padding;
                    if (rest[0] != 20) continue; // not KEXINIT (SSH_MSG_IGNORE, DEBUG…)
                    return Parse(rest, payloadLength);
                }
                return null;
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException
                                       || ex is OperationCanceledException || ex is AggregateException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        internal static KexInitOffer? Parse(byte[] payload, int length)
        {
            int at = 1 + 16; // message number, cookie
            var lists = new IReadOnlyList<string>[10];
            for (int i = 0; i < lists.Length; i++)
            {
                if (at + 4 > length) return null;
                int n = (payload[at] << 24) | (payload[at + 1] << 16) | (payload[at + 2] << 8) | payload[at + 3];
                at += 4;
                if (n < 0 || at + n > length) return null;
                var text = Encoding.ASCII.GetString(payload, at, n);
                at += n;
                lists[i] = text.Length == 0 ? Array.Empty<string>() : text.Split(',');
            }
            return new KexInitOffer(lists);
        }

        private static string? ReadLine(Stream stream)
        {
            var sb = new StringBuilder();
            while (sb.Length < 1024)
            {
                int b = stream.ReadByte();
                if (b < 0) return null;
                if (b == '\n') return sb.ToString().TrimEnd('\r');
                sb.Append((char)b);
            }
            return null;
        }

        private static byte[]? ReadExactly(Stream stream, int count)
        {
            var buffer = new byte[count];
            int read = 0;
            while (read < count)
            {
                int n = stream.Read(buffer, read, count - read);
                if (n <= 0) return null;
                read += n;
            }
            return buffer;
        }
    }
}
