using System.Runtime.CompilerServices;
using SpiTools.Devices;

namespace SpiTools.Parsing
{
    // The dialect an output is printed in (ASA / FTD or IOS / IOS-XE), told by the first line only one of them prints.
    internal sealed partial class IpsecSaParser
    {
        private DevicePlatform? _platform;

        /// <summary>A line only ASA / FTD prints was read; the first such line decides.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SeenAsa() => _platform ??= DevicePlatform.Asa;

        /// <summary>A line only IOS / IOS-XE prints was read; the first such line decides.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SeenIos() => _platform ??= DevicePlatform.IosXe;

        /// <summary>The <see cref="IpsecSa.Platform"/> text of the dialect read so far.</summary>
        private string? PlatformName() => _platform switch
        {
            DevicePlatform.Asa => PlatformNames.Asa,
            DevicePlatform.IosXe => PlatformNames.Ios,
            _ => null,
        };
    }
}
