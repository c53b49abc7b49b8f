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
    /// <summary>What a host-key check found.</summary>
    public enum HostKeyStatus
    {
        /// <summary>The presented key is recorded for the host (or equals the given fingerprint).</summary>
        Known,
        /// <summary>No key of this type is recorded for the host (keys of other types may be: see <see cref="HostKeyResult.KnownKeyTypes"/>).</summary>
        Unknown,
        /// <summary>A different key of the same type is recorded for the host (or the fingerprint differs).</summary>
        Mismatch,
        /// <summary>The presented key is marked <c>@revoked</c>.</summary>
        Revoked,
    }
}
