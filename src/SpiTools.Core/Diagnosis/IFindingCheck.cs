using System.Collections.Generic;

namespace SpiTools.Diagnosis
{
    /// <summary>One failure mode: looks at a device's records and says what it finds.</summary>
    public interface IFindingCheck
    {
        /// <summary>The findings for one device (none when healthy).</summary>
        IEnumerable<Finding> Check(DiagnosisContext context);
    }
}
