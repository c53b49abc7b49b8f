using System.Text;
using System.Text.Json;

namespace SpiTools.Simulator;

/// <summary>
/// Appends every line the device received to the recording file, the enable password replaced by
/// <c>&lt;enable-password&gt;</c> (the recording is test evidence and holds no secret).
/// </summary>
public sealed class Recorder(string? path, string? enablePassword)
{
    public const string PasswordMark = "<enable-password>";

    public string? Path => path;

    public void Line(string line) => Append(Mask(line));

    public void Password() => Append(PasswordMark);

    /// <summary>A key pressed at a pager prompt: <c>&lt;pager:space&gt;</c>, <c>&lt;pager:enter&gt;</c>, <c>&lt;pager:q&gt;</c>, <c>&lt;pager:0x03&gt;</c>.</summary>
    public void PagerKey(int key) => Append(key switch
    {
        ' ' => "<pager:space>",
        '\r' or '\n' => "<pager:enter>",
        >= 0x21 and < 0x7f => $"<pager:{(char)key}>",
        _ => $"<pager:0x{key:x2}>",
    });

    private string Mask(string line) =>
        string.IsNullOrEmpty(enablePassword) ? line : line.Replace(enablePassword, PasswordMark, StringComparison.Ordinal);

    private void Append(string text)
    {
        if (path is null)
            return;
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\n");
        stream.Write(bytes);
    }
}

/// <summary>Which outputs folder is active per context; kept in a file so it survives across logins.</summary>
public sealed class StateStore
{
    private readonly string? _path;
    private readonly Dictionary<string, string> _active;

    public StateStore(string? path)
    {
        _path = path;
        _active = path is not null && File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? new()
            : new();
    }

    public string? Path => _path;

    public string? Get(string context) => _active.TryGetValue(context, out var folder) ? folder : null;

    public void Set(string context, string folder)
    {
        _active[context] = folder;
        if (_path is null)
            return;
        string temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_active));
        File.Move(temp, _path, overwrite: true);
    }
}
