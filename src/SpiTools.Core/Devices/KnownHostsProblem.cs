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
    /// <summary>A known_hosts line that was not used, with why.</summary>
    public sealed class KnownHostsProblem
    {
        internal KnownHostsProblem(int line, string reason)
        {
            Line = line;
            Reason = reason;
        }

        /// <summary>1-based line number.</summary>
        public int Line { get; }
        /// <summary>Why the line was not used.</summary>
        public string Reason { get; }

        /// <inheritdoc />
        public override string ToString() => $"line {Line}: {Reason}";
    }
}
