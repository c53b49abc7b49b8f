using System.Diagnostics;
using System.Text;

namespace SpiTools.Simulator.Tests;

/// <summary>The simulator as a child process on pipes: what a test types and what it reads back.</summary>
internal sealed class SimProcess : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _received = new();
    private readonly Task _reader;
    private int _consumed;
    private readonly string? _ownFolder;

    public string RecordPath { get; }
    public int Reads { get; private set; }

    public static string Scenarios => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    public static string ScenarioFile(string scenario, string folder, string file) => Path.Combine(Scenarios, scenario, folder, file);

    public SimProcess(string scenario, string? recordPath = null, IEnumerable<string>? faults = null, string? environmentFaults = null)
    {
        if (recordPath is null) _ownFolder = Directory.CreateTempSubdirectory("spitools-sim-test-").FullName;
        RecordPath = recordPath ?? Path.Combine(_ownFolder!, "recording.log");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SpiTools.Simulator.dll"));
        info.ArgumentList.Add("--scenario");
        info.ArgumentList.Add(Path.Combine(Scenarios, scenario));
        info.ArgumentList.Add("--record");
        info.ArgumentList.Add(RecordPath);
        foreach (string fault in faults ?? [])
        {
            info.ArgumentList.Add("--fault");
            info.ArgumentList.Add(fault);
        }
        info.Environment.Remove("SPITOOLS_SIM_FAULTS");
        if (environmentFaults is not null)
            info.Environment["SPITOOLS_SIM_FAULTS"] = environmentFaults;
        _process = Process.Start(info)!;
        _process.StandardError.ReadToEndAsync();
        _reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            var stdout = _process.StandardOutput.BaseStream;
            int n;
            while ((n = await stdout.ReadAsync(buffer)) > 0)
            {
                lock (_received)
                {
                    _received.Write(buffer, 0, n);
                    Reads++;
                }
            }
        });
    }

    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    public void Send(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Types a line as a terminal does (ends with CR).</summary>
    public void Line(string text) => Send(text + "\r");

    public byte[] AllBytes()
    {
        lock (_received)
            return _received.ToArray();
    }

    public string All() => Encoding.UTF8.GetString(AllBytes());

    /// <summary>Everything received since the last call, once it ends with <paramref name="marker"/> (bounded wait).</summary>
    public string ReadUntil(string marker, int timeoutMs = 20_000)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            string all = All();
            int at = all.IndexOf(marker, _consumed, StringComparison.Ordinal);
            if (at >= 0)
            {
                string text = all[_consumed..(at + marker.Length)];
                _consumed = at + marker.Length;
                return text;
            }
            if (watch.ElapsedMilliseconds > timeoutMs || (_process.HasExited && _reader.IsCompleted))
                throw new TimeoutException($"'{marker}' not received; got:\n{all[_consumed..]}");
            Thread.Sleep(10);
        }
    }

    /// <summary>Closes the input and waits (bounded) for the exit code.</summary>
    public int Finish(int timeoutMs = 20_000)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        if (!_process.WaitForExit(timeoutMs))
            throw new TimeoutException("the simulator did not exit");
        _reader.Wait(timeoutMs);
        return _process.ExitCode;
    }

    public string[] Recording() => File.Exists(RecordPath) ? File.ReadAllLines(RecordPath) : [];

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        // The recording's folder, when this process made it, goes with it (a test that named its own keeps it).
        if (_ownFolder is not null)
        {
            try { Directory.Delete(_ownFolder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A capture as the simulator serves it: without its echoed command line, CRLF line ends.</summary>
    public static string Served(string scenario, string folder, string file)
    {
        var lines = File.ReadAllText(ScenarioFile(scenario, folder, file)).Replace("\r\n", "\n").Split('\n').ToList();
        if (lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        lines.RemoveAt(0);
        return string.Concat(lines.Select(l => l + "\r\n"));
    }
}
