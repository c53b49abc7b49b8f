using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>
    /// The input parameters every capture-reading cmdlet shares: <c>-Path</c> (wildcards), <c>-LiteralPath</c>
    /// (<c>Get-ChildItem</c> output binds by <c>PSPath</c>), and text: <c>Get-Content</c> lines or whole strings from
    /// the pipeline, or Posh-SSH <c>Invoke-SSHCommand</c> results (<c>Output</c> and <c>Host</c> by property name).
    /// Text is gathered per host until the end of the pipeline and read as one capture.
    /// </summary>
    public abstract class CaptureInputCommand : PSCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        protected const string TextSet = "InputText";

        private readonly List<string> _files = new List<string>();
        private readonly Dictionary<string, List<string?>> _text = new Dictionary<string, List<string?>>();
        private readonly List<string> _hosts = new List<string>();

        /// <summary>Capture files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Capture files, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Device output as text: lines or whole strings from the pipeline, or Posh-SSH's <c>Output</c>.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Output", "Text")]
        [AllowEmptyString]
        [AllowNull]
        public string[]? InputText { get; set; }

        /// <summary>The device the text came from (Posh-SSH's <c>Host</c>); a prompt echoed in the text takes precedence.</summary>
        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "HostName", "Device")]
        public string? ComputerName { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TextSet)
            {
                string key = ComputerName ?? "";
                if (!_text.TryGetValue(key, out var lines))
                {
                    _text[key] = lines = new List<string?>();
                    _hosts.Add(key);
                }
                if (InputText != null) lines.AddRange(InputText);
                return;
            }
            foreach (var p in ParameterSetName == PathSet ? Path! : LiteralPath!)
                _files.AddRange(Resolve(p, literal: ParameterSetName == LiteralPathSet));
        }

        protected override void EndProcessing()
        {
            var sink = new CmdletSink(this);
            Forward(_files, _hosts.Select(h => (h.Length == 0 ? null : h, (IReadOnlyList<string?>)_text[h])).ToList(), sink);
        }

        /// <summary>Hands the resolved files and gathered texts to the core service.</summary>
        protected abstract void Forward(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, SpiTools.Abstractions.ICommandSink sink);

        /// <summary>Wildcards and provider paths to file-system paths; a path that resolves to nothing is passed on so the core reports it.</summary>
        private IEnumerable<string> Resolve(string path, bool literal)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                yield return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                yield break;
            }
            System.Collections.ObjectModel.Collection<string>? resolved = null;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException)
            {
            }
            if (resolved == null || resolved.Count == 0)
            {
                yield return path;
                yield break;
            }
            foreach (var r in resolved) yield return r;
        }

        /// <summary>Reads the inputs and outputs the records of the given types.</summary>
        protected static void ReadAndOutput(IReadOnlyList<string> files, IReadOnlyList<(string? Host, IReadOnlyList<string?> Lines)> texts, CaptureReadOptions options, SpiTools.Abstractions.ICommandSink sink)
        {
            CaptureReadService.ReadFiles(files, options, sink);
            foreach (var (host, lines) in texts) CaptureReadService.ReadText(lines, host, options, sink);
        }
    }
}
