using System;

namespace SpiTools.Services.Targets
{
    /// <summary>
    /// What a verb collects from a live device beyond the SAs, contexts and lifetimes every collection reads: given
    /// by the cmdlet or CLI verb as data when it asks for its targets.
    /// </summary>
    [Flags]
    public enum CollectionExtras
    {
        /// <summary>Nothing more.</summary>
        None = 0,

        /// <summary>The SA-relevant lines of the log buffer (Get-SaEvent, Get-SaTimeline, <c>-IncludeLog</c>, <c>--include-log</c>, <c>timeline</c>).</summary>
        Log = 1,

        /// <summary>The IKE SA tables (Get-IkeSa).</summary>
        IkeSas = 2,
    }
}
