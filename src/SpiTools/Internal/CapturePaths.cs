using System.Collections.Generic;
using System.Management.Automation;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>Capture paths resolved as the file-system cmdlets resolve them, for every cmdlet that reads captures or logs.</summary>
    internal static class CapturePaths
    {
        /// <summary>
        /// Resolves paths as the file-system cmdlets do: wildcards expand (one that matches nothing gives nothing, as
        /// with <c>Get-Item</c>), backtick escapes are honoured, a folder gives the files directly in it (a folder SpiTools
        /// saved devices under gives each device's latest run, <see cref="CaptureFiles"/>), and a path
        /// that does not exist is passed on so the reader reports it with its ErrorId.
        /// </summary>
        public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
        {
            var files = new List<string>();
            foreach (var path in paths)
            {
                foreach (var resolved in ResolveOne(cmdlet, path, literal))
                {
                    if (System.IO.Directory.Exists(resolved))
                    {
                        var inFolder = CaptureFiles.InFolder(resolved);
                        if (inFolder.Count > 0)
                        {
                            cmdlet.WriteVerbose($"{resolved}: a folder, read as one device's captures ({inFolder.Count} file(s))");
                            files.AddRange(inFolder);
                            continue;
                        }
                        var devices = CaptureFiles.SavedDevices(resolved);
                        if (devices.Count == 0) cmdlet.WriteWarning($"{resolved}: {CaptureFiles.NothingToRead}");
                        foreach (var device in devices)
                        {
                            cmdlet.WriteVerbose($"{resolved}: {device}, a saved device's latest run");
                            files.AddRange(CaptureFiles.InFolder(device));
                        }
                    }
                    else
                    {
                        files.Add(resolved);
                    }
                }
            }
            return files;
        }

        private static IEnumerable<string> ResolveOne(PSCmdlet cmdlet, string path, bool literal)
        {
            if (literal)
                return new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) };
            try
            {
                var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    cmdlet.WriteError(new ErrorRecord(new PSArgumentException($"{path}: not a file-system path"), Abstractions.ErrorIds.PathNotFileSystem, ErrorCategory.InvalidArgument, path));
                    return new string[0];
                }
                if (resolved.Count == 0) cmdlet.WriteVerbose($"{path}: matched no file");
                return resolved;
            }
            catch (ItemNotFoundException)
            {
                if (WildcardPattern.ContainsWildcardCharacters(path))
                {
                    cmdlet.WriteVerbose($"{path}: matched no file");
                    return new string[0];
                }
                return new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(WildcardPattern.Unescape(path)) };
            }
            catch (DriveNotFoundException)
            {
                return new[] { path };
            }
        }
    }
}
