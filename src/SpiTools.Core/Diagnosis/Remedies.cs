namespace SpiTools.Diagnosis
{
    /// <summary>Commands to clear SAs, by platform, least disruptive first.</summary>
    internal static class Remedies
    {
        public static string ClearInactive => "clear crypto ipsec sa inactive";

        public static string ClearPeer(SaEntry e) => e.IsIos ? $"clear crypto sa peer {e.Peer}" : $"clear crypto ipsec sa peer {e.Peer}";

        public static string ClearEntry(SaEntry e, string spi) => e.IsIos ? $"clear crypto sa entry {e.Peer} esp {spi}" : $"clear crypto ipsec sa entry {e.Peer} esp {spi}";

        public static string PeerBlastRadius(SaEntry e) =>
            $"drops every IPsec SA to {e.Peer} (all its proxy pairs); the IKE SA stays and traffic renegotiates on the next interesting packet";
    }
}
