using System;
using System.Collections.Generic;

namespace SpiTools.Devices
{
    /// <summary>
    /// Orders the host-key algorithms offered in the key exchange so that a host's recorded key is the one it presents,
    /// as OpenSSH does: the algorithms whose key type is recorded for the host in known_hosts come first, in the
    /// client's own order, then the rest unchanged. A device with several host keys (ed25519 and RSA, say) then verifies
    /// against the key on record instead of presenting another type, which would be unknown.
    /// </summary>
    public static class HostKeyAlgorithmPreference
    {
        private const string CertificateSuffix = "-cert-v01@openssh.com";

        /// <summary>
        /// The known_hosts key type an algorithm's key is recorded under: <c>rsa-sha2-256</c> and <c>rsa-sha2-512</c>
        /// sign with an <c>ssh-rsa</c> key; every other algorithm is its key type. Certificate algorithms give null
        /// (certificates are not checked against known_hosts).
        /// </summary>
        public static string? KeyTypeOf(string algorithm)
        {
            if (algorithm is null) throw new ArgumentNullException(nameof(algorithm));
            if (algorithm.EndsWith(CertificateSuffix, StringComparison.Ordinal)) return null;
            if (algorithm == "rsa-sha2-256" || algorithm == "rsa-sha2-512") return "ssh-rsa";
            return algorithm;
        }

        /// <summary>
        /// The client's algorithms with those whose key type is in <paramref name="recordedKeyTypes"/> moved to the front
        /// (each group keeps the client's order). With nothing recorded, the client's order as it is.
        /// </summary>
        public static IReadOnlyList<string> Order(IEnumerable<string> clientAlgorithms, IReadOnlyCollection<string> recordedKeyTypes)
        {
            if (clientAlgorithms is null) throw new ArgumentNullException(nameof(clientAlgorithms));
            if (recordedKeyTypes is null) throw new ArgumentNullException(nameof(recordedKeyTypes));
            var preferred = new List<string>();
            var rest = new List<string>();
            foreach (var algorithm in clientAlgorithms)
            {
                var type = KeyTypeOf(algorithm);
                if (type != null && Contains(recordedKeyTypes, type)) preferred.Add(algorithm);
                else rest.Add(algorithm);
            }
            preferred.AddRange(rest);
            return preferred;
        }

        private static bool Contains(IReadOnlyCollection<string> types, string type)
        {
            foreach (var t in types)
                if (string.Equals(t, type, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
