using System.Collections.Generic;
using SpiTools.Abstractions;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// The files and texts a pipeline reads at its end, kept as they were added: files in order (a folder expanded to
    /// the files directly in it), and text lines gathered per device label, so a label's lines piped one by one are one text.
    /// </summary>
    internal sealed class CaptureInputs
    {
        private readonly List<string> _files = new List<string>();
        private readonly List<(string? Device, List<string?> Lines)> _texts = new List<(string?, List<string?>)>();

        public IReadOnlyList<string> Files => _files;

        public bool IsEmpty => _files.Count == 0 && _texts.Count == 0;

        /// <summary>Keeps a file input or a text input; false for any other kind.</summary>
        public bool Add(PipelineInput input)
        {
            switch (input.Kind)
            {
                case PipelineInputKind.File:
                    _files.AddRange(CaptureFiles.Expand(input.Path!));
                    return true;
                case PipelineInputKind.Text:
                    int i = _texts.FindIndex(t => t.Device == input.Device);
                    if (i < 0)
                    {
                        _texts.Add((input.Device, new List<string?>()));
                        i = _texts.Count - 1;
                    }
                    _texts[i].Lines.AddRange(input.Lines);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The text kept, one entry per device label.</summary>
        public IReadOnlyList<(string? Device, IReadOnlyList<string?> Lines)> Texts =>
            _texts.ConvertAll(t => (t.Device, (IReadOnlyList<string?>)t.Lines));
    }
}
