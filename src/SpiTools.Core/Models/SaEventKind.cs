using System;

namespace SpiTools
{
    /// <summary>The kinds of <see cref="SaEvent"/>, as strings that survive serialisation.</summary>
    public static class SaEventKind
    {
        /// <summary>An IPsec SA was installed or created (IOS <c>Successfully installed IPSEC SA</c>, <c>IPSEC(create_sa)</c>, ASA <c>602303</c>).</summary>
        public const string SaInstalled = "SaInstalled";
        /// <summary>An IPsec SA was deleted or queued for deletion (<c>KEY_MGR_DELETE_SAS</c>, <c>IPSEC(delete_sa)</c>, IKEv2 DELETE, ASA <c>602304</c>).</summary>
        public const string SaDeleted = "SaDeleted";
        /// <summary>A packet arrived for an SPI the device does not know (ASA <c>402114</c>, IOS <c>RECVD_PKT_INV_SPI</c>, IKEv2 INVALID_SPI).</summary>
        public const string InvalidSpi = "InvalidSpi";
        /// <summary>Anti-replay check failed (ASA <c>402119</c>, IOS <c>PKT_REPLAY_ERR</c>).</summary>
        public const string Replay = "Replay";
        /// <summary>A decrypted packet did not match the SA's proxies (ASA <c>402116</c>).</summary>
        public const string ProxyMismatch = "ProxyMismatch";
        /// <summary>Quick Mode or CREATE_CHILD_SA was started by this end.</summary>
        public const string RekeyInitiated = "RekeyInitiated";
        /// <summary>Quick Mode or CREATE_CHILD_SA was started by the peer and answered here.</summary>
        public const string RekeyResponded = "RekeyResponded";
        /// <summary>Phase 2 finished (IOS <c>IKE_QM_PHASE2_COMPLETE</c>, ASA <c>713120</c> / <c>713049</c>).</summary>
        public const string PhaseTwoComplete = "PhaseTwoComplete";
        /// <summary>Phase 1 finished (ASA <c>713119</c>).</summary>
        public const string PhaseOneComplete = "PhaseOneComplete";
        /// <summary>The peer sent a DELETE (IKEv1 <c>processing DELETE payload</c>).</summary>
        public const string DeleteReceived = "DeleteReceived";
        /// <summary>IOS <c>%CRYPTO-5-SESSION_STATUS</c> … <c>UP</c>.</summary>
        public const string TunnelUp = "TunnelUp";
        /// <summary>IOS <c>%CRYPTO-5-SESSION_STATUS</c> … <c>DOWN</c>.</summary>
        public const string TunnelDown = "TunnelDown";
    }
}
