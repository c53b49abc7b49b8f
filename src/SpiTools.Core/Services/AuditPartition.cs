using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpiTools.Services
{
    /// <summary>
    /// Shares an inventory out between several audit runs (jump hosts): part K of N holds the devices whose name's
    /// stable hash falls in it, so every run agrees whatever the inventory's order, and the parts neither overlap nor miss one.
    /// </summary>
    public static class AuditPartition
    {
        /// <summary>True when <paramref name="device"/> falls in <paramref name="partition"/> (<c>K/N</c>, 1 ≤ K ≤ N).</summary>
        public static bool Includes(string device, string partition)
        {
            var (k, n) = Parse(partition);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(device.ToLowerInvariant()));
            uint value = BitConverter.ToUInt32(hash, 0);
            return value % (uint)n == (uint)(k - 1);
        }

        /// <summary>Reads <c>K/N</c>; anything else is an <see cref="ArgumentException"/>.</summary>
        public static (int Part, int Parts) Parse(string partition)
        {
            var parts = (partition ?? "").Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || k < 1 || n < 1 || k > n)
                throw new ArgumentException($"'{partition}' is not a partition K/N with 1 <= K <= N", nameof(partition));
            return (k, n);
        }
    }
}
