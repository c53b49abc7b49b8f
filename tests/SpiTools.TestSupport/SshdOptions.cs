namespace SpiTools.TestSupport;

/// <summary>How to start an <see cref="SshdHost"/>.</summary>
public sealed class SshdOptions
{
    /// <summary>The scenario: a folder with <c>scenario.json</c>, or a scenario name under the simulator's <c>Scenarios</c> folder.</summary>
    public required string Scenario { get; init; }

    /// <summary>Fault specs passed to the simulator as <c>--fault</c> (sshd clears the environment).</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Restricted algorithm lists; null: OpenSSH's defaults.</summary>
    public SshAlgorithms? Algorithms { get; init; }

    /// <summary>sshd's <c>PasswordAuthentication</c>: false leaves keyboard-interactive (and keys) as the only way in with the password.</summary>
    public bool PasswordAuthentication { get; init; } = true;

    /// <summary>When set (the path of a pwsh), root may log in with the instance's user key and gets the PowerShell
    /// subsystem: the instance is a jump host for PowerShell remoting over SSH.</summary>
    public string? PowerShellSubsystem { get; init; }

    /// <summary>The simulator's dll; default: <c>SpiTools.Simulator.dll</c> beside this library.</summary>
    public string? SimulatorPath { get; init; }

    /// <summary>The <c>dotnet</c> host; default: the one running this process, else <c>/usr/share/dotnet/dotnet</c>, else <c>dotnet</c> on PATH.</summary>
    public string? DotnetPath { get; init; }

    /// <summary>The loopback address sshd listens on (anything in 127.0.0.0/8; Linux answers on all of it).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>The port to listen on; null: a free port, with a new one tried when another listener takes it first.
    /// A given port that is taken throws <see cref="SshdPortTakenException"/>.</summary>
    public int? Port { get; init; }

    /// <summary>How long to wait for sshd to answer on its port.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
