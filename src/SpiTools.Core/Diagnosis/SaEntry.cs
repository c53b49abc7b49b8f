using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpiTools.Devices;

namespace SpiTools.Diagnosis
{
    /// <summary>The SAs printed under one entry (one peer and proxy pair) of <c>show crypto ipsec sa</c>.</summary>
    public sealed class SaEntry
    {
        internal SaEntry(List<IpsecSa> sas)
        {
            Sas = sas;
            First = sas[0];
        }

        /// <summary>Every record of the entry (SAs, or one record without an SPI when none was printed).</summary>
        public IReadOnlyList<IpsecSa> Sas { get; }

        /// <summary>The first record: it carries the entry's fields and counters.</summary>
        public IpsecSa First { get; }

        public string? Peer => First.Peer;
        public string? LocalIdent => First.LocalIdent;
        public string? RemoteIdent => First.RemoteIdent;
        public string? CurrentOutboundSpi => First.CurrentOutboundSpi ?? Sas.FirstOrDefault(s => s.IsCurrentOutbound)?.Spi ?? OnlyOutboundOfFarEnd();

        /// <summary>
        /// A far end that prints no current outbound SPI (Junos, FortiOS) and holds one outbound SA for the entry: that one.
        /// Cisco entries keep what they print.
        /// </summary>
        private string? OnlyOutboundOfFarEnd()
        {
            if (Facts == null) return null;
            var outbound = Sas.Where(s => s.Direction == SaDirection.Outbound && s.Spi != null).Select(s => s.Spi).Distinct().ToList();
            return outbound.Count == 1 ? outbound[0] : null;
        }
        public bool IsIos => First.Platform == PlatformNames.Ios;

        /// <summary>The Cisco platform whose output this entry reads as (IOS-XE for IOS records, else ASA): its default lifetimes and clear commands.</summary>
        internal PlatformProfile Cisco => PlatformProfile.ForRecord(First.Platform);

        /// <summary>The system at this end when it is not Cisco (strongSwan, libreswan, iked, Junos, PAN-OS, FortiOS); null for ASA / IOS.</summary>
        public PlatformFacts? Facts => PlatformFacts.For(First.Platform);

        /// <summary>True for remote-access entries, which may legitimately be idle one way.</summary>
        public bool IsRemoteAccess => Sas.Any(s => s.TunnelType == "RA") || First.DynamicPeerIp != null || First.Username != null;

        internal string Key => Key_(First);

        internal static string Key_(IpsecSa s) => string.Join("|", s.Device, s.Interface, s.CryptoMap, s.CryptoMapSeq, s.Peer, s.LocalIdent, s.RemoteIdent);
    }
}
