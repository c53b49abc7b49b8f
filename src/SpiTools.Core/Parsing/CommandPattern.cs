using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Matches a command as typed on a Cisco CLI, where every keyword may be abbreviated to a unique prefix
    /// (<c>sh cry ips sa</c> is <c>show crypto ipsec sa</c>). Arguments after the pattern (<c>peer 1.2.3.4</c>,
    /// <c>detail</c>) and output filters (<c>| begin …</c>) are allowed.
    /// </summary>
    public sealed class CommandPattern
    {
        private readonly string[][] _alternatives;

        /// <summary>Creates a pattern from one or more full command forms, e.g. <c>"show crypto ipsec sa"</c>, <c>"show ipsec sa"</c>.</summary>
        public CommandPattern(params string[] forms)
        {
            var list = new List<string[]>();
            foreach (var f in forms)
                list.Add(f.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
            _alternatives = list.ToArray();
        }

        /// <summary>True when <paramref name="command"/> is one of the forms (abbreviated or not) followed by anything.</summary>
        public bool Matches(ReadOnlySpan<char> command)
        {
            foreach (var form in _alternatives)
                if (MatchesForm(command, form)) return true;
            return false;
        }

        private static bool MatchesForm(ReadOnlySpan<char> command, string[] form)
        {
            var rest = command.Trim();
            foreach (var keyword in form)
            {
                rest = rest.TrimStart();
                int end = 0;
                while (end < rest.Length && rest[end] != ' ' && rest[end] != '|') end++;
                if (end == 0) return false;
                var token = rest.Slice(0, end);
                // At least two letters (or the whole keyword when it is shorter) and a prefix of the keyword.
                if (token.Length > keyword.Length || token.Length < Math.Min(2, keyword.Length)) return false;
                if (!keyword.AsSpan().StartsWith(token, StringComparison.OrdinalIgnoreCase)) return false;
                rest = rest.Slice(end);
            }
            return true;
        }
    }
}
