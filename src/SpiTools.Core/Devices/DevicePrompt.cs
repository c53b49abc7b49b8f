using System;

namespace SpiTools.Devices
{
    /// <summary>
    /// What the line a device stopped at asks for, so the session answers only what it opened: every prompt is
    /// classified, the first and each one after a command. A configuration prompt (any <c>(mode)</c>, such as
    /// <c>(config)</c> or <c>(config-if)</c>) is never typed into; a question (<c>[confirm]</c>, <c>[yes/no]</c>,
    /// <c>(y/n)</c>, a <c>?</c> with or without a default such as <c>Destination filename [running-config]?</c>, a
    /// password, user name or passcode prompt outside the enable step) is never answered, not even with Enter.
    /// </summary>
    internal static class DevicePrompt
    {
        /// <summary>The classes a line falls in.</summary>
        public enum Kind
        {
            /// <summary>Not a prompt: output, a banner, a line still being written.</summary>
            None,
            /// <summary>User EXEC: <c>host&gt;</c>.</summary>
            Exec,
            /// <summary>Privileged EXEC: <c>host#</c>, <c>host/ctx#</c>, FTD's <c>&gt;</c>.</summary>
            Privileged,
            /// <summary>A configuration (or any other parenthesised) mode: <c>host(config)#</c>, <c>host(config-if)#</c>.</summary>
            Configuration,
            /// <summary>The device waits for an answer to a question SpiTools did not ask.</summary>
            Question,
        }

        /// <summary>Classifies a trimmed line; <paramref name="host"/> is the prompt's host name (empty for FTD's <c>&gt;</c> and non-prompts).</summary>
        public static Kind Classify(string line, out string host)
        {
            host = "";
            if (line.Length == 0) return Kind.None;
            if (line == ">") return Kind.Privileged;
            if (CliText.TryParsePrompt(line, out host, out var mode, out var end))
                return mode.Length > 0 ? Kind.Configuration : end == '#' ? Kind.Privileged : Kind.Exec;
            host = "";
            return IsQuestion(line) ? Kind.Question : Kind.None;
        }

        /// <summary>True for a line that asks something: a confirmation, a yes/no choice, a <c>?</c> at its end, a credential prompt.</summary>
        public static bool IsQuestion(string line)
        {
            var t = line.Trim();
            if (t.Length == 0) return false;
            if (t.EndsWith("?", StringComparison.Ordinal)) return true; // "Proceed?", "Destination filename [running-config]?"
            if (IsCredentialPrompt(t)) return true;
            var end = t.TrimEnd(':', ' ');
            if (end.EndsWith("[confirm]", StringComparison.OrdinalIgnoreCase)) return true;
            return end.Length > 2 && (end[end.Length - 1] == ']' || end[end.Length - 1] == ')') && IsChoice(end);
        }

        /// <summary>A password, passcode, user name or login prompt (<c>Password:</c>, <c>Username: </c>).</summary>
        public static bool IsCredentialPrompt(string line)
        {
            var t = line.Trim();
            if (!t.EndsWith(":", StringComparison.Ordinal)) return false;
            t = t.Substring(0, t.Length - 1).TrimEnd();
            foreach (var word in CredentialWords)
                if (t.EndsWith(word, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static readonly string[] CredentialWords = { "password", "passcode", "passphrase", "username", "user name", "login", "secret", "pin" };

        /// <summary>The text ends in a bracketed choice with a yes and a no: <c>[yes/no]</c>, <c>(y/n)</c>, <c>[Y/N]</c>, <c>[yes/no/cancel]</c>.</summary>
        private static bool IsChoice(string end)
        {
            char close = end[end.Length - 1];
            char open = close == ']' ? '[' : '(';
            int at = end.LastIndexOf(open);
            if (at < 0) return false;
            var parts = end.Substring(at + 1, end.Length - at - 2).Split('/');
            if (parts.Length < 2) return false;
            bool yes = false, no = false;
            foreach (var p in parts)
            {
                var w = p.Trim();
                if (w.Length == 0 || w.Length > 8) return false;
                foreach (char c in w)
                    if (!char.IsLetter(c)) return false;
                if (char.ToLowerInvariant(w[0]) == 'y') yes = true;
                if (char.ToLowerInvariant(w[0]) == 'n') no = true;
            }
            return yes && no;
        }

        /// <summary>The last line with anything on it (the line being written, else the last committed one), trimmed.</summary>
        public static string LastLine(string committed, string current)
        {
            var c = current.Trim();
            if (c.Length > 0) return c;
            int end = committed.Length;
            while (end > 0)
            {
                int start = committed.LastIndexOf('\n', end - 1 < 0 ? 0 : end - 1);
                var l = committed.Substring(start + 1, end - start - 1).Trim();
                if (l.Length > 0) return l;
                if (start < 0) break;
                end = start;
            }
            return "";
        }
    }
}
