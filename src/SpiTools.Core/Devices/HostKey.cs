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
    /// <summary>A host key as the device presents it: its type and its public key blob (SSH wire format).</summary>
    public sealed class HostKey
    {
        private readonly byte[] _blob;

        /// <summary>Wraps a key blob; its type is read from the blob.</summary>
        public HostKey(byte[] blob)
        {
            if (blob is null) throw new ArgumentNullException(nameof(blob));
            KeyType = ReadKeyType(blob) ?? throw new ArgumentException("Not an SSH public key blob (no key type at its start).", nameof(blob));
            _blob = (byte[])blob.Clone();
        }

        /// <summary>The key type (<c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>, …).</summary>
        public string KeyType { get; }

        /// <summary>The key blob in base64, as a known_hosts line holds it.</summary>
        public string Base64 => Convert.ToBase64String(_blob);

        /// <summary>The fingerprint as OpenSSH prints it: <c>SHA256:</c> and the unpadded base64 of the blob's SHA-256.</summary>
        public string Fingerprint => FingerprintOf(_blob);

        internal bool SameAs(byte[] blob)
        {
            if (blob.Length != _blob.Length) return false;
            int diff = 0;
            for (int i = 0; i < blob.Length; i++) diff |= blob[i] ^ _blob[i];
            return diff == 0;
        }

        /// <summary>Parses <c>TYPE BASE64</c> (a <c>.pub</c> line or the key part of a known_hosts line).</summary>
        public static HostKey Parse(string publicKeyLine)
        {
            if (publicKeyLine is null) throw new ArgumentNullException(nameof(publicKeyLine));
            var parts = publicKeyLine.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) throw new FormatException("Expected 'key-type base64-key'.");
            var blob = Convert.FromBase64String(parts[1]);
            var key = new HostKey(blob);
            if (key.KeyType != parts[0]) throw new FormatException($"The key data is a {key.KeyType} key, not {parts[0]}.");
            return key;
        }

        /// <inheritdoc />
        public override string ToString() => KeyType + " " + Fingerprint;

        internal static string FingerprintOf(byte[] blob)
        {
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('=');
        }

        internal static string? ReadKeyType(byte[] blob)
        {
            if (blob.Length < 4) return null;
            int n = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            if (n <= 0 || n > 64 || 4 + n > blob.Length) return null;
            for (int i = 4; i < 4 + n; i++)
                if (blob[i] < 0x21 || blob[i] > 0x7e) return null;
            return Encoding.ASCII.GetString(blob, 4, n);
        }
    }
}
