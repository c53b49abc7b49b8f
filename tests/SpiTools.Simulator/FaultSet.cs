namespace SpiTools.Simulator;

/// <summary>
/// Injectable faults. Each is one spec string, from the scenario's <c>faults</c> list, a <c>--fault</c>
/// argument or the <c>SPITOOLS_SIM_FAULTS</c> environment variable (specs separated by <c>;</c>):
/// <list type="bullet">
/// <item><c>drip=MS</c> or <c>drip=MS/BYTES</c>: every output trickles out BYTES (default 8) at a time, MS milliseconds apart.</item>
/// <item><c>disconnect=LINES</c>: a capture's output stops after LINES lines and the session ends (exit code 3).</item>
/// <item><c>no-prompt</c>: no prompt after a capture's output.</item>
/// <item><c>garbage</c>: control and non-ASCII bytes in the middle of each capture's output.</item>
/// <item><c>sticky-pager</c>: <c>terminal pager 0</c> / <c>terminal length 0</c> are accepted and the pager stays on.</item>
/// <item><c>deny=COMMAND</c>: <c>Command authorization failed</c> for commands starting with COMMAND (full keywords).</item>
/// <item><c>missing=COMMAND</c>: an older release without COMMAND: the platform's invalid-input error.</item>
/// <item><c>cursor-flood=BYTES</c>: BYTES of <c>ESC[99999C</c> and CR before each capture's output (<see cref="HostileOutput"/>).</item>
/// <item><c>cursor-text-flood=BYTES</c>: BYTES of <c>x ESC[99999C x CR</c> (text at both ends of each line) before each capture's output.</item>
/// <item><c>flood=MB</c>: each capture's output is MB megabytes of SA counter lines, then the prompt.</item>
/// <item><c>endless</c>: each capture's output never ends (with <c>cursor-flood</c>: a cursor flood without end).</item>
/// <item><c>login-delay=MS</c>: nothing at all for MS milliseconds after login (a slow PAM or AAA step), then the banner.</item>
/// <item><c>config-after</c>, <c>ask</c>, <c>disconnect-after</c>, <c>slow</c>, <c>banner</c>, <c>banner-pause</c>, <c>rename-after</c>: see <see cref="DialogueFaults"/>.</item>
/// </list>
/// </summary>
public sealed class FaultSet
{
    public const string EnvironmentVariable = "SPITOOLS_SIM_FAULTS";

    public int DripDelayMs { get; private set; }
    public int DripChunkBytes { get; private set; } = 8;
    public int? DisconnectAfterLines { get; private set; }
    public bool NoPrompt { get; private set; }
    public bool Garbage { get; private set; }
    public bool StickyPager { get; private set; }
    public long CursorFloodBytes { get; private set; }
    public long CursorTextFloodBytes { get; private set; }
    public long FloodBytes { get; private set; }
    public bool Endless { get; private set; }
    public int LoginDelayMs { get; private set; }
    public List<string[]> Denied { get; } = new();
    public List<string[]> Missing { get; } = new();

    /// <summary>The faults of the dialogue around the commands: configuration mode, questions, renames, slow answers (<see cref="DialogueFaults"/>).</summary>
    public DialogueFaults Dialogue { get; } = new();

    public void Add(string spec)
    {
        spec = spec.Trim();
        if (spec.Length == 0)
            return;
        int eq = spec.IndexOf('=');
        string name = (eq < 0 ? spec : spec[..eq]).Trim().ToLowerInvariant();
        string? value = eq < 0 ? null : spec[(eq + 1)..].Trim();
        switch (name)
        {
            case "drip":
            {
                string[] parts = Require(name, value).Split('/');
                DripDelayMs = ParseInt(name, parts[0], 0, 10_000);
                if (parts.Length > 1)
                    DripChunkBytes = ParseInt(name, parts[1], 1, 65_536);
                break;
            }
            case "disconnect":
                DisconnectAfterLines = value is null ? 10 : ParseInt(name, value, 0, int.MaxValue);
                break;
            case "no-prompt":
                NoPrompt = true;
                break;
            case "garbage":
                Garbage = true;
                break;
            case "sticky-pager":
                StickyPager = true;
                break;
            case "deny":
                Denied.Add(CommandTree.Words(Require(name, value)));
                break;
            case "missing":
                Missing.Add(CommandTree.Words(Require(name, value)));
                break;
            case "cursor-flood":
                CursorFloodBytes = ParseInt(name, Require(name, value), 1, int.MaxValue);
                break;
            case "cursor-text-flood":
                CursorTextFloodBytes = ParseInt(name, Require(name, value), 1, int.MaxValue);
                break;
            case "flood":
                FloodBytes = ParseInt(name, Require(name, value), 1, 100_000) * 1024L * 1024;
                break;
            case "endless":
                Endless = true;
                break;
            case "login-delay":
                LoginDelayMs = ParseInt(name, Require(name, value), 0, 600_000);
                break;
            default:
                if (Dialogue.TryAdd(name, value))
                    break;
                throw new ScenarioException($"unknown fault '{spec}' (drip, disconnect, no-prompt, garbage, sticky-pager, deny, missing, cursor-flood, cursor-text-flood, flood, endless, login-delay, " +
                    "config-after, ask, disconnect-after, slow, banner, banner-pause, rename-after)");
        }
    }

    /// <summary>The first entry of <paramref name="list"/> that <paramref name="canonical"/> starts with, else null.</summary>
    public static string[]? FindPrefix(List<string[]> list, IReadOnlyList<string> canonical)
    {
        foreach (var entry in list)
        {
            if (entry.Length > canonical.Count)
                continue;
            bool all = true;
            for (int i = 0; i < entry.Length && all; i++)
                all = string.Equals(entry[i], canonical[i], StringComparison.OrdinalIgnoreCase);
            if (all)
                return entry;
        }
        return null;
    }

    private static string Require(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ScenarioException($"fault '{name}' needs a value ({name}=...)") : value;

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v
            : throw new ScenarioException($"fault '{name}': '{text}' is not a number from {min} to {max}");
}
