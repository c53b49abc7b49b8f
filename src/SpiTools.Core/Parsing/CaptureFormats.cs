using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>The output formats SpiTools reads, in recognition order.</summary>
    public static class CaptureFormats
    {
        /// <summary>Every format, by <see cref="ICaptureFormat.Name"/>.</summary>
        public static IReadOnlyList<ICaptureFormat> All { get; } = new ICaptureFormat[]
        {
            new InactiveIpsecSaFormat(),
            new IpsecSaFormat(),
            new VpnContextFormat(),
            new PacketTraceFormat(),
            new IpsecLifetimeFormat(),
            new VpnSessionFormat(),
            new IkeSaFormat(),
            new SaEventFormat(),
            // Far ends that are not Cisco: recognised by their own commands and content, after every Cisco format.
            new StrongSwanListSasFormat(),
            new StrongSwanViciFormat(),
            new StrongSwanStatusFormat(),
            new LibreswanStatusFormat(),
            new LibreswanTrafficFormat(),
            new IkedSaFormat(),
            new JunosIpsecSaXmlFormat(),
            new JunosIpsecSaFormat(),
            new PanOsIpsecSaFormat(),
            new PanOsIkeSaFormat(),
            new PanOsIpsecSaXmlFormat(),
            new FortiOsTunnelListFormat(),
            new FortiOsIpsecTunnelFormat(),
            new AzureIkeSaFormat(),
        };

        /// <summary>The format with this name (case-insensitive), or null.</summary>
        public static ICaptureFormat? Find(string name)
        {
            foreach (var f in All)
                if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
            return null;
        }

        /// <summary>The names accepted by <c>--kind</c> / <c>-Kind</c>: <c>auto</c> and every format's name.</summary>
        public static IReadOnlyList<string> KindNames
        {
            get
            {
                var names = new List<string> { "auto" };
                foreach (var f in All) names.Add(f.Name);
                return names;
            }
        }

        /// <summary>The format whose command <paramref name="command"/> is, if any.</summary>
        internal static ICaptureFormat? ForCommand(ReadOnlySpan<char> command)
        {
            foreach (var f in All)
                if (f.MatchesCommand(command)) return f;
            return null;
        }

        /// <summary>The first format (other than <paramref name="except"/>) whose output <paramref name="line"/> starts, if any.</summary>
        internal static ICaptureFormat? StartingAt(in CaptureLine line, ICaptureFormat? except)
        {
            foreach (var f in All)
                if (!ReferenceEquals(f, except) && f.IsSectionStart(line)) return f;
            return null;
        }
    }
}
