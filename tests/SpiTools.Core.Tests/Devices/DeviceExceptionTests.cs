using SpiTools.Devices;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>What a device error keeps: never a whole runaway output.</summary>
    public class DeviceExceptionTests
    {
        [Fact]
        public void A_partial_output_kept_in_an_error_is_a_bounded_excerpt()
        {
            var big = new string('x', 100_000) + "END";
            var excerpt = DeviceException.Excerpt(big)!;
            Assert.True(excerpt.Length < DeviceException.PartialOutputHead + DeviceException.PartialOutputTail + 100);
            Assert.EndsWith("END", excerpt);
            Assert.Contains("characters left out", excerpt);
            Assert.Equal("short", DeviceException.Excerpt("short"));
        }
    }
}
