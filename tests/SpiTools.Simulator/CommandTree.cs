namespace SpiTools.Simulator;

/// <summary>What a command does when it matches.</summary>
public enum CommandAction
{
    Capture,
    Enable,
    Disable,
    Exit,
    TerminalPager,
    TerminalWidth,
    ConfigureTerminal,
    ChangetoContext,
    ChangetoSystem,
}

/// <summary>A command the device knows: its full keywords and what it does.</summary>
public sealed record KnownCommand(string Canonical, CommandAction Action, bool UserMode);

/// <summary>A word the user typed and where it starts in the line.</summary>
public readonly record struct Token(string Text, int Start);

public enum MatchKind { Ok, Invalid, Ambiguous, Incomplete }

/// <summary>The result of matching typed words: the command, the full words, the values of placeholders, or where it failed.</summary>
public sealed record MatchResult(MatchKind Kind, KnownCommand? Command, IReadOnlyList<string> Canonical, IReadOnlyList<string> Arguments, int TokenIndex);

/// <summary>
/// The command grammar: keywords match by unambiguous prefix as on the device (<c>sh cry ips sa</c>), values
/// (addresses, numbers, <c>Tunnel0</c>) match exactly, <c>{n}</c> takes a number and <c>{word}</c> any word.
/// Words the platform knows but the scenario does not serve only make abbreviations ambiguous, as on the device.
/// </summary>
public sealed class CommandTree
{
    private sealed class Node
    {
        public readonly Dictionary<string, Node> Keywords = new(StringComparer.OrdinalIgnoreCase);
        public readonly Dictionary<string, Node> Values = new(StringComparer.OrdinalIgnoreCase);
        public Node? Number;
        public Node? Word;
        public KnownCommand? Command;
        public bool HasChildren => Keywords.Count > 0 || Values.Count > 0 || Number is not null || Word is not null;
    }

    private readonly Node _root = new();

    public static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A scenario token is a value (matched exactly) when it holds a digit, a dot or a colon.</summary>
    private static bool IsValue(string token) => token.Any(c => char.IsDigit(c) || c == '.' || c == ':');

    public void Add(string pattern, CommandAction action, bool userMode = false)
    {
        var node = Walk(pattern);
        node.Command = new KnownCommand(string.Join(' ', Words(pattern)), action, userMode);
    }

    /// <summary>Adds words the device knows without the scenario serving them.</summary>
    public void AddVocabulary(string pattern) => Walk(pattern);

    private Node Walk(string pattern)
    {
        var node = _root;
        foreach (string word in Words(pattern))
        {
            if (word == "{n}")
                node = node.Number ??= new Node();
            else if (word == "{word}")
                node = node.Word ??= new Node();
            else if (IsValue(word))
                node = Child(node.Values, word);
            else
                node = Child(node.Keywords, word);
        }
        return node;
    }

    private static Node Child(Dictionary<string, Node> map, string key)
    {
        if (!map.TryGetValue(key, out var child))
            map[key] = child = new Node();
        return child;
    }

    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ')
                i++;
            int start = i;
            while (i < line.Length && line[i] != ' ')
                i++;
            if (i > start)
                tokens.Add(new Token(line[start..i], start));
        }
        return tokens;
    }

    public MatchResult Match(IReadOnlyList<Token> tokens)
    {
        var node = _root;
        var canonical = new List<string>();
        var arguments = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i].Text;
            Node? next = null;
            string? word = null;
            if (node.Keywords.TryGetValue(t, out var exact))
            {
                next = exact;
                word = node.Keywords.Keys.First(k => string.Equals(k, t, StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                var candidates = node.Keywords.Where(k => k.Key.StartsWith(t, StringComparison.OrdinalIgnoreCase)).ToList();
                if (candidates.Count > 1)
                    return new MatchResult(MatchKind.Ambiguous, null, canonical, arguments, i);
                if (candidates.Count == 1)
                    (word, next) = (candidates[0].Key, candidates[0].Value);
                else if (node.Values.TryGetValue(t, out var value))
                    (word, next) = (t, value);
                else if (node.Number is not null && t.All(char.IsAsciiDigit))
                {
                    (word, next) = (t, node.Number);
                    arguments.Add(t);
                }
                else if (node.Word is not null)
                {
                    (word, next) = (t, node.Word);
                    arguments.Add(t);
                }
            }
            if (next is null)
                return new MatchResult(MatchKind.Invalid, null, canonical, arguments, i);
            canonical.Add(word!);
            node = next;
        }
        if (node.Command is not null)
            return new MatchResult(MatchKind.Ok, node.Command, canonical, arguments, tokens.Count);
        if (node.HasChildren)
            return new MatchResult(MatchKind.Incomplete, null, canonical, arguments, tokens.Count);
        // A word the platform knows but this scenario does not serve.
        return new MatchResult(MatchKind.Invalid, null, canonical, arguments, Math.Max(0, tokens.Count - 1));
    }

    /// <summary>The grammar of a scenario: the platform's session commands, the scenario's commands and the platform's vocabulary.</summary>
    public static CommandTree For(Scenario scenario)
    {
        var tree = new CommandTree();
        if (!scenario.IsFtd)
        {
            tree.Add("enable", CommandAction.Enable, userMode: true);
            tree.Add("disable", CommandAction.Disable, userMode: true);
            tree.Add("configure terminal", CommandAction.ConfigureTerminal);
        }
        tree.Add("exit", CommandAction.Exit, userMode: true);
        tree.Add("logout", CommandAction.Exit, userMode: true);
        tree.Add("quit", CommandAction.Exit, userMode: true);
        if (scenario.IsIosXe)
        {
            tree.Add("terminal length {n}", CommandAction.TerminalPager, userMode: true);
            tree.Add("terminal width {n}", CommandAction.TerminalWidth, userMode: true);
            foreach (string word in new[] { "ssh", "setup", "send", "ping", "traceroute", "copy", "reload", "terminal monitor",
                         "show clock", "show version", "show interfaces", "show ip", "show crypto ca", "show crypto key", "show crypto map",
                         "show crypto ikev2", "show crypto isakmp sa", "show crypto session", "show crypto ipsec sa detail",
                         "show crypto ipsec sa interface", "show crypto ipsec sa address", "show crypto ipsec sa identity",
                         "show crypto ipsec sa peer", "show crypto ipsec security-association", "show crypto ipsec transform-set",
                         "show crypto ipsec policy", "show crypto ipsec profile", "show running-config" })
                tree.AddVocabulary(word);
        }
        else
        {
            tree.Add("terminal pager {n}", CommandAction.TerminalPager, userMode: false);
            tree.Add("terminal pager lines {n}", CommandAction.TerminalPager, userMode: false);
            foreach (string word in new[] { "ssh", "setup", "ping", "traceroute", "copy", "reload", "capture", "terminal monitor",
                         "show clock", "show version", "show conn", "show cpu", "show interface", "show running-config",
                         "show crypto ca", "show crypto key", "show crypto ikev1", "show crypto ikev2", "show crypto isakmp",
                         "show crypto protocol", "show crypto ipsec stats", "show crypto ipsec df-bit", "show crypto ipsec fragmentation",
                         "show crypto ipsec sa detail", "show crypto ipsec sa peer", "show crypto ipsec sa entry", "show crypto ipsec sa inactive",
                         "show asp table classify", "show asp drop", "show asp table vpn-context",
                         "packet-tracer input", "clear crypto ipsec sa counters", "clear crypto ipsec sa peer", "clear crypto ipsec sa entry",
                         "show vpn-sessiondb" })
                tree.AddVocabulary(word);
            if (scenario.IsAsa && scenario.Contexts is { Count: > 0 })
            {
                tree.Add("changeto context {word}", CommandAction.ChangetoContext);
                tree.Add("changeto system", CommandAction.ChangetoSystem);
                tree.AddVocabulary("show context");
            }
        }
        foreach (string command in scenario.Commands.Keys)
            tree.Add(command, CommandAction.Capture);
        return tree;
    }
}
