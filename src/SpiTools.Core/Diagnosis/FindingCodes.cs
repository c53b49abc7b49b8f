namespace SpiTools.Diagnosis
{
    /// <summary>The stable codes of <see cref="Finding"/>. These are a public contract: scripts filter on them.</summary>
    public static class FindingCodes
    {
        /// <summary>The data path encrypts with a VPN context whose SPI is not the SA's current outbound SPI.</summary>
        public const string StaleVpnContext = "StaleVpnContext";

        /// <summary>Traffic flows one way only: encaps 0 while decaps grows, or the reverse.</summary>
        public const string OneWayTraffic = "OneWayTraffic";

        /// <summary>An outbound SA has no volume lifetime left while seconds remain.</summary>
        public const string VolumeLifetimeExhausted = "VolumeLifetimeExhausted";

        /// <summary>Volume-driven rekeying at high throughput.</summary>
        public const string RekeyChurn = "RekeyChurn";

        /// <summary>A non-current SA pair that never carried traffic (a rekey collision).</summary>
        public const string OrphanSaPair = "OrphanSaPair";

        /// <summary>Packets arrived for an SPI the device does not have.</summary>
        public const string InvalidSpi = "InvalidSpi";

        /// <summary>Decrypted packets did not match the SA's proxies; comparing both ends, an entry whose mirror (local and remote ident swapped) the other end lacks.</summary>
        public const string ProxyMismatch = "ProxyMismatch";

        /// <summary>Replay or authentication failures and receive errors.</summary>
        public const string ReplayOrAuthErrors = "ReplayOrAuthErrors";

        /// <summary>The rekeys of a tunnel measured from its ends' logs: intervals, who started each, set against the projected interval.</summary>
        public const string RekeyTimeline = "RekeyTimeline";

        /// <summary>Both ends started a rekey for the same tunnel within seconds of each other (two SA pairs for one rekey).</summary>
        public const string RekeyCollision = "RekeyCollision";

        /// <summary>Packets still arrived for an SPI after one end deleted it (invalid-SPI events after the delete).</summary>
        public const string DeletedSpiInUse = "DeletedSpiInUse";

        /// <summary>Dead SAs listed by <c>show crypto ipsec sa inactive</c>; stuck when an earlier snapshot listed them too (Cisco bug CSCwc48375).</summary>
        public const string StuckInactiveSa = "StuckInactiveSa";

        /// <summary>An IKE SA is up with a peer that has no IPsec SA (phase 1 without phase 2).</summary>
        public const string IkeUpNoChildSa = "IkeUpNoChildSa";

        /// <summary>Phase 1 with one peer is negotiated again and again (several or young IKE SAs, repeated phase-1 events).</summary>
        public const string IkeRekeyFlap = "IkeRekeyFlap";

        /// <summary>The capture was damaged; verdicts resting on it are marked.</summary>
        public const string CaptureDamaged = "CaptureDamaged";

        /// <summary>Both ends compared: an end encrypts to an SPI the other end has no inbound SA for.</summary>
        public const string SpiDesync = "SpiDesync";

        /// <summary>Both ends compared between two snapshots: one end encapsulated more than the other decapsulated, beyond the tolerance.</summary>
        public const string PathLoss = "PathLoss";

        /// <summary>Both ends compared: the two ends show different IPsec lifetimes for the same tunnel.</summary>
        public const string LifetimeMismatch = "LifetimeMismatch";

        /// <summary>Both ends compared (asked for with IncludeHealthy): the SPIs agree in both directions.</summary>
        public const string EndsAgree = "EndsAgree";
    }
}
