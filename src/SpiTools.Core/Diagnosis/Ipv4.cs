namespace SpiTools.Diagnosis
{
    /// <summary>IPv4 helpers for matching flows against proxies.</summary>
    internal static class Ipv4
    {
        public static bool TryParse(string? s, out uint value)
        {
            value = 0;
            if (s == null) return false;
            var parts = s.Split('.');
            if (parts.Length != 4) return false;
            foreach (var p in parts)
            {
                if (!byte.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte b)) return false;
                value = (value << 8) | b;
            }
            return true;
        }

        /// <summary>True when <paramref name="address"/> lies in network/mask.</summary>
        public static bool Covers(string? network, string? mask, string? address) =>
            TryParse(network, out uint n) && TryParse(mask, out uint m) && TryParse(address, out uint a) && (a & m) == (n & m);
    }
}
