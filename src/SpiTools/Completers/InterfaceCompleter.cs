using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SpiTools.Parsing;

namespace SpiTools.Completers
{
    /// <summary>
    /// Tab completion for <c>-Interface</c>: the interface names in the captures the command line gives (a file, or a
    /// folder of saved outputs, under <c>-SaveCapture</c>, where earlier runs saved them): the crypto-map interfaces of
    /// the SAs and the interfaces of packet traces. Reads at most 200 files within 2 seconds, so a tab never hangs.
    /// </summary>
    public sealed class InterfaceCompleter : IArgumentCompleter
    {
        private const int MaxFiles = 200;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            return Names(Files(fakeBoundParameters))
                .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }

        /// <summary>The interface names in the files, sorted, each once.</summary>
        internal static IEnumerable<string> Names(IEnumerable<string> files)
        {
            var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            var clock = Stopwatch.StartNew();
            foreach (var file in files.Take(MaxFiles))
            {
                if (clock.Elapsed > Budget) break;
                try
                {
                    foreach (var record in CaptureParser.ParseFile(file))
                    {
                        foreach (var name in Of(record))
                            if (!string.IsNullOrWhiteSpace(name)) names.Add(name!);
                        if (clock.Elapsed > Budget) break;
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // A file that cannot be read offers no names; completion goes on with the others.
                }
            }
            return names;
        }

        private static IEnumerable<string?> Of(ICaptureRecord record)
        {
            switch (record)
            {
                case IpsecSa sa: yield return sa.Interface; break;
                case InactiveIpsecSa inactive: yield return inactive.Interface; break;
                case PacketTrace trace:
                    yield return trace.InputInterface;
                    yield return trace.OutputInterface;
                    break;
            }
        }

        /// <summary>The files named by the bound -SaveCapture (a folder: its files, recursively).</summary>
        private static IEnumerable<string> Files(IDictionary bound)
        {
            string here = CurrentFolder();
            foreach (var (key, recurse) in new[] { ("SaveCapture", true) })
            {
                if (bound == null || !bound.Contains(key)) continue;
                foreach (var value in Values(bound[key]))
                {
                    string path;
                    try { path = System.IO.Path.GetFullPath(System.IO.Path.Combine(here, value)); }
                    catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException) { continue; }
                    if (File.Exists(path)) yield return path;
                    else if (Directory.Exists(path))
                        foreach (var f in SafeFiles(path, recurse)) yield return f;
                }
            }
        }

        /// <summary>The session's current file-system folder (relative paths on the command line are relative to it).</summary>
        private static string CurrentFolder()
        {
            try
            {
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                var location = ps.AddCommand("Microsoft.PowerShell.Management\\Get-Location").Invoke<PathInfo>().FirstOrDefault();
                if (location != null && location.Provider.Name == "FileSystem") return location.ProviderPath;
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is RuntimeException || ex is InvalidOperationException)
            {
                // No session to ask (a completer called outside one): the process's folder.
            }
            return Environment.CurrentDirectory;
        }

        private static IEnumerable<string> Values(object? value) => value switch
        {
            null => Array.Empty<string>(),
            PSObject ps => Values(ps.BaseObject),
            string s => new[] { s },
            IEnumerable many => many.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject?.ToString() : o?.ToString()).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!),
            _ => new[] { value.ToString() ?? "" },
        };

        private static IEnumerable<string> SafeFiles(string folder, bool recurse)
        {
            try { return Directory.EnumerateFiles(folder, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Take(MaxFiles).ToList(); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return Array.Empty<string>(); }
        }
    }
}
