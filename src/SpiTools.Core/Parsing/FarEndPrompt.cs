using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The prompts and commands of the non-Cisco systems SpiTools reads: Junos and PAN-OS <c>user@host&gt; command</c>
    /// (<c>root@vsrxhub1&gt;</c>, <c>admin@PA-VM(active)&gt;</c>, <c>user@host#</c>), FortiOS <c>FG60F (root) # command</c> and
    /// <c>FG60F # command</c>, PowerShell <c>PS C:\&gt; command</c>; and, without a prompt, FortiOS <c>diagnose vpn …</c> /
    /// <c>get vpn …</c> and the Azure cmdlet <c>Get-AzVirtualNetworkGatewayConnectionIkeSa …</c>.
    /// </summary>
    internal static class FarEndPrompt
    {
        /// <summary>Recognises one of these prompts; <paramref name="host"/> is empty for PowerShell's.</summary>
        public static bool TryParse(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out ReadOnlySpan<char> command)
        {
            host = default;
            command = default;
            if (text.Length > 4 && text[0] == 'P' && text[1] == 'S' && text[2] == ' ') return PowerShell(text, out command);
            int i = 0;
            while (i < text.Length && IsHostChar(text[i])) i++;
            if (i == 0 || i >= text.Length) return false;
            if (text[i] == '@')
            {
                // user@host> / user@host# / user@host(active)>
                int start = ++i;
                while (i < text.Length && IsHostChar(text[i])) i++;
                if (i == start || i >= text.Length) return false;
                int hostEnd = i;
                if (text[i] == '(')
                {
                    int close = text.Slice(i).IndexOf(')');
                    if (close < 0) return false;
                    i += close + 1;
                }
                if (i >= text.Length || (text[i] != '>' && text[i] != '#')) return false;
                host = text.Slice(start, hostEnd - start);
                command = text.Slice(i + 1).TrimWhiteSpace();
                return true;
            }
            if (text[i] != ' ') return false;
            // FortiOS: "FG60F (root) # get vpn ipsec tunnel details", "FG60F # diagnose vpn tunnel list".
            int name = i;
            var rest = text.Slice(i).TrimStart();
            if (!rest.IsEmpty && rest[0] == '(')
            {
                int close = rest.IndexOf(')');
                if (close < 0) return false;
                foreach (char c in rest.Slice(1, close - 1))
                    if (!IsHostChar(c)) return false;
                rest = rest.Slice(close + 1).TrimStart();
            }
            if (rest.Length < 1 || (rest[0] != '#' && rest[0] != '$')) return false;
            var cmd = rest.Slice(1).TrimWhiteSpace();
            if (!cmd.IsEmpty && !EchoLine.LooksLikeCommand(cmd)) return false;
            host = text.Slice(0, name);
            command = cmd;
            return true;
        }

        /// <summary><c>PS C:\&gt; Get-Az…</c>, <c>PS /home/me&gt; …</c>.</summary>
        private static bool PowerShell(ReadOnlySpan<char> text, out ReadOnlySpan<char> command)
        {
            command = default;
            int gt = text.IndexOf('>');
            if (gt < 4) return false;
            var location = text.Slice(3, gt - 3);
            if (location.IndexOf(' ') >= 0 && location.IndexOf(':') < 0) return false;
            command = text.Slice(gt + 1).TrimWhiteSpace();
            return true;
        }

        /// <summary>A FortiOS or Azure command word typed without a prompt (<c>diagnose vpn tunnel list</c>, <c>get vpn ipsec tunnel name X</c>).</summary>
        public static bool IsFarEndCommand(ReadOnlySpan<char> first, ReadOnlySpan<char> rest)
        {
            if (first.Equals("diagnose".AsSpan(), StringComparison.OrdinalIgnoreCase) || first.Equals("diag".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || first.Equals("get".AsSpan(), StringComparison.OrdinalIgnoreCase))
                return rest.StartsWithIgnoreCase("vpn ") || rest.StartsWithIgnoreCase("sys");
            return first.StartsWithIgnoreCase("Get-AzVirtualNetworkGatewayConnection") || first.StartsWithIgnoreCase("Get-AzVirtualNetworkGateway");
        }

        /// <summary>PAN-OS closes its tables with <c>Show IPsec SA: Total 1 tunnels found. 1 ipsec sa found.</c>: output, not a command.</summary>
        public static bool IsPanOsTotals(ReadOnlySpan<char> text) =>
            text.StartsWith("Show ".AsSpan(), StringComparison.Ordinal) && text.IndexOf(": Total ".AsSpan(), StringComparison.Ordinal) > 0;

        private static bool IsHostChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }
}
