using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.Simulator;

/// <summary>The session ends as if the connection dropped (the <c>disconnect</c> fault).</summary>
public sealed class DisconnectedException : Exception;

/// <summary>
/// One login on the simulated device: reads keystrokes, echoes them as the device does, prints prompts,
/// runs commands against the scenario, pages long output, and records every line it received.
/// </summary>
public sealed class DeviceSession
{
    private const string SystemContext = "system";
    private static readonly byte[] GarbageBytes = [0x00, 0xFF, 0xFE, 0x1B, (byte)'[', (byte)'7', (byte)'m', 0x07, 0x08, 0x80, 0xC3];

    private readonly Scenario _scenario;
    private readonly FaultSet _faults;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Recorder _recorder;
    private readonly StateStore _state;
    private readonly CommandTree _tree;

    private bool _privileged;
    private bool _config;
    private string? _context;
    private int _pagerLines;
    private bool _swallowLf;
    private int _pushback = -1;

    public DeviceSession(Scenario scenario, FaultSet faults, Stream input, Stream output, Recorder recorder, StateStore state)
    {
        _scenario = scenario;
        _faults = faults;
        _input = input;
        _output = output;
        _recorder = recorder;
        _state = state;
        _tree = CommandTree.For(scenario);
        _privileged = scenario.IsFtd || scenario.StartPrivileged;
        _context = scenario.Contexts is { Count: > 0 } ? scenario.StartContext ?? SystemContext : null;
        _pagerLines = Math.Max(0, scenario.PagerLines);
    }

    /// <summary>Runs until the input ends or the user logs out; 3 when a <c>disconnect</c> fault ended it.</summary>
    public int Run()
    {
        try
        {
            if (_faults.LoginDelayMs > 0)
                Thread.Sleep(_faults.LoginDelayMs);
            string? banner = _faults.Dialogue.Banner ?? _scenario.Banner ?? (_scenario.IsAsa ? "Type help or '?' for a list of available commands." : null);
            if (!string.IsNullOrEmpty(banner))
                WriteBanner(banner);
            bool prompt = !AfterCommand(null);
            while (true)
            {
                if (prompt)
                    Write(Prompt());
                string? line = ReadLine(echo: true);
                if (line is null)
                    return 0;
                _recorder.Line(line);
                var canonical = CanonicalOf(line);
                foreach (var (command, ms) in _faults.Dialogue.Slow)
                    if (canonical is not null && DialogueFaults.Names(command, canonical))
                        Thread.Sleep(ms);
                var outcome = Execute(line);
                if (outcome == Outcome.Logout)
                    return 0;
                prompt = outcome != Outcome.NoPrompt && (canonical is null || !AfterCommand(canonical));
            }
        }
        catch (DisconnectedException)
        {
            return 3;
        }
        catch (IOException)
        {
            // The client went away while output was written.
            return 0;
        }
    }

    private enum Outcome { Prompt, NoPrompt, Logout }

    private string? _renamed;

    private void WriteBanner(string banner)
    {
        foreach (var line in banner.Replace("\r\n", "\n").Split('\n'))
        {
            // A slow terminal: the pause comes after the line's text, before its line break, so for that time the
            // line (a "corp-fw>" among them) is the last thing shown.
            Write(line);
            if (_faults.Dialogue.BannerPauseMs > 0)
                Thread.Sleep(_faults.Dialogue.BannerPauseMs);
            Write("\r\n");
        }
    }

    /// <summary>The full keywords of a typed line's command (before any <c>|</c>), or null when it matches none.</summary>
    private IReadOnlyList<string>? CanonicalOf(string line)
    {
        int bar = line.IndexOf('|');
        var tokens = CommandTree.Tokenize(bar >= 0 ? line[..bar] : line);
        if (tokens.Count == 0)
            return null;
        var match = _tree.Match(tokens);
        return match.Kind == MatchKind.Ok ? match.Canonical : null;
    }

    /// <summary>
    /// The dialogue faults after a command (<paramref name="canonical"/>) or at login (null): disconnect, rename,
    /// configuration mode, a question. True when a question was asked and answered (its prompt is already shown).
    /// </summary>
    private bool AfterCommand(IReadOnlyList<string>? canonical)
    {
        var d = _faults.Dialogue;
        if (d.DisconnectAfter.Any(c => DialogueFaults.Names(c, canonical)))
        {
            _output.Flush();
            throw new DisconnectedException();
        }
        foreach (var (after, name) in d.Renames)
            if (DialogueFaults.Names(after, canonical))
                _renamed = name;
        if (d.ConfigAfter.Any(c => DialogueFaults.Names(c, canonical)))
        {
            _privileged = true;
            _config = true;
        }
        foreach (var (after, question) in d.Questions)
        {
            if (!DialogueFaults.Names(after, canonical))
                continue;
            Write(question + " ");
            string? answer = ReadLine(echo: true);
            if (answer is null)
                throw new DisconnectedException();
            _recorder.Line(answer);
            Write(Prompt());
            return true;
        }
        return false;
    }

    public string Prompt()
    {
        if (_scenario.IsFtd)
            return "> ";
        string name = _renamed ?? _scenario.Hostname;
        if (_context is not null && _context != SystemContext)
            name += "/" + _context;
        string mode = _config ? "(config)#" : _privileged ? "#" : ">";
        return _scenario.IsAsa ? name + mode + " " : name + mode;
    }

    private Outcome Execute(string line)
    {
        string promptText = Prompt();
        int offset = 0;
        string text = line;
        if (text.Trim().Length == 0)
            return Outcome.Prompt;
        if (_config && _scenario.IsIosXe)
        {
            var first = CommandTree.Tokenize(text);
            if (first.Count > 0 && string.Equals(first[0].Text, "do", StringComparison.OrdinalIgnoreCase))
            {
                offset = first.Count > 1 ? first[1].Start : text.Length;
                text = text[offset..];
            }
            else if (first.Count > 0 && !IsOneOf(first[0].Text, "end", "exit"))
            {
                InvalidInput(promptText.Length + first[0].Start);
                return Outcome.Prompt;
            }
        }

        // "command | begin X", "| include X", "| exclude X"
        string? filterKind = null;
        Regex? filter = null;
        int bar = text.IndexOf('|');
        if (bar >= 0)
        {
            string rest = text[(bar + 1)..].TrimStart();
            var words = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            filterKind = words.Length > 0 ? new[] { "begin", "include", "exclude", "grep" }.FirstOrDefault(k => k.StartsWith(words[0], StringComparison.OrdinalIgnoreCase) && words[0].Length > 0) : null;
            if (filterKind is null || words.Length < 2)
            {
                InvalidInput(promptText.Length + offset + bar + 1 + (text.Length - bar - 1 - rest.Length));
                return Outcome.Prompt;
            }
            try
            {
                filter = new Regex(words[1].Trim(), RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                InvalidInput(promptText.Length + offset + bar + 1);
                return Outcome.Prompt;
            }
            text = text[..bar];
        }

        var tokens = CommandTree.Tokenize(text);
        // "end" exists only in configuration mode.
        if (_config && tokens.Count == 1 && tokens[0].Text.Length >= 2 && "end".StartsWith(tokens[0].Text, StringComparison.OrdinalIgnoreCase))
        {
            _config = false;
            return Outcome.Prompt;
        }
        if (tokens.Count == 0)
        {
            InvalidInput(promptText.Length + offset);
            return Outcome.Prompt;
        }
        var match = _tree.Match(tokens);
        int Caret(int index) => promptText.Length + offset + (index < tokens.Count ? tokens[index].Start : text.TrimEnd().Length);
        switch (match.Kind)
        {
            case MatchKind.Invalid:
                InvalidInput(Caret(match.TokenIndex));
                return Outcome.Prompt;
            case MatchKind.Ambiguous:
                Error($"% Ambiguous command:  \"{string.Join(' ', tokens.Take(match.TokenIndex + 1).Select(t => t.Text))}\"");
                return Outcome.Prompt;
            case MatchKind.Incomplete:
                Error(_scenario.IsIosXe ? "% Incomplete command." : "% Incomplete command");
                return Outcome.Prompt;
        }

        var command = match.Command!;
        // User EXEC on ASA / IOS-XE: only the session commands; show commands fail at their second word.
        if (!_privileged && !command.UserMode)
        {
            InvalidInput(Caret(tokens.Count > 1 && command.Canonical.StartsWith("show ", StringComparison.Ordinal) ? 1 : 0));
            return Outcome.Prompt;
        }
        if (FaultSet.FindPrefix(_faults.Missing, match.Canonical) is { } missing)
        {
            InvalidInput(Caret(Math.Min(missing.Length, tokens.Count) - 1));
            return Outcome.Prompt;
        }
        if (FaultSet.FindPrefix(_faults.Denied, match.Canonical) is not null)
        {
            Write(_scenario.IsIosXe ? "Command authorization failed.\r\n\r\n" : "Command authorization failed\r\n");
            return Outcome.Prompt;
        }

        switch (command.Action)
        {
            case CommandAction.Enable:
                Enable();
                return Outcome.Prompt;
            case CommandAction.Disable:
                _privileged = false;
                _config = false;
                return Outcome.Prompt;
            case CommandAction.Exit:
                if (_config)
                {
                    _config = false;
                    return Outcome.Prompt;
                }
                if (_scenario.IsAsa)
                    Write("\r\nLogoff\r\n\r\n");
                return Outcome.Logout;
            case CommandAction.ConfigureTerminal:
                _config = true;
                return Outcome.Prompt;
            case CommandAction.TerminalPager:
            {
                int lines = int.Parse(match.Arguments[0], System.Globalization.CultureInfo.InvariantCulture);
                if (lines > 512)
                {
                    InvalidInput(Caret(tokens.Count - 1));
                    return Outcome.Prompt;
                }
                if (!(lines == 0 && _faults.StickyPager))
                    _pagerLines = lines;
                return Outcome.Prompt;
            }
            case CommandAction.TerminalWidth:
            {
                int width = int.Parse(match.Arguments[0], System.Globalization.CultureInfo.InvariantCulture);
                if (width > 512)
                    InvalidInput(Caret(tokens.Count - 1));
                return Outcome.Prompt;
            }
            case CommandAction.ChangetoContext:
            {
                string name = match.Arguments[0];
                string? known = _scenario.Contexts!.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.Ordinal));
                if (known is null)
                {
                    InvalidInput(Caret(tokens.Count - 1));
                    return Outcome.Prompt;
                }
                _context = known;
                return Outcome.Prompt;
            }
            case CommandAction.ChangetoSystem:
                _context = SystemContext;
                return Outcome.Prompt;
            default:
                return RunCapture(command, tokens, Caret, filterKind, filter);
        }
    }

    private Outcome RunCapture(KnownCommand command, List<Token> tokens, Func<int, int> caret, string? filterKind, Regex? filter)
    {
        string contextKey = _context ?? "";
        string file = _scenario.Commands[command.Canonical];
        string? folder = _state.Get(contextKey) ?? (_context is null
            ? _scenario.Outputs
            : _scenario.Contexts!.TryGetValue(_context, out var f) ? f : null);
        string? path = folder is null || file.Length == 0 ? null : System.IO.Path.Combine(_scenario.Directory, folder, file);
        if (file.Length > 0 && (path is null || !File.Exists(path)))
        {
            // Not available where the session is (the system context, or a context without it).
            InvalidInput(caret(0));
            return Outcome.Prompt;
        }

        bool completed = true;
        if (path is not null && HostileOutput.Applies(_faults) && !HostileOutput.Write(_faults, _output))
            return Outcome.Prompt;
        if (path is not null)
        {
            var lines = CaptureLines(path, command.Canonical);
            lines = Filter(lines, filterKind, filter);
            completed = WritePaged(lines);
        }

        foreach (var change in _scenario.StateChanges)
        {
            if (string.Equals(change.After, command.Canonical, StringComparison.OrdinalIgnoreCase)
                && string.Equals(change.Context ?? "", contextKey, StringComparison.Ordinal))
                _state.Set(contextKey, change.Outputs);
        }
        _ = completed;
        return path is not null && _faults.NoPrompt ? Outcome.NoPrompt : Outcome.Prompt;
    }

    private static readonly Regex EchoLine = new(@"^(?:\S+[#>] ?|> ?)(\S+)", RegexOptions.CultureInvariant);

    /// <summary>The capture's lines without the echoed prompt and command it was saved with, or a closing bare prompt.</summary>
    public static List<string> CaptureLines(string path, string canonical)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        string firstWord = CommandTree.Words(canonical)[0];
        if (lines.Count > 0 && EchoLine.Match(lines[0]) is { Success: true } m
            && firstWord.StartsWith(m.Groups[1].Value, StringComparison.OrdinalIgnoreCase))
            lines.RemoveAt(0);
        while (lines.Count > 0 && Regex.IsMatch(lines[^1], @"^\S+[#>] ?$"))
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static List<string> Filter(List<string> lines, string? kind, Regex? filter)
    {
        if (kind is null || filter is null)
            return lines;
        return kind switch
        {
            "begin" => lines.SkipWhile(l => !filter.IsMatch(l)).ToList(),
            "include" or "grep" => lines.Where(l => filter.IsMatch(l)).ToList(),
            _ => lines.Where(l => !filter.IsMatch(l)).ToList(),
        };
    }

    /// <summary>Writes lines through the pager; false when the user stopped it.</summary>
    private bool WritePaged(List<string> lines)
    {
        int garbageLine = _faults.Garbage && lines.Count > 0 ? lines.Count / 2 : -1;
        int onPage = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (_faults.DisconnectAfterLines is int cut && i >= cut)
            {
                _output.Flush();
                throw new DisconnectedException();
            }
            if (i == garbageLine)
            {
                string l = lines[i];
                int mid = l.Length / 2;
                Write(l[..mid]);
                WriteBytes(GarbageBytes);
                Write(l[mid..] + "\r\n");
            }
            else
            {
                Write(lines[i] + "\r\n");
            }
            onPage++;
            if (_pagerLines > 0 && onPage >= _pagerLines && i + 1 < lines.Count)
            {
                string more = _scenario.IsIosXe ? " --More-- " : "<--- More --->";
                Write(more);
                int key = ReadKey();
                if (key < 0)
                    throw new DisconnectedException();
                _recorder.PagerKey(key);
                Write(_scenario.IsIosXe
                    ? new string('\b', more.Length) + new string(' ', more.Length) + new string('\b', more.Length)
                    : "\r" + new string(' ', more.Length) + "\r");
                if (key == ' ')
                    onPage = 0;
                else if (key is '\r' or '\n')
                    onPage = _pagerLines - 1;
                else
                    return false;
            }
        }
        return true;
    }

    private void Enable()
    {
        if (_privileged)
            return;
        int attempts = _scenario.IsIosXe ? 3 : 1;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            Write("Password: ");
            string? typed = ReadLine(echo: false, stars: _scenario.IsAsa);
            if (typed is null)
                throw new DisconnectedException();
            _recorder.Password();
            if (_scenario.EnablePassword is null || string.Equals(typed, _scenario.EnablePassword, StringComparison.Ordinal))
            {
                _privileged = true;
                return;
            }
            if (_scenario.IsAsa)
                Write("Invalid password\r\n");
        }
        if (_scenario.IsIosXe)
            Write("% Bad secrets\r\n\r\n");
    }

    private void InvalidInput(int column)
    {
        Write(new string(' ', Math.Max(0, column)) + "^\r\n");
        Error("% Invalid input detected at '^' marker.");
    }

    private void Error(string text) =>
        Write(_scenario.IsIosXe ? text + "\r\n\r\n" : "ERROR: " + text + "\r\n");

    private static bool IsOneOf(string word, params string[] keywords) =>
        keywords.Any(k => k.StartsWith(word, StringComparison.OrdinalIgnoreCase));

    // ---- terminal ----

    private int ReadByte()
    {
        if (_pushback >= 0)
        {
            int b = _pushback;
            _pushback = -1;
            return b;
        }
        return _input.ReadByte();
    }

    /// <summary>One key for the pager (a CR LF pair is one Enter).</summary>
    private int ReadKey()
    {
        int b = ReadByte();
        if (b == '\n' && _swallowLf)
            b = ReadByte();
        _swallowLf = b == '\r';
        return b;
    }

    /// <summary>A line ended by CR, LF or CR LF; null at the end of input. Echoes as the device does.</summary>
    private string? ReadLine(bool echo, bool stars = false)
    {
        var line = new StringBuilder();
        while (true)
        {
            int b = ReadByte();
            if (b < 0)
                return line.Length > 0 ? line.ToString() : null;
            if (b == '\n' && _swallowLf)
            {
                _swallowLf = false;
                continue;
            }
            _swallowLf = false;
            if (b is '\r' or '\n')
            {
                _swallowLf = b == '\r';
                Write("\r\n");
                return line.ToString();
            }
            if (b is 0x7F or 0x08)
            {
                if (line.Length > 0)
                {
                    line.Length--;
                    if (echo || stars)
                        Write("\b \b");
                }
                continue;
            }
            if (b == 0x15)
            {
                // Ctrl-U: erase the line.
                if (echo || stars)
                    Write(string.Concat(Enumerable.Repeat("\b \b", line.Length)));
                line.Clear();
                continue;
            }
            if (b < 0x20 && b != '\t')
                continue;
            line.Append((char)b);
            if (echo)
                WriteBytes([(byte)b]);
            else if (stars)
                Write("*");
        }
    }

    private void Write(string text) => WriteBytes(Encoding.UTF8.GetBytes(text));

    private void WriteBytes(byte[] bytes)
    {
        if (_faults.DripDelayMs <= 0)
        {
            _output.Write(bytes);
            _output.Flush();
            return;
        }
        for (int i = 0; i < bytes.Length; i += _faults.DripChunkBytes)
        {
            _output.Write(bytes, i, Math.Min(_faults.DripChunkBytes, bytes.Length - i));
            _output.Flush();
            Thread.Sleep(_faults.DripDelayMs);
        }
    }
}
