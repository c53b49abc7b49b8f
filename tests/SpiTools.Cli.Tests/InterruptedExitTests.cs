using System;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>Ctrl+C that ends a device's work exits 130 whichever part of the device's work noticed it first.</summary>
    [Collection(nameof(ProcessSecrets))]
    public sealed class InterruptedExitTests
    {
        [Fact]
        public void A_verb_ended_by_Ctrl_C_exits_130_and_any_other_failure_stays_unexpected()
        {
            Assert.Equal(ExitCodes.Interrupted, CommonOptions.Guard(debug: false, () => throw new OperationCanceledException()));
            Assert.Equal(ExitCodes.Interrupted, CommonOptions.Guard(debug: true, () => throw new OperationCanceledException()));
            Assert.Equal(ExitCodes.Unexpected, CommonOptions.Guard(debug: false, () => throw new InvalidOperationException("the verb failed")));
        }
    }
}
