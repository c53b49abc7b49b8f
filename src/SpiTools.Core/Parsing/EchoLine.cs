using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>A prompt and command echoed into a capture: <c>fw-edge1# show crypto ipsec sa</c>.</summary>
    internal readonly ref struct EchoLine
    {
        public EchoLine(ReadOnlySpan<char> host, ReadOnlySpan<char> command)
        {
            Host = host;
            Command = command;
        }

        /// <summary>The device name (before any <c>/context</c> or <c>(config)</c>); empty for a bare command line.</summary>
        public ReadOnlySpan<char> Host { get; }

        /// <summary>The command after the prompt; empty for a bare prompt.</summary>
        public ReadOnlySpan<char> Command { get; }

        /// <summary>
        /// Recognises <c>host#</c>, <c>host&gt;</c>, <c>host(config)#</c>, <c>host/ctx#</c>, <c>ASA/pri/act(config)#</c>,
        /// FTD's <c>&gt; show …</c>, each with or without a command, a prompt without its host name
        /// (<c>#sh crypto ipsec sa</c>, the device then unknown), and bare command lines starting with
        /// <c>show</c> (or an abbreviation) or <c>packet-tracer</c>, as pasted captures often have them.
        /// </summary>
        public static bool TryParse(ReadOnlySpan<char> text, out EchoLine echo)
        {
            echo = default;
            if (text.IsEmpty) return false;
            // Every prompt holds '#', '>' or '$' (Cisco, Junos, PAN-OS, FortiOS, PowerShell and Unix shells alike): a line with
            // none of them, as most output lines are, can only be a command typed without a prompt.
            if (text.IndexOfAny('#', '>', '$') < 0)
            {
                if (!IsBareCommand(text, out var typed)) return false;
                echo = new EchoLine(default, typed);
                return true;
            }

            // FTD CLISH prompt "> command", and a prompt whose host name was cut off or removed: "#sh crypto ipsec sa";
            // a Unix shell's "$ swanctl --list-sas" / "# ipsec statusall".
            if (text[0] == '>' || text[0] == '#' || text[0] == '$')
            {
                var cmd = text.Slice(1).Trim();
                if (cmd.IsEmpty) return false;
                if (text[0] != '>' && IsShellCommand(cmd, out var shell))
                {
                    echo = new EchoLine(default, shell);
                    return true;
                }
                if (text[0] == '$' || !LooksLikeCommand(cmd)) return false;
                echo = new EchoLine(default, cmd);
                return true;
            }

            if (FarEndPrompt.TryParse(text, out var host, out var farCommand))
            {
                echo = new EchoLine(host, farCommand);
                return true;
            }

            // A shell prompt's user@host is its first word: only that is searched, so device lines cost almost nothing.
            int space = text.IndexOf(' ');
            if ((text[0] == '[' || (space < 0 ? text : text.Slice(0, space)).IndexOf('@') > 0) && TryParseShellPrompt(text, out echo)) return true;
            if (text[0] == 'i' && IsShellCommand(text, out var bare))
            {
                echo = new EchoLine(default, bare);
                return true;
            }

            if (LooksLikeCommand(text))
            {
                echo = new EchoLine(default, text);
                return true;
            }

            // host[/seg...][(mode)]# or >
            int i = 0;
            if (!IsHostChar(text[0]) || text[0] == '-' || text[0] == '.') return false;
            while (i < text.Length && IsHostChar(text[i])) i++;
            int hostEnd = i;
            while (i < text.Length && text[i] == '/')
            {
                int segStart = ++i;
                while (i < text.Length && IsHostChar(text[i])) i++;
                if (i == segStart) return false;
            }
            if (i < text.Length && text[i] == '(')
            {
                int close = text.Slice(i).IndexOf(')');
                if (close < 0) return false;
                var mode = text.Slice(i + 1, close - 1);
                foreach (char c in mode)
                    if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_')) return false;
                i += close + 1;
            }
            if (i >= text.Length || (text[i] != '#' && text[i] != '>')) return false;
            var command = text.Slice(i + 1).Trim();
            if (!command.IsEmpty && text[i] == '>' && !LooksLikeCommand(command) && i + 1 < text.Length && text[i + 1] != ' ')
                return false;
            // "VPN Filter = <none>" and similar are not prompts: a prompt's host is one token.
            echo = new EchoLine(text.Slice(0, hostEnd), command);
            return true;
        }

        /// <summary>
        /// A Unix shell prompt and the command after it: <c>debian@servidor1:~$ sudo ipsec status</c>,
        /// <c>root@gw:~# swanctl --list-sas</c>, <c>[root@gw ~]# ipsec statusall</c>. The host is the part after <c>@</c>;
        /// a leading <c>sudo</c> is not part of the command.
        /// </summary>
        private static bool TryParseShellPrompt(ReadOnlySpan<char> text, out EchoLine echo)
        {
            echo = default;
            bool bracketed = text[0] == '[';
            int end = bracketed ? text.IndexOf(']') : text.IndexOfAny('$', '#');
            if (end <= 0) return false;
            if (bracketed)
            {
                if (end + 1 >= text.Length || (text[end + 1] != '$' && text[end + 1] != '#')) return false;
            }
            else
            {
                // "user@host:path$": no space before the prompt character.
                if (text.Slice(0, end).IndexOf(' ') >= 0) return false;
            }
            var prompt = text.Slice(bracketed ? 1 : 0, end - (bracketed ? 1 : 0));
            int at = prompt.IndexOf('@');
            if (at <= 0) return false;
            var host = prompt.Slice(at + 1);
            int stop = host.IndexOfAny(':', ' ');
            if (stop >= 0) host = host.Slice(0, stop);
            if (host.IsEmpty) return false;
            foreach (char c in prompt.Slice(0, at))
                if (!IsHostChar(c)) return false;
            foreach (char c in host)
                if (!IsHostChar(c)) return false;
            var command = text.Slice(end + (bracketed ? 2 : 1)).Trim();
            if (IsShellCommand(command, out var shell)) command = shell;
            echo = new EchoLine(host, command);
            return true;
        }

        /// <summary>
        /// True for the commands of the Unix IPsec systems SpiTools reads (<c>swanctl …</c>, <c>ipsec status…</c>,
        /// <c>ipsec showstates</c>, <c>ipsec trafficstatus</c>, <c>ipsec whack …</c>, <c>ikectl …</c>), with a leading
        /// <c>sudo</c> removed; lower case only, so IOS's <c>IPSEC profile</c> lines are not taken for one.
        /// </summary>
        internal static bool IsShellCommand(ReadOnlySpan<char> text, out ReadOnlySpan<char> command)
        {
            command = text;
            // sudo, swanctl, ikectl and ipsec: a line starting with another letter is none of them.
            if (text.IsEmpty || (text[0] != 's' && text[0] != 'i')) return false;
            if (text.StartsWith("sudo ".AsSpan(), StringComparison.Ordinal)) command = text.Slice(5).TrimStart();
            if (command.StartsWith("swanctl ".AsSpan(), StringComparison.Ordinal) || command.StartsWith("ikectl ".AsSpan(), StringComparison.Ordinal)) return true;
            if (!command.StartsWith("ipsec ".AsSpan(), StringComparison.Ordinal)) return false;
            var verb = command.Slice(6).TrimStart();
            return verb.StartsWith("status".AsSpan(), StringComparison.Ordinal) || verb.StartsWith("showstates".AsSpan(), StringComparison.Ordinal)
                || verb.StartsWith("trafficstatus".AsSpan(), StringComparison.Ordinal) || verb.StartsWith("whack ".AsSpan(), StringComparison.Ordinal);
        }

        private static bool IsHostChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';

        /// <summary>True for a line that starts with a command keyword followed by an argument (<c>show …</c>, <c>sh …</c>, <c>packet-tracer …</c>).</summary>
        internal static bool LooksLikeCommand(ReadOnlySpan<char> text)
        {
            // The first letter picks the only command words the line can start with, so a data line costs one comparison.
            if (text.IsEmpty) return false;
            char c0 = (char)(text[0] | 0x20);
            if (c0 != 's' && c0 != 'p' && c0 != 't' && c0 != 'c' && c0 != 'd' && c0 != 'g') return false;
            int sp = text.IndexOf(' ');
            if (sp <= 0) return false;
            var first = text.Slice(0, sp);
            switch (c0)
            {
                // "sh" and longer prefixes of "show"; full words for the others, so data lines are not taken for commands.
                case 's': return first.Length >= 2 && "show".AsSpan().StartsWith(first, StringComparison.OrdinalIgnoreCase) && !FarEndPrompt.IsPanOsTotals(text);
                case 'p': return first.Equals("packet-tracer".AsSpan(), StringComparison.OrdinalIgnoreCase);
                case 't': return first.Equals("terminal".AsSpan(), StringComparison.OrdinalIgnoreCase);
                case 'c': return first.Equals("clear".AsSpan(), StringComparison.OrdinalIgnoreCase) || first.Equals("changeto".AsSpan(), StringComparison.OrdinalIgnoreCase);
                case 'd': return first.Equals("debug".AsSpan(), StringComparison.OrdinalIgnoreCase) || FarEndPrompt.IsFarEndCommand(first, text.Slice(sp + 1));
                default: return FarEndPrompt.IsFarEndCommand(first, text.Slice(sp + 1)); // 'g': FortiOS get, the Azure cmdlets
            }
        }

        /// <summary>
        /// A command typed without a prompt, on a line that holds no prompt character: a Unix IPsec command
        /// (<c>ipsec status</c>, lower case) or one <see cref="LooksLikeCommand"/> knows.
        /// </summary>
        private static bool IsBareCommand(ReadOnlySpan<char> text, out ReadOnlySpan<char> command)
        {
            if (text[0] == 'i') return IsShellCommand(text, out command);
            command = text;
            return LooksLikeCommand(text);
        }
    }
}
