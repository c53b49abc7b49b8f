using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpiTools.Simulator;

/// <summary>One entry of <see cref="Scenario.StateChanges"/>: after <see cref="After"/> the outputs come from another folder.</summary>
public sealed class StateChange
{
    /// <summary>The command (full keywords, as in <see cref="Scenario.Commands"/>) that changes the state.</summary>
    public string After { get; set; } = "";

    /// <summary>The context it applies to (multi-context ASA); null: the device without contexts.</summary>
    public string? Context { get; set; }

    /// <summary>The folder (relative to the scenario) the outputs come from afterwards.</summary>
    public string Outputs { get; set; } = "";
}

/// <summary>The scenario file (<c>scenario.json</c>) of a scenario folder.</summary>
public sealed class Scenario
{
    public string? Description { get; set; }

    /// <summary><c>asa</c>, <c>ftd</c> or <c>iosxe</c>.</summary>
    public string Platform { get; set; } = "asa";

    public string Hostname { get; set; } = "device";

    /// <summary>When set, <c>enable</c> asks for it; when not, <c>enable</c> on ASA / IOS-XE succeeds after an empty <c>Password:</c>.</summary>
    public string? EnablePassword { get; set; }

    /// <summary>The session starts in privileged mode (AAA auto-enable).</summary>
    public bool StartPrivileged { get; set; }

    /// <summary>Lines per page until the pager is turned off; 0: no pager.</summary>
    public int PagerLines { get; set; } = 24;

    /// <summary>Text printed once after login, before the first prompt; null: the platform's usual one.</summary>
    public string? Banner { get; set; }

    /// <summary>The folder of the outputs (single-context devices).</summary>
    public string Outputs { get; set; } = "device";

    /// <summary>Multi-context ASA: context name → folder of its outputs.</summary>
    public Dictionary<string, string>? Contexts { get; set; }

    /// <summary>The context the login lands in (multi-context ASA).</summary>
    public string? StartContext { get; set; }

    /// <summary>Command (full keywords) → capture file in the current outputs folder; an empty file name: accepted, prints nothing.</summary>
    public Dictionary<string, string> Commands { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<StateChange> StateChanges { get; set; } = new();

    /// <summary>Faults, in the syntax of <c>--fault</c> (see <see cref="FaultSet"/>).</summary>
    public List<string> Faults { get; set; } = new();

    /// <summary>Where received lines are appended, relative to the scenario folder, unless <c>--record</c> is given.</summary>
    public string? Recording { get; set; }

    [JsonIgnore]
    public string Directory { get; private set; } = "";

    public bool IsAsa => Platform == "asa";
    public bool IsFtd => Platform == "ftd";
    public bool IsIosXe => Platform == "iosxe";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <c>scenario.json</c> from a folder (or the file itself) and checks it.</summary>
    public static Scenario Load(string path)
    {
        string file = System.IO.Directory.Exists(path) ? Path.Combine(path, "scenario.json") : path;
        if (!File.Exists(file))
            throw new ScenarioException($"no scenario file at {file}");
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(file), Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{file}: {e.Message}");
        }
        if (scenario is null)
            throw new ScenarioException($"{file}: empty scenario");
        scenario.Directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        scenario.Platform = scenario.Platform.Trim().ToLowerInvariant();
        if (scenario.Platform is not ("asa" or "ftd" or "iosxe"))
            throw new ScenarioException($"{file}: platform must be asa, ftd or iosxe, not '{scenario.Platform}'");
        if (scenario.Contexts is { Count: > 0 } && !scenario.IsAsa)
            throw new ScenarioException($"{file}: contexts exist only on the ASA");
        if (scenario.StartContext is not null && (scenario.Contexts is null || !scenario.Contexts.ContainsKey(scenario.StartContext)))
            throw new ScenarioException($"{file}: startContext '{scenario.StartContext}' is not among the contexts");
        scenario.Commands = new Dictionary<string, string>(scenario.Commands, StringComparer.OrdinalIgnoreCase);
        foreach (var change in scenario.StateChanges)
        {
            if (!scenario.Commands.ContainsKey(change.After))
                throw new ScenarioException($"{file}: state change after '{change.After}', which is not among the commands");
        }
        return scenario;
    }
}

/// <summary>A scenario or an argument that cannot be used.</summary>
public sealed class ScenarioException(string message) : Exception(message);
