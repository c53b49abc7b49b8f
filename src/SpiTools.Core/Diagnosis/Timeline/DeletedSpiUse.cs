using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpiTools.Diagnosis.Timeline
{
    /// <summary>An SPI one end deleted, and the invalid-SPI events for it that came after the delete.</summary>
    public sealed class DeletedSpiUse
    {
        internal DeletedSpiUse(SaEvent delete, bool deletedByA, List<(SaEvent Event, bool OnA, DateTime Time)> invalid, DateTime deletedAt)
        {
            Delete = delete;
            DeletedByA = deletedByA;
            Invalid = invalid;
            DeletedAt = deletedAt;
        }

        /// <summary>The delete.</summary>
        public SaEvent Delete { get; }

        /// <summary>True when A deleted it.</summary>
        public bool DeletedByA { get; }

        /// <summary>When it was deleted, on A's clock.</summary>
        public DateTime DeletedAt { get; }

        /// <summary>The invalid-SPI events for the SPI after the delete, with the end that logged each and its time on A's clock.</summary>
        public IReadOnlyList<(SaEvent Event, bool OnA, DateTime Time)> Invalid { get; }

        /// <summary>Seconds from the delete to the last invalid-SPI event.</summary>
        public double LastAfterSeconds => (Invalid[Invalid.Count - 1].Time - DeletedAt).TotalSeconds;
    }
}
