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
    /// <summary>Checks a host key against an expected fingerprint given by the user.</summary>
    public static class HostKeyFingerprint
    {
        /// <summary>
        /// Known when <paramref name="expected"/> (<c>SHA256:base64</c> as OpenSSH prints it, padding optional) is
        /// the key's fingerprint, else Mismatch. A malformed fingerprint is <see cref="ErrorIds.InvalidDeviceArgument"/>.
        /// </summary>
        public static HostKeyResult Verify(string host, int port, HostKey key, string expected)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            var e = (expected ?? "").Trim();
            if (!e.StartsWith("SHA256:", StringComparison.Ordinal) || e.Length < 8)
                throw DeviceException.InvalidArgument("HostKeyFingerprint", "HostKeyFingerprint: expected 'SHA256:' followed by base64, as ssh-keygen -lf prints it.");
            var b64 = e.Substring(7).TrimEnd('=');
            foreach (char c in b64)
                if (!(char.IsLetterOrDigit(c) && c < 128) && c != '+' && c != '/')
                    throw DeviceException.InvalidArgument("HostKeyFingerprint", "HostKeyFingerprint: not base64 after 'SHA256:'.");
            var status = string.Equals("SHA256:" + b64, key.Fingerprint, StringComparison.Ordinal) ? HostKeyStatus.Known : HostKeyStatus.Mismatch;
            return new HostKeyResult(status, host, port, key, null, Array.Empty<string>(), false);
        }
    }
}
