using System.Linq;
using SpiTools.Devices;

namespace SpiTools.Diagnosis
{
    /// <summary>Commands to clear SAs, by platform, least disruptive first (the Cisco forms from <see cref="PlatformProfile"/>).</summary>
    internal static class Remedies
    {
        public static string ClearInactive => PlatformProfile.Asa.ClearCommands[0];

        /// <summary>What <see cref="ClearInactive"/> disturbs.</summary>
        public static string InactiveBlastRadius => "removes only SAs that can no longer pass traffic; live tunnels stay up";

        /// <summary>Every IPsec SA to the entry's peer, in the command of the system at that end (<see cref="PlatformFacts"/>).</summary>
        public static string ClearPeer(SaEntry e) => e.Facts is { } far ? far.ClearPeer(e.First) : ClearPeer(e.IsIos, e.Peer);

        public static string ClearPeer(bool ios, string? peer) => (ios ? PlatformProfile.IosXe : PlatformProfile.Asa).ClearPeer(peer);

        /// <summary><see cref="ClearPeer(bool, string)"/> for both platforms, when the platform is not known.</summary>
        public static string ClearPeerEitherPlatform(string? peer) => $"{ClearPeer(true, peer)} (IOS) or {ClearPeer(false, peer)} (ASA/FTD)";

        /// <summary>The SA pair of one SPI, in the command of the system at that end (a far end that is not Cisco clears its tunnel or child SA).</summary>
        public static string ClearEntry(SaEntry e, string spi) => e.Facts is { } far ? far.ClearSa(e.Sas.FirstOrDefault(s => s.Spi == spi) ?? e.First) : e.Cisco.ClearEntry(e.Peer, spi);

        /// <summary>
        /// The command that ends the whole session (IKE and IPsec) with a peer: on ASA/FTD by IKE version, naming both when
        /// the version is not known.
        /// </summary>
        public static string ClearSession(bool ios, string? peer, string? ikeVersion)
        {
            if (ios) return $"clear crypto session remote {peer}";
            return ikeVersion == "IKEv2" ? $"clear crypto ikev2 sa {peer}" : ikeVersion == "IKEv1" ? $"clear crypto ikev1 sa {peer}" : $"clear crypto ikev1 sa {peer} (or ikev2)";
        }

        public static string PeerBlastRadius(SaEntry e) => PeerBlastRadius($"to {e.Peer} (all its proxy pairs)");

        /// <summary>What clearing a peer's IPsec SAs disturbs; <paramref name="which"/> names the SAs (<c>to 192.0.2.1</c>).</summary>
        public static string PeerBlastRadius(string which) =>
            $"drops every IPsec SA {which}; the IKE SA stays and traffic renegotiates on the next interesting packet";
    }
}
