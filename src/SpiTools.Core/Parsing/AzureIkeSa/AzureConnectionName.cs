using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The gateway connection an echoed <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c> asked about: its
    /// <c>-ResourceGroupName</c> and <c>-Name</c> (named, as PowerShell takes them, or any unambiguous prefix of those names),
    /// or its <c>-ResourceId</c> (<c>/subscriptions/…/resourceGroups/RG/providers/Microsoft.Network/connections/NAME</c>).
    /// The objects the cmdlet returns carry neither, so this is all a capture can say about which connection it shows.
    /// </summary>
    internal readonly struct AzureConnectionName
    {
        private AzureConnectionName(string? resourceGroup, string? connection)
        {
            ResourceGroup = resourceGroup;
            Connection = connection;
        }

        /// <summary>The resource group the connection is in; null when the command did not name it.</summary>
        public string? ResourceGroup { get; }

        /// <summary>The connection's name; null when the command did not name it.</summary>
        public string? Connection { get; }

        /// <summary>The names in an echoed command (the part before its first pipe); both null when there is none.</summary>
        public static AzureConnectionName From(string? command)
        {
            if (string.IsNullOrEmpty(command)) return default;
            var text = command.AsSpan();
            int start = text.IndexOfIgnoreCase(AzureIkeSaFormat.Cmdlet);
            if (start < 0) return default;
            text = text.Slice(start + AzureIkeSaFormat.Cmdlet.Length);
            int pipe = text.IndexOf('|');
            if (pipe >= 0) text = text.Slice(0, pipe);

            string? group = null, name = null;
            while (true)
            {
                text = text.TrimStart();
                if (text.IsEmpty) break;
                var word = NextWord(ref text);
                if (word.Length < 2 || word[0] != '-') continue;
                var parameter = word.Slice(1);
                int colon = parameter.IndexOf(':');
                string? value = null;
                if (colon >= 0)
                {
                    value = Unquote(parameter.Slice(colon + 1));
                    parameter = parameter.Slice(0, colon);
                }
                bool isGroup = IsPrefixOf(parameter, "ResourceGroupName", 9);
                bool isName = IsPrefixOf(parameter, "Name", 1);
                bool isId = IsPrefixOf(parameter, "ResourceId", 9);
                if (!isGroup && !isName && !isId) continue;
                if (value == null)
                {
                    text = text.TrimStart();
                    if (text.IsEmpty || text[0] == '-') continue;
                    value = Unquote(NextWord(ref text));
                }
                if (string.IsNullOrEmpty(value)) continue;
                if (isGroup) group = value;
                else if (isName) name = value;
                else FromResourceId(value!, ref group, ref name);
            }
            return new AzureConnectionName(group, name);
        }

        /// <summary>A word, or a quoted string with the spaces in it (its quotes kept for <see cref="Unquote"/>).</summary>
        private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> text)
        {
            int end;
            if (text[0] == '\'' || text[0] == '"')
            {
                int close = text.Slice(1).IndexOf(text[0]);
                end = close < 0 ? text.Length : close + 2;
            }
            else
            {
                end = text.IndexOf(' ');
                if (end < 0) end = text.Length;
            }
            var word = text.Slice(0, end);
            text = text.Slice(end);
            return word;
        }

        private static string Unquote(ReadOnlySpan<char> value)
        {
            value = value.Trim();
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[value.Length - 1] == value[0]) value = value.Slice(1, value.Length - 2);
            return value.ToString();
        }

        /// <summary>PowerShell takes a parameter by any prefix that names only it: <c>-ResourceG</c> is <c>-ResourceGroupName</c>, <c>-Resource</c> is neither.</summary>
        private static bool IsPrefixOf(ReadOnlySpan<char> parameter, string name, int shortest) =>
            parameter.Length >= shortest && parameter.Length <= name.Length && name.AsSpan().StartsWith(parameter, StringComparison.OrdinalIgnoreCase);

        /// <summary><c>…/resourceGroups/RG/providers/Microsoft.Network/connections/NAME</c>: RG and NAME.</summary>
        private static void FromResourceId(string id, ref string? group, ref string? name)
        {
            var parts = id.Split('/');
            for (int i = 0; i + 1 < parts.Length; i++)
            {
                if (string.Equals(parts[i], "resourceGroups", StringComparison.OrdinalIgnoreCase)) group ??= parts[i + 1];
                if (string.Equals(parts[i], "connections", StringComparison.OrdinalIgnoreCase)) name ??= parts[i + 1];
            }
        }
    }
}
