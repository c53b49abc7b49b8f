namespace SpiTools.Simulator;

/// <summary>
/// Faults of the dialogue around the commands, for the hostile-device tests (parsed by <see cref="FaultSet"/>). A
/// COMMAND is given in full keywords and matches the commands it starts (<c>show crypto ipsec sa</c> matches every
/// listing); <c>login</c> means before the first prompt.
/// <list type="bullet">
/// <item><c>config-after=COMMAND</c>: after COMMAND (or at <c>login</c>) the session is in configuration mode.</item>
/// <item><c>ask=COMMAND|QUESTION</c>: after COMMAND (or at <c>login</c>) the device prints QUESTION instead of the
/// prompt and waits for a line (recorded as any line), then shows the prompt.</item>
/// <item><c>disconnect-after=COMMAND</c>: the session ends right after COMMAND's output, before the prompt (exit code 3).</item>
/// <item><c>slow=COMMAND|MS</c>: COMMAND's answer comes after MS milliseconds.</item>
/// <item><c>banner=TEXT</c>: the banner (<c>\n</c> for a line break); <c>banner-pause=MS</c>: a pause after each banner line's text, before its line break.</item>
/// <item><c>rename-after=COMMAND|NAME</c>: after COMMAND the prompt shows NAME as the host name.</item>
/// </list>
/// </summary>
public sealed class DialogueFaults
{
    public const string Login = "login";

    public List<string[]> ConfigAfter { get; } = new();
    public List<(string[] After, string Question)> Questions { get; } = new();
    public List<string[]> DisconnectAfter { get; } = new();
    public List<(string[] Command, int Ms)> Slow { get; } = new();
    public List<(string[] After, string Name)> Renames { get; } = new();
    public string? Banner { get; set; }
    public int BannerPauseMs { get; set; }

    /// <summary>Takes a spec it knows (true), else leaves it to the other faults (false).</summary>
    public bool TryAdd(string name, string? value)
    {
        switch (name)
        {
            case "config-after":
                ConfigAfter.Add(Words(Require(name, value)));
                return true;
            case "ask":
            {
                var (command, question) = Split(name, value);
                Questions.Add((Words(command), question));
                return true;
            }
            case "disconnect-after":
                DisconnectAfter.Add(Words(Require(name, value)));
                return true;
            case "slow":
            {
                var (command, ms) = Split(name, value);
                Slow.Add((Words(command), int.TryParse(ms, out int n) && n >= 0 && n <= 600_000 ? n : throw new ScenarioException($"fault 'slow': '{ms}' is not a number of milliseconds")));
                return true;
            }
            case "rename-after":
            {
                var (command, newName) = Split(name, value);
                Renames.Add((Words(command), newName));
                return true;
            }
            case "banner":
                Banner = Require(name, value).Replace("\\n", "\n", StringComparison.Ordinal);
                return true;
            case "banner-pause":
                BannerPauseMs = int.TryParse(Require(name, value), out int p) && p >= 0 && p <= 60_000 ? p : throw new ScenarioException("fault 'banner-pause': not a number of milliseconds");
                return true;
            default:
                return false;
        }
    }

    /// <summary>True when <paramref name="entry"/> names <paramref name="canonical"/> (a prefix of its words) or is <c>login</c> and canonical is null.</summary>
    public static bool Names(string[] entry, IReadOnlyList<string>? canonical)
    {
        if (canonical is null)
            return entry.Length == 1 && entry[0] == Login;
        return FaultSet.FindPrefix([entry], canonical) is not null;
    }

    private static string[] Words(string command) => command.Trim() == Login ? [Login] : CommandTree.Words(command);

    private static (string, string) Split(string name, string? value)
    {
        string v = Require(name, value);
        int bar = v.IndexOf('|');
        if (bar <= 0 || bar == v.Length - 1)
            throw new ScenarioException($"fault '{name}' needs COMMAND|VALUE");
        return (v[..bar].Trim(), v[(bar + 1)..]);
    }

    private static string Require(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ScenarioException($"fault '{name}' needs a value ({name}=...)") : value;
}
