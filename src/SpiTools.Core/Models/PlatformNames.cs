using System;

namespace SpiTools
{
    /// <summary>Platform names as Cisco writes them: <c>ASA</c>, <c>FTD</c>, <c>IOS-XE</c>, <c>IOS</c>.</summary>
    public static class PlatformNames
    {
        /// <summary>
        /// The vendor's spelling of a platform name given in any case or as a code name (<c>Asa</c>, <c>IosXe</c>,
        /// <c>iosxe</c>, <c>ios-xe</c>); anything else unchanged, null for null or empty.
        /// </summary>
        public static string? Vendor(string? name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            switch (name!.Replace("-", "").Replace("_", "").Replace(" ", "").ToUpperInvariant())
            {
                case "ASA": return "ASA";
                case "FTD": return "FTD";
                case "IOSXE": return "IOS-XE";
                case "IOS": return "IOS";
                default: return name;
            }
        }
    }
}
