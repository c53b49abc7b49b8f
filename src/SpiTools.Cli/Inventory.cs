using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SpiTools.Cli
{
    /// <summary>
    /// An inventory CSV for <c>spitools audit</c>: a header row, then one device a row. Columns (case-insensitive):
    /// <c>ComputerName</c> or <c>Host</c> (required), <c>Name</c> (the device's identity; else host[:port][/context]),
    /// <c>Port</c>, <c>Context</c>, <c>User</c>, <c>CredentialName</c>, <c>HostKeyFingerprint</c> (the columns
    /// <c>Invoke-SpiAudit</c> binds by property name, <c>User</c> aside). Every other column (Site, Owner, Region, …) is
    /// carried, in the file's order, to the device's summary (<see cref="Extra"/>).
    /// A password never comes from the file: <c>CredentialName</c> names the environment variable
    /// <c>SPITOOLS_PASSWORD_&lt;NAME&gt;</c> (upper case, other characters as <c>_</c>) that holds it.
    /// </summary>
    internal sealed class InventoryRow
    {
        public int Line { get; init; }
        public string Host { get; init; } = "";
        public string? Name { get; init; }
        public int? Port { get; init; }
        public string? Context { get; init; }
        public string? User { get; init; }
        public string? CredentialName { get; init; }
        public string? HostKeyFingerprint { get; init; }

        /// <summary>The row's other columns (not connection columns), name and value in the file's order; an empty cell is empty.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>The environment variable a credential name's password is read from.</summary>
        public static string PasswordVariable(string credentialName) =>
            "SPITOOLS_PASSWORD_" + new string(credentialName.ToUpperInvariant().Select(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_').ToArray());

        /// <summary>Reads the rows; a row without a host or with a bad port is an error naming its line.</summary>
        public static List<InventoryRow> Read(string path)
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0) throw new InvalidDataException($"{path}: the inventory is empty");
            var header = Split(lines[0]).Select(h => h.Trim()).ToList();
            int Col(params string[] names) => header.FindIndex(h => names.Any(n => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
            int host = Col("ComputerName", "Host", "HostName"), port = Col("Port"), context = Col("Context"), user = Col("User", "UserName"), cred = Col("CredentialName"),
                fingerprint = Col("HostKeyFingerprint"), name = Col("Name");
            var extra = header.Select((h, c) => (Name: h, Column: c))
                              .Where(h => h.Name.Length > 0 && !Services.Targets.InventoryColumnNames.IsConnectionColumn(h.Name)).ToList();
            if (host < 0) throw new InvalidDataException($"{path}:1: the inventory needs a ComputerName or Host column");
            var rows = new List<InventoryRow>();
            for (int i = 1; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i])) continue;
                var cells = Split(lines[i]);
                string? Cell(int c) => c >= 0 && c < cells.Count && cells[c].Trim().Length > 0 ? cells[c].Trim() : null;
                string h = Cell(host) ?? throw new InvalidDataException($"{path}:{i + 1}: no host");
                int? p = null;
                if (Cell(port) is { } ps)
                {
                    if (!int.TryParse(ps, out int pv) || pv < Services.Targets.OptionLimits.MinPort || pv > Services.Targets.OptionLimits.MaxPort)
                        throw new InvalidDataException($"{path}:{i + 1}: port '{ps}' is not {Services.Targets.OptionLimits.MinPort}-{Services.Targets.OptionLimits.MaxPort}");
                    p = pv;
                }
                rows.Add(new InventoryRow { Line = i + 1, Host = h, Name = Cell(name), Port = p, Context = Cell(context), User = Cell(user), CredentialName = Cell(cred), HostKeyFingerprint = Cell(fingerprint),
                    Extra = extra.Select(x => new KeyValuePair<string, string>(x.Name, Cell(x.Column) ?? "")).ToList() });
            }
            return rows;
        }

        /// <summary>One CSV line into cells (double quotes, doubled quotes inside).</summary>
        internal static List<string> Split(string line)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            return cells;
        }
    }
}
