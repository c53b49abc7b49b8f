using System;
using System.Globalization;
using System.Linq;

namespace SpiTools.Services
{
    /// <summary>
    /// What a device is known by: the inventory's <c>Name</c> when one is given, else <c>host[:port][/context]</c> (the
    /// port only when it is not 22). Evidence folders, "before" snapshots, report sections, the pairing of a tunnel's two
    /// ends and the de-duplication of clears key on it; the host name a device's prompt shows (<c>ciscoasa</c> on many
    /// boxes, one for every context of a multi-context ASA) is a property of the device, never its key.
    /// </summary>
    public static class DeviceId
    {
        /// <summary>The port SSH uses unless told otherwise, left out of an identity.</summary>
        public const int DefaultPort = 22;

        /// <summary>Identities compare as host names do: case-insensitive.</summary>
        public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

        /// <summary>The identity: <paramref name="name"/> when given, else <c>host[:port][/context]</c>.</summary>
        public static string For(string? name, string host, int port = DefaultPort, string? context = null)
        {
            if (!string.IsNullOrWhiteSpace(name)) return name!.Trim();
            if (host is null) throw new ArgumentNullException(nameof(host));
            // An IPv6 literal takes brackets before a port, as in a URL.
            string h = port != DefaultPort && host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal) ? "[" + host + "]" : host;
            string id = port == DefaultPort ? h : h + ":" + port.ToString(CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(context) ? id : id + "/" + context;
        }

        /// <summary>
        /// How a message names a device so the operator can act on it: the inventory's <paramref name="name"/> with where the
        /// device is reached in brackets (<c>fw-edge1 (10.0.0.1:2222/cust-a)</c>), else <c>host[:port][/context]</c>, the
        /// identity itself. The identity stays the key; this is only its wording in errors and warnings.
        /// </summary>
        public static string Label(string? name, string host, int port = DefaultPort, string? context = null)
        {
            string address = For(null, host, port, context);
            if (string.IsNullOrWhiteSpace(name)) return address;
            string id = name!.Trim();
            return Comparer.Equals(id, address) ? address : id + " (" + address + ")";
        }

        /// <summary>An identity as one folder name: letters, digits, '.', '-', '_' kept, anything else '_' (<c>10.0.0.1:2222/cust-a</c> → <c>10.0.0.1_2222_cust-a</c>).</summary>
        public static string FolderName(string id)
        {
            if (id is null) throw new ArgumentNullException(nameof(id));
            var chars = id.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_').ToArray();
            var name = new string(chars).Trim('.');
            return name.Length == 0 ? "device" : name;
        }
    }
}
