using System.Text;
using System.Threading;
using SpiTools.Devices;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>
    /// A scripted Cisco CLI behind <see cref="IDeviceChannel"/>: echoes what is typed, answers commands from a table,
    /// asks for the enable secret, pages long outputs until paging is turned off, changes context, and can drip,
    /// hang, disconnect or talk garbage. Records every write, so tests can assert what was (not) sent.
    /// </summary>
    internal sealed class ScriptedDevice : IDeviceChannel
    {
        private readonly object _gate = new();
        private readonly StringBuilder _outbound = new();
        private readonly StringBuilder _inputLine = new();
        private readonly Queue<string> _pages = new();
        private bool _closed;
        private bool _awaitingPassword;
        private int _passwordAttempts;
        private bool _paging;

        public ScriptedDevice(string hostname = "fw-edge1")
        {
            Hostname = hostname;
        }

        // ---- configuration ----
        public string Hostname { get; set; }
        public string? Context { get; set; }
        public HashSet<string> Contexts { get; } = new(StringComparer.OrdinalIgnoreCase);
        public bool Privileged { get; set; }
        /// <summary>Bare "&gt;" prompt (FTD CLISH).</summary>
        public bool FtdPrompt { get; set; }
        /// <summary>The enable secret; null: enable needs no password prompt at all.</summary>
        public string? EnableSecret { get; set; } = "s3cr3t-Enable!";
        /// <summary>Echo the secret typed at Password: (a broken device).</summary>
        public bool EchoSecret { get; set; }
        /// <summary>Lines per page while paging is on; 0 = never pages.</summary>
        public int PageLines { get; set; } = 24;
        /// <summary>ASA "&lt;--- More ---&gt;" erased with CR/blanks, or IOS " --More-- " erased with backspaces.</summary>
        public bool IosPager { get; set; }
        /// <summary>Commands answered with "Command authorization failed".</summary>
        public HashSet<string> Denied { get; } = new(StringComparer.Ordinal);
        /// <summary>Command → output (lines joined with \n; the device sends its own line endings).</summary>
        public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);
        /// <summary>Command → a reply written verbatim after the echo (escape sequences, odd line endings); no prompt is added.</summary>
        public Dictionary<string, string> RawReplies { get; } = new(StringComparer.Ordinal);
        /// <summary>Commands after which the device prints the text so far and then nothing, forever.</summary>
        public HashSet<string> HangAfter { get; } = new(StringComparer.Ordinal);
        /// <summary>Commands after which the device prints part of the output and closes.</summary>
        public HashSet<string> DisconnectDuring { get; } = new(StringComparer.Ordinal);
        /// <summary>Never shows a prompt (banner only).</summary>
        public bool NoPrompt { get; set; }
        /// <summary>Most characters one Read returns (slow drip when small).</summary>
        public int ChunkSize { get; set; } = 4096;
        /// <summary>Delay before each Read returns data (slow drip).</summary>
        public TimeSpan DripDelay { get; set; } = TimeSpan.Zero;
        /// <summary>Line ending the device writes.</summary>
        public string NewLine { get; set; } = "\r\n";
        /// <summary>Banner before the first prompt.</summary>
        public string Banner { get; set; } = "Type help or '?' for a list of available commands.\r\n";
        /// <summary>The pager keeps coming back without new lines (a broken pager).</summary>
        public bool StuckPager { get; set; }
        /// <summary>Command → outputs that replace (or add to) <see cref="Outputs"/> once the command has run (a state change).</summary>
        public Dictionary<string, Dictionary<string, string>> StateChanges { get; } = new(StringComparer.Ordinal);
        /// <summary>Show the prompt only after the first Enter.</summary>
        public bool PromptOnlyAfterEnter { get; set; }

        // ---- observation ----
        public List<string> Writes { get; } = new();
        public string AllWritten => string.Concat(Writes);
        public List<string> Commands { get; } = new();
        public int Reads;

        public bool IsConnected { get { lock (_gate) return !_closed; } }

        public void Start()
        {
            lock (_gate)
            {
                _paging = PageLines > 0;
                _outbound.Append(Banner);
                if (!NoPrompt && !PromptOnlyAfterEnter) _outbound.Append(PromptText());
                Monitor.PulseAll(_gate);
            }
        }

        public string PromptText()
        {
            if (FtdPrompt) return "> ";
            return Hostname + (Context != null ? "/" + Context : "") + (Privileged ? "# " : "> ");
        }

        public void Write(string text)
        {
            lock (_gate)
            {
                if (_closed) throw new IOException("closed");
                Writes.Add(text);
                foreach (char c in text) Key(c);
                Monitor.PulseAll(_gate);
            }
        }

        private void Key(char c)
        {
            if (_pages.Count > 0 || (StuckPager && _stuck))
            {
                if (c == ' ') NextPage();
                return;
            }
            if (c == '\r') return;
            if (c != '\n') { _inputLine.Append(c); return; }
            var line = _inputLine.ToString();
            _inputLine.Clear();
            if (_awaitingPassword) { Password(line); return; }
            if (PromptOnlyAfterEnter && line.Length == 0 && Commands.Count == 0 && !_shownPrompt)
            {
                _shownPrompt = true;
                _outbound.Append(NewLine).Append(PromptText());
                return;
            }
            _outbound.Append(line).Append(NewLine); // echo
            if (line.Length == 0) { if (!NoPrompt) _outbound.Append(PromptText()); return; }
            Commands.Add(line);
            Command(line);
        }

        private bool _shownPrompt;
        private bool _stuck;

        private void Password(string line)
        {
            _outbound.Append(EchoSecret ? line : "").Append(NewLine);
            if (line == EnableSecret)
            {
                _awaitingPassword = false;
                Privileged = true;
                _outbound.Append(PromptText());
                return;
            }
            if (++_passwordAttempts < 3)
            {
                _outbound.Append("Invalid password").Append(NewLine).Append("Password: ");
                return;
            }
            _awaitingPassword = false;
            _outbound.Append("Access denied.").Append(NewLine).Append(PromptText());
        }

        private void Command(string line)
        {
            if (Denied.Contains(line))
            {
                _outbound.Append("Command authorization failed").Append(NewLine).Append(PromptText());
                return;
            }
            if (RawReplies.TryGetValue(line, out var raw)) { _outbound.Append(raw); return; }
            if (line == "enable" && !FtdPrompt)
            {
                if (EnableSecret is null) { Privileged = true; _outbound.Append(PromptText()); return; }
                _awaitingPassword = true;
                _passwordAttempts = 0;
                _outbound.Append("Password: ");
                return;
            }
            if (line == "terminal pager 0" && !IosPager) { _paging = false; _outbound.Append(PromptText()); return; }
            if (line == "terminal length 0" && IosPager) { _paging = false; _outbound.Append(PromptText()); return; }
            if (line == "terminal width 512" && IosPager) { _outbound.Append(PromptText()); return; }
            if (line.StartsWith("changeto context ", StringComparison.Ordinal))
            {
                var name = line.Substring("changeto context ".Length);
                if (!Contexts.Contains(name)) { _outbound.Append($"ERROR: Context '{name}' does not exist").Append(NewLine).Append(PromptText()); return; }
                Context = name;
                _outbound.Append(PromptText());
                return;
            }
            if (!Outputs.TryGetValue(line, out var output))
            {
                if (IosPager) _outbound.Append("                ^").Append(NewLine).Append("% Invalid input detected at '^' marker.").Append(NewLine).Append(NewLine);
                else _outbound.Append("ERROR: % Invalid input detected at '^' marker.").Append(NewLine);
                _outbound.Append(PromptText());
                return;
            }
            if (StateChanges.TryGetValue(line, out var changed))
                foreach (var kv in changed) Outputs[kv.Key] = kv.Value;
            var lines = output.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            if (DisconnectDuring.Contains(line))
            {
                foreach (var l in lines.Take(Math.Max(1, lines.Count / 2))) _outbound.Append(l).Append(NewLine);
                _closed = true;
                return;
            }
            if (HangAfter.Contains(line))
            {
                foreach (var l in lines.Take(Math.Max(1, lines.Count / 2))) _outbound.Append(l).Append(NewLine);
                return;
            }
            if (_paging && PageLines > 0 && lines.Count > PageLines)
            {
                for (int i = 0; i < lines.Count; i += PageLines)
                    _pages.Enqueue(string.Concat(lines.Skip(i).Take(PageLines).Select(l => l + NewLine)));
                NextPage(first: true);
                return;
            }
            foreach (var l in lines) _outbound.Append(l).Append(NewLine);
            _outbound.Append(PromptText());
        }

        private void NextPage(bool first = false)
        {
            if (!first) _outbound.Append(IosPager ? "\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b" : "\r              \r");
            if (StuckPager && !first)
            {
                _stuck = true;
                _outbound.Append(IosPager ? " --More-- " : "<--- More --->");
                return;
            }
            _outbound.Append(_pages.Dequeue());
            if (_pages.Count > 0 || StuckPager) { _stuck = StuckPager; _outbound.Append(IosPager ? " --More-- " : "<--- More --->"); }
            else _outbound.Append(PromptText());
        }

        public string? Read(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            if (DripDelay > TimeSpan.Zero) Thread.Sleep(DripDelay);
            lock (_gate)
            {
                if (_outbound.Length == 0 && !_closed)
                    Monitor.Wait(_gate, timeout); // deliberately ignores the token: the session must not rely on it
                if (_outbound.Length == 0) return _closed ? null : "";
                int n = Math.Min(ChunkSize, _outbound.Length);
                var s = _outbound.ToString(0, n);
                _outbound.Remove(0, n);
                return s;
            }
        }

        public void Close()
        {
            lock (_gate) { _closed = true; Monitor.PulseAll(_gate); }
        }

        public void Dispose() => Close();

        // ---- helpers ----

        /// <summary>The examples/asa-stale-spi ASA with its three outputs (the echo line of each fixture dropped).</summary>
        public static ScriptedDevice SeedAsa() => SeedAsa(null);

        /// <summary>The examples/asa-stale-spi ASA with its outputs changed by <paramref name="edit"/> (command, output → output) before the peer listings are cut.</summary>
        public static ScriptedDevice SeedAsa(Func<string, string, string>? edit)
        {
            var d = new ScriptedDevice("fw-edge1");
            foreach (var kv in SeedOutputs("asa-stale-spi/device", edit)) d.Outputs[kv.Key] = kv.Value;
            d.Outputs["show version"] = "Cisco Adaptive Security Appliance Software Version 9.16(4)\nDevice Manager Version 7.16(1)\n\nfw-edge1 up 12 days 3 hours";
            return d;
        }

        /// <summary>
        /// The examples/asa-stale-spi ASA that also answers <c>clear crypto ipsec sa inactive</c>: after it, the outputs of
        /// <c>asa-stale-spi/device-after-clear</c> (the stale context gone).
        /// </summary>
        public static ScriptedDevice SeedAsaWithClear()
        {
            var d = SeedAsa();
            d.Outputs["clear crypto ipsec sa inactive"] = "";
            d.StateChanges["clear crypto ipsec sa inactive"] = SeedOutputs("asa-stale-spi/device-after-clear");
            return d;
        }

        /// <summary>The outputs of a fixture folder of the seed ASA, command → output (the echo line dropped).</summary>
        public static Dictionary<string, string> SeedOutputs(string folder, Func<string, string, string>? edit = null)
        {
            var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Captures.PathOf(folder)))
            {
                var lines = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
                var command = lines[0].Substring(lines[0].IndexOf('#') + 1).Trim();
                outputs[command] = string.Join("\n", lines.Skip(1));
                if (edit != null) outputs[command] = edit(command, outputs[command]);
            }
            // The peer-filtered listings, cut from the full one (interface line + that peer's entry).
            var sa = outputs["show crypto ipsec sa"].Split('\n');
            int second = Array.FindIndex(sa, 5, l => l.Contains("Crypto map tag", StringComparison.Ordinal));
            outputs["show crypto ipsec sa peer 203.0.113.10"] = string.Join("\n", sa.Take(second));
            outputs["show crypto ipsec sa peer 192.0.2.20"] = string.Join("\n", sa.Take(1).Concat(sa.Skip(second)));
            return outputs;
        }
    }
}
