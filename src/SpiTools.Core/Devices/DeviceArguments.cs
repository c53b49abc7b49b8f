using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SpiTools.Devices
{
    /// <summary>
    /// Validation of every value that goes into a device command. A value is accepted only in the plain form the
    /// CLI expects (printable ASCII, no blanks, no separators); anything else is an
    /// <see cref="Abstractions.ErrorIds.InvalidDeviceArgument"/> before anything is sent. Messages never repeat a
    /// refused value's control characters.
    /// </summary>
    public static class DeviceArguments
    {
        private const int MaxNameLength = 64;

        /// <summary>An interface name (<c>inside</c>, <c>outside-1</c>, <c>GigabitEthernet0/0/1</c>, <c>Tunnel0</c>, <c>Port-channel1.100</c>).</summary>
        public static string InterfaceName(string? value, string argumentName = "Interface")
        {
            var v = Require(value, argumentName);
            if (!IsAsciiLetter(v[0]) || v.Length > MaxNameLength || !AllChars(v, c => IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':'))
                throw Refuse(argumentName, v, "an interface name: a letter, then letters, digits, '-', '_', '.', '/' or ':' (at most 64)");
            return v;
        }

        /// <summary>A security context name (<c>changeto context NAME</c>).</summary>
        public static string ContextName(string? value, string argumentName = "Context")
        {
            var v = Require(value, argumentName);
            if (!IsAsciiLetterOrDigit(v[0]) || v.Length > MaxNameLength || !AllChars(v, c => IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
                throw Refuse(argumentName, v, "a context name: letters, digits, '-', '_' or '.' (at most 64)");
            return v;
        }

        /// <summary>An IPv4 address in dotted-quad form (no leading zeros) or an IPv6 address (no zone); returned in canonical form.</summary>
        public static string Address(string? value, string argumentName = "Address")
        {
            var v = Require(value, argumentName);
            if (!TryAddress(v, out var canonical))
                throw Refuse(argumentName, v, "an IPv4 address (a.b.c.d) or an IPv6 address");
            return canonical;
        }

        /// <summary>A packet-tracer protocol: <c>tcp</c>, <c>udp</c>, <c>sctp</c> or <c>icmp</c> (lower-cased).</summary>
        public static string Protocol(string? value, string argumentName = "Protocol")
        {
            var v = Require(value, argumentName).ToLowerInvariant();
            if (v != "tcp" && v != "udp" && v != "sctp" && v != "icmp")
                throw Refuse(argumentName, v, "one of tcp, udp, sctp, icmp");
            return v;
        }

        /// <summary>A TCP/UDP/SCTP port, 1 to 65535.</summary>
        public static int Port(int value, string argumentName = "Port")
        {
            if (value < 1 || value > 65535)
                throw DeviceException.InvalidArgument(argumentName, $"{argumentName}: {value.ToString(CultureInfo.InvariantCulture)} is not a port (1-65535).");
            return value;
        }

        /// <summary>An ICMP type or code, 0 to 255.</summary>
        public static int IcmpValue(int value, string argumentName)
        {
            if (value < 0 || value > 255)
                throw DeviceException.InvalidArgument(argumentName, $"{argumentName}: {value.ToString(CultureInfo.InvariantCulture)} is not an ICMP type or code (0-255).");
            return value;
        }

        /// <summary>True (with the canonical form) for a strict IPv4 or IPv6 address.</summary>
        public static bool TryAddress(string? value, out string canonical)
        {
            canonical = "";
            if (string.IsNullOrEmpty(value) || value!.Length > 45) return false;
            if (value.IndexOf(':') < 0)
            {
                var parts = value.Split('.');
                if (parts.Length != 4) return false;
                foreach (var p in parts)
                {
                    if (p.Length == 0 || p.Length > 3 || !AllChars(p, c => c >= '0' && c <= '9')) return false;
                    if (p.Length > 1 && p[0] == '0') return false; // 010 would be octal to some parsers
                    if (int.Parse(p, CultureInfo.InvariantCulture) > 255) return false;
                }
                canonical = value;
                return true;
            }
            if (!AllChars(value, c => IsHex(c) || c == ':' || c == '.')) return false;
            if (!IPAddress.TryParse(value, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
            canonical = ip.ToString();
            return true;
        }

        internal static bool IsPrintableAscii(string text) => AllChars(text, c => c >= ' ' && c <= '~');

        private static string Require(string? value, string argumentName)
        {
            if (value is null || value.Length == 0)
                throw DeviceException.InvalidArgument(argumentName, $"{argumentName}: a value is required.");
            return value;
        }

        private static DeviceException Refuse(string argumentName, string value, string expected) =>
            DeviceException.InvalidArgument(argumentName, $"{argumentName}: '{Printable(value)}' is not {expected}. Nothing was sent.");

        /// <summary>The value with control characters shown as <c>\n</c>, <c>\x1B</c>…, cut at 80 characters.</summary>
        internal static string Printable(string value)
        {
            var sb = new System.Text.StringBuilder();
            foreach (char c in value)
            {
                if (sb.Length >= 80) { sb.Append('…'); break; }
                if (c == '\n') sb.Append("\\n");
                else if (c == '\r') sb.Append("\\r");
                else if (c < ' ' || c == '\x7f' || (c >= '\x80' && c < '\xa0')) sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static bool AllChars(string s, Func<char, bool> ok)
        {
            foreach (char c in s)
                if (!ok(c)) return false;
            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');
        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
