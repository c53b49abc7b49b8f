using System.Collections.Generic;

namespace SpiTools.Diagnosis.Ends
{
    /// <summary>One failure mode that needs both ends' captures: looks at a pair of ends and says what it finds.</summary>
    public interface IEndsCheck
    {
        /// <summary>The findings for one pair of ends; each names the end it is about (<see cref="Finding.Device"/>) and the other (<see cref="Finding.PeerDevice"/>).</summary>
        IEnumerable<Finding> Check(TunnelEnds ends);
    }
}
