using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A kind of device output SpiTools can parse: how it is recognised and which parser reads it.
    /// </summary>
    public interface ICaptureFormat
    {
        /// <summary>Stable kind name used by <c>--kind</c> and in diagnostics (<c>ipsec-sa</c>, <c>vpn-context</c>, <c>packet-tracer</c>).</summary>
        string Name { get; }

        /// <summary>True when an echoed command (without its prompt; possibly abbreviated, e.g. <c>sh cry ips sa peer 1.2.3.4</c>) produces this output.</summary>
        bool MatchesCommand(ReadOnlySpan<char> command);

        /// <summary>True when a repaired line is a strong sign that this output starts here (used when no command was echoed).</summary>
        bool IsSectionStart(in CaptureLine line);

        /// <summary>
        /// Where this output's first line starts inside an echoed command that it was joined onto (a pasted
        /// <c>show asp table vpn-context detail | begin X VPN CTX = X</c>), or -1 when it was not.
        /// </summary>
        int FindOutputStart(ReadOnlySpan<char> command);

        /// <summary>Creates a parser for one section.</summary>
        ISectionParser CreateParser();
    }
}
