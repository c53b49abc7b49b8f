using System;

namespace SpiTools
{
    /// <summary>Platform names as Cisco writes them: <c>ASA</c>, <c>FTD</c>, <c>IOS-XE</c>, <c>IOS</c>.</summary>
    public static class PlatformNames
    {
        /// <summary><c>ASA</c>: Cisco ASA, and the <c>Platform</c> of records parsed from ASA and FTD output.</summary>
        public const string Asa = "ASA";

        /// <summary><c>FTD</c>: Cisco Firepower Threat Defense.</summary>
        public const string Ftd = "FTD";

        /// <summary><c>IOS-XE</c>: Cisco IOS-XE.</summary>
        public const string IosXe = "IOS-XE";

        /// <summary><c>IOS</c>: the <c>Platform</c> of records parsed from IOS and IOS-XE output.</summary>
        public const string Ios = "IOS";

        /// <summary>
        /// The vendor's spelling of a platform name given in any case or as a code name (<c>Asa</c>, <c>IosXe</c>,
        /// <c>iosxe</c>, <c>ios-xe</c>); anything else unchanged, null for null or empty.
        /// </summary>
        public static string? Vendor(string? name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            switch (name!.Replace("-", "").Replace("_", "").Replace(" ", "").ToUpperInvariant())
            {
                case "ASA": return Asa;
                case "FTD": return Ftd;
                case "IOSXE": return IosXe;
                case "IOS": return Ios;
                default: return name;
            }
        }
    }
}
