using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SpiTools.Devices
{
    /// <summary>
    /// A secret (a password, a passphrase, the enable secret) that never prints: <see cref="ToString"/> gives
    /// <c>********</c>, and the session masks the enable secret in the enable exchange (where a device may echo it), never
    /// elsewhere: the same text in an output (<c>interface: outside</c>) is the device's own. Whoever makes one disposes it
    /// once every device is done, which overwrites its characters. Line breaks and control characters are refused, so a secret
    /// can never carry a second command.
    /// </summary>
    public sealed class DeviceSecret : IDisposable
    {
        /// <summary>What a secret prints as.</summary>
        public const string Mask = "********";

        private char[] _chars;

        /// <summary>Wraps a secret given as text.</summary>
        public DeviceSecret(string secret)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            _chars = Validate(secret.ToCharArray());
        }

        /// <summary>
        /// Wraps the first <paramref name="length"/> characters of <paramref name="buffer"/> (copied: the caller clears its
        /// buffer, as <see cref="SecretLineReader"/> does), so a secret read from a stream never becomes a string.
        /// </summary>
        public DeviceSecret(char[] buffer, int length)
        {
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            if (length < 0 || length > buffer.Length) throw new ArgumentOutOfRangeException(nameof(length));
            var chars = new char[length];
            Array.Copy(buffer, chars, length);
            _chars = Validate(chars);
        }

        /// <summary>Wraps a secret given as a <see cref="SecureString"/> (PowerShell's <c>Read-Host -AsSecureString</c>, a credential's password).</summary>
        public DeviceSecret(SecureString secret)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            IntPtr p = IntPtr.Zero;
            try
            {
                p = Marshal.SecureStringToGlobalAllocUnicode(secret);
                var chars = new char[secret.Length];
                Marshal.Copy(p, chars, 0, chars.Length);
                _chars = Validate(chars);
            }
            finally
            {
                if (p != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(p);
            }
        }

        /// <summary>Number of characters.</summary>
        public int Length => _chars.Length;

        internal string Reveal() => new string(_chars);

        /// <summary>
        /// Masks every occurrence of the secret in <paramref name="text"/>; returns how many there were. Compares
        /// characters in place: no copy of the secret is made.
        /// </summary>
        internal string Redact(string text, out int occurrences)
        {
            occurrences = 0;
            var secret = _chars;
            if (secret.Length == 0 || text.Length < secret.Length) return text;
            System.Text.StringBuilder? sb = null;
            int from = 0;
            for (int at = 0; at + secret.Length <= text.Length;)
            {
                if (!MatchesAt(text, at, secret)) { at++; continue; }
                occurrences++;
                sb ??= new System.Text.StringBuilder(text.Length);
                sb.Append(text, from, at - from).Append(Mask);
                at += secret.Length;
                from = at;
            }
            if (sb is null) return text;
            sb.Append(text, from, text.Length - from);
            return sb.ToString();
        }

        private static bool MatchesAt(string text, int at, char[] secret)
        {
            for (int i = 0; i < secret.Length; i++)
                if (text[at + i] != secret[i]) return false;
            return true;
        }

        /// <summary>True once <see cref="Dispose"/> has overwritten the characters.</summary>
        public bool IsDisposed { get; private set; }

        /// <inheritdoc />
        public override string ToString() => Mask;

        /// <summary>Overwrites the characters.</summary>
        public void Dispose()
        {
            Array.Clear(_chars, 0, _chars.Length);
            _chars = Array.Empty<char>();
            IsDisposed = true;
        }

        private static char[] Validate(char[] chars)
        {
            foreach (char c in chars)
            {
                if (c < ' ' || c == '\x7f' || (c >= '\x80' && c < '\xa0'))
                {
                    Array.Clear(chars, 0, chars.Length);
                    throw DeviceException.InvalidArgument("EnableSecret",
                        "EnableSecret: the secret holds a line break or control character (not shown). Nothing was sent.");
                }
            }
            return chars;
        }
    }
}
