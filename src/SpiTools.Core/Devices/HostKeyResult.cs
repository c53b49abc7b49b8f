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
    /// <summary>The result of a host-key check.</summary>
    public sealed class HostKeyResult
    {
        internal HostKeyResult(HostKeyStatus status, string host, int port, HostKey key, int? line, IReadOnlyList<string> knownKeyTypes, bool recorded)
        {
            Status = status;
            Host = host;
            Port = port;
            KeyType = key.KeyType;
            Fingerprint = key.Fingerprint;
            Line = line;
            KnownKeyTypes = knownKeyTypes;
            Recorded = recorded;
        }

        /// <summary>Known, unknown, mismatch or revoked.</summary>
        public HostKeyStatus Status { get; }
        /// <summary>The host checked.</summary>
        public string Host { get; }
        /// <summary>The port checked.</summary>
        public int Port { get; }
        /// <summary>The presented key's type.</summary>
        public string KeyType { get; }
        /// <summary>The presented key's fingerprint (<c>SHA256:…</c>), to check with the device's administrator.</summary>
        public string Fingerprint { get; }
        /// <summary>The known_hosts line that decided the result, when one did.</summary>
        public int? Line { get; }
        /// <summary>Key types recorded for the host (any key).</summary>
        public IReadOnlyList<string> KnownKeyTypes { get; }
        /// <summary>True when accept-new recorded the key just now.</summary>
        public bool Recorded { get; }

        /// <summary>Throws the matching <see cref="DeviceException"/> unless the key is known.</summary>
        public void ThrowIfNotKnown()
        {
            var where = Port == 22 ? Host : $"[{Host}]:{Port}";
            switch (Status)
            {
                case HostKeyStatus.Known:
                    return;
                case HostKeyStatus.Unknown when KnownKeyTypes.Count > 0:
                    throw new DeviceException(ErrorIds.HostKeyUnknown, SpiErrorCategory.PermissionDenied,
                        $"{where}: the device presents a {KeyType} host key {Fingerprint}, but the key recorded for this host is " +
                        $"{string.Join(", ", KnownKeyTypes)}; a key of another type is never accepted as new and nothing was recorded. " +
                        "Check the fingerprint with the device (show crypto key mypubkey / show ssh …), then record it in known_hosts or give it as the expected host key fingerprint.")
                    { Device = Host, Fingerprint = Fingerprint };
                case HostKeyStatus.Unknown:
                    throw new DeviceException(ErrorIds.HostKeyUnknown, SpiErrorCategory.PermissionDenied,
                        $"{where}: the {KeyType} host key {Fingerprint} is not known. Check the fingerprint with the device " +
                        "(show crypto key mypubkey / show ssh …), then record it in known_hosts or give it as the expected host key fingerprint.")
                    { Device = Host, Fingerprint = Fingerprint };
                case HostKeyStatus.Revoked:
                    throw new DeviceException(ErrorIds.HostKeyRevoked, SpiErrorCategory.PermissionDenied,
                        $"{where}: the {KeyType} host key {Fingerprint} is marked @revoked" + (Line is { } r ? $" (known_hosts line {r})." : "."))
                    { Device = Host, Fingerprint = Fingerprint };
                default:
                    throw new DeviceException(ErrorIds.HostKeyMismatch, SpiErrorCategory.PermissionDenied,
                        $"{where}: the host key has changed: the device presents {KeyType} {Fingerprint}, which is not the one recorded" +
                        (Line is { } l ? $" (known_hosts line {l})" : "") + ". Someone may be intercepting the connection, or the device's key was regenerated; nothing was sent.")
                    { Device = Host, Fingerprint = Fingerprint };
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{Status} {KeyType} {Fingerprint}";
    }
}
