using SpiTools.Simulator;

// spitools-sim --scenario DIR [--record FILE] [--state FILE] [--fault SPEC]...
// Speaks the scenario's device CLI on stdin/stdout. Exit codes: 0 logout or end of input,
// 2 unusable scenario or arguments, 3 the "disconnect" fault ended the session.
string? scenarioPath = null, recordPath = null, statePath = null;
var faultSpecs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    string? Next() => i + 1 < args.Length ? args[++i] : null;
    switch (args[i])
    {
        case "--scenario": scenarioPath = Next(); break;
        case "--record": recordPath = Next(); break;
        case "--state": statePath = Next(); break;
        case "--fault": faultSpecs.Add(Next() ?? ""); break;
        default:
            Console.Error.WriteLine($"spitools-sim: unknown argument '{args[i]}'");
            return 2;
    }
}
if (scenarioPath is null)
{
    Console.Error.WriteLine("usage: spitools-sim --scenario DIR [--record FILE] [--state FILE] [--fault SPEC]...");
    return 2;
}

try
{
    var scenario = Scenario.Load(scenarioPath);
    var faults = new FaultSet();
    foreach (string spec in scenario.Faults)
        faults.Add(spec);
    foreach (string spec in (Environment.GetEnvironmentVariable(FaultSet.EnvironmentVariable) ?? "").Split(';'))
        faults.Add(spec);
    foreach (string spec in faultSpecs)
        faults.Add(spec);

    recordPath ??= scenario.Recording is null ? null : Path.Combine(scenario.Directory, scenario.Recording);
    statePath ??= recordPath is null ? null : recordPath + ".state";
    var recorder = new Recorder(recordPath, scenario.EnablePassword);
    var state = new StateStore(statePath);

    // The raw descriptors, not Console's streams: on a terminal, Console's input stream edits and echoes
    // lines itself, and the device must see every keystroke (pager keys) and do its own echo.
    using var input = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
    using var output = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
    return new DeviceSession(scenario, faults, input, output, recorder, state).Run();
}
catch (ScenarioException e)
{
    Console.Error.WriteLine("spitools-sim: " + e.Message);
    return 2;
}
