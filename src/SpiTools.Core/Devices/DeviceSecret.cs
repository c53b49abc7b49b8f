using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SpiTools.Devices
{
    /// <summary>
    /// A secret (the enable secret) that never prints: <see cref="ToString"/> gives <c>********</c>, and the session
    /// masks it in everything the device sends back. Line breaks and control characters are refused, so a secret
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

        /// <summary>Masks every occurrence of the secret in <paramref name="text"/>; returns how many there were.</summary>
        internal string Redact(string text, out int occurrences)
        {
            occurrences = 0;
            if (_chars.Length == 0 || text.Length < _chars.Length) return text;
            var secret = Reveal();
            int at = text.IndexOf(secret, StringComparison.Ordinal);
            if (at < 0) return text;
            var sb = new System.Text.StringBuilder(text.Length);
            int from = 0;
            while (at >= 0)
            {
                occurrences++;
                sb.Append(text, from, at - from).Append(Mask);
                from = at + secret.Length;
                at = text.IndexOf(secret, from, StringComparison.Ordinal);
            }
            sb.Append(text, from, text.Length - from);
            return sb.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => Mask;

        /// <summary>Overwrites the characters.</summary>
        public void Dispose()
        {
            Array.Clear(_chars, 0, _chars.Length);
            _chars = Array.Empty<char>();
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
