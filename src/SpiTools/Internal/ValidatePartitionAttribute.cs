using System;
using System.Management.Automation;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>
    /// Holds <c>-Partition</c> to a part K/N with 1 &lt;= K &lt;= N, the rule <c>--partition</c> holds it to
    /// (<see cref="AuditPartition.Parse"/>), before any device is contacted.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePartitionAttribute : ValidateArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = arguments is PSObject ps ? ps.BaseObject?.ToString() : arguments?.ToString();
            try
            {
                AuditPartition.Parse(text ?? "");
            }
            catch (ArgumentException)
            {
                throw new ValidationMetadataException($"'{text}' is not a part; K/N with 1 <= K <= N, such as 1/2.");
            }
        }
    }
}
